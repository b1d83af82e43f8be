package io.dockernet.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.dockernet.validate.Location;
import io.dockernet.validate.ManifestPath;
import io.dockernet.validate.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks manifests offline against the OpenAPI schemas of our CustomResourceDefinitions (crds/), as
 * an API server would before storing them: types, enums, patterns, required fields, and fields the
 * schema does not know (which an API server prunes or, with strict field validation, refuses). The
 * JSON-schema work is done by networknt's json-schema-validator; this class only turns a CRD schema
 * into a JSON schema and the library's errors into {@link Problem}s.
 *
 * <p>Not checked here: CEL rules ({@code x-kubernetes-validations}); our own validation rules cover
 * them.
 */
public final class CrdSchemaValidator {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Classpath folder of the CRDs, when the build packs crds/ into the jar. */
  public static final String CLASSPATH_DIR = "META-INF/dockernet/crds/";

  static final List<String> CRD_FILES =
      List.of(
          "dockernetworks.dockernet.io-v1.yml",
          "networkattachments.dockernet.io-v1.yml",
          "dockerhosts.dockernet.io-v1.yml",
          "subnetpools.dockernet.io-v1.yml",
          "dockernetworkpolicies.dockernet.io-v1.yml");

  /** Schema per {@code group/version/Kind}. */
  private final Map<String, Schema> schemas;

  private CrdSchemaValidator(Map<String, Schema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  /** The CRDs (*.yml, *.yaml) of a folder such as the repository's crds/. */
  public static CrdSchemaValidator fromDirectory(Path dir) {
    List<JsonNode> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
              .sorted(Comparator.naturalOrder())
              .toList()) {
        crds.add(YAML.readTree(f.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRDs from " + dir, e);
    }
    return fromCrds(crds);
  }

  /** The CRDs packed in the jar under {@link #CLASSPATH_DIR}. */
  public static CrdSchemaValidator fromClasspath() {
    return fromCrds(crdsOnClasspath());
  }

  /** The CRD documents packed in the jar (also what {@code dockernet explain} reads). */
  public static List<JsonNode> crdsOnClasspath() {
    List<JsonNode> crds = new ArrayList<>();
    for (String name : CRD_FILES) {
      try (InputStream in =
          CrdSchemaValidator.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name)) {
        if (in == null) {
          throw new IllegalStateException(
              "CRD " + CLASSPATH_DIR + name + " is not on the classpath");
        }
        crds.add(YAML.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }

  /** CRD documents (apiextensions.k8s.io/v1 CustomResourceDefinition) as trees. */
  public static CrdSchemaValidator fromCrds(List<JsonNode> crds) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Map<String, Schema> schemas = new HashMap<>();
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      String group = spec.path("group").asText();
      String kind = spec.path("names").path("kind").asText();
      for (JsonNode version : spec.path("versions")) {
        JsonNode openApi = version.path("schema").path("openAPIV3Schema");
        if (openApi.isMissingNode()) {
          continue;
        }
        ObjectNode jsonSchema = CrdSchemas.toJsonSchema(openApi);
        schemas.put(
            group + "/" + version.path("name").asText() + "/" + kind,
            registry.getSchema(jsonSchema));
      }
    }
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("no CRD schemas found");
    }
    return new CrdSchemaValidator(schemas);
  }

  /** Whether a document's apiVersion and kind name one of our CRDs. */
  public boolean knows(JsonNode document) {
    return schemas.containsKey(key(document));
  }

  /**
   * Problems of one document ({@code path: message}, no location); empty for kinds that are not
   * ours.
   */
  public List<Problem> validate(JsonNode document) {
    return validate(document, path -> null);
  }

  /**
   * Problems of one document, each located by {@code locate} (path, e.g. {@code
   * spec.ipam.config[0].subnet}, to where it was written; null when unknown). Documents of other
   * API groups are not checked; a kind of the dockernet.io group that has no CRD is a problem.
   */
  public List<Problem> validate(JsonNode document, Function<String, Location> locate) {
    String key = key(document);
    Schema schema = schemas.get(key);
    if (schema == null) {
      String apiVersion = document.path("apiVersion").asText();
      if (apiVersion.startsWith("dockernet.io/")) {
        return List.of(
            new Problem(
                locate.apply("kind"),
                "kind",
                "no CustomResourceDefinition for kind "
                    + document.path("kind").asText()
                    + " in "
                    + apiVersion
                    + "; known: "
                    + String.join(", ", schemas.keySet())));
      }
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    for (Error error : schema.validate(document)) {
      String path = path(error.getInstanceLocation());
      String message = message(error);
      if (error.getProperty() != null && "additionalProperties".equals(error.getKeyword())) {
        path = ManifestPath.field(path, error.getProperty());
      } else if (error.getProperty() != null && "required".equals(error.getKeyword())) {
        path = ManifestPath.field(path, error.getProperty());
      }
      problems.add(new Problem(locate.apply(path), path, message));
    }
    return problems.stream().distinct().toList();
  }

  private static String key(JsonNode document) {
    return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
  }

  /** networknt's instance location (a list of property names and indexes) as our manifest path. */
  static String path(NodePath location) {
    String path = "";
    if (location == null) {
      return path;
    }
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? ManifestPath.index(path, index)
              : ManifestPath.field(path, String.valueOf(element));
    }
    return path;
  }

  /** The library's message without its own location prefix, with the wording kubectl users know. */
  static String message(Error error) {
    String m = error.getMessage();
    int colon = m.indexOf(": ");
    if (m.startsWith("$") && colon > 0) {
      m = m.substring(colon + 2);
    }
    return switch (String.valueOf(error.getKeyword())) {
      case "additionalProperties" ->
          "unknown field \"" + error.getProperty() + "\" (not in the " + "CRD schema)";
      case "required" -> "required field \"" + error.getProperty() + "\" is missing";
      default -> m;
    };
  }

  /** Helpers that turn a CRD's structural OpenAPI v3 schema into an equivalent JSON schema. */
  static final class CrdSchemas {
    private CrdSchemas() {}

    static ObjectNode toJsonSchema(JsonNode openApi) {
      ObjectNode root = convert(openApi);
      // Every object carries these; CRD schemas may leave them out.
      ObjectNode props = root.with("properties");
      props.putIfAbsent("apiVersion", JsonNodeFactory.instance.objectNode().put("type", "string"));
      props.putIfAbsent("kind", JsonNodeFactory.instance.objectNode().put("type", "string"));
      props.putIfAbsent("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
      return root;
    }

    private static ObjectNode convert(JsonNode node) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String k = f.getKey();
        JsonNode v = f.getValue();
        switch (k) {
          case "properties", "patternProperties" -> {
            ObjectNode converted = out.putObject(k);
            v.fields().forEachRemaining(p -> converted.set(p.getKey(), convert(p.getValue())));
          }
          case "items", "not" -> out.set(k, v.isObject() ? convert(v) : v);
          case "additionalProperties" -> out.set(k, v.isObject() ? convert(v) : v);
          case "allOf", "anyOf", "oneOf" -> {
            ArrayNode arr = out.putArray(k);
            v.forEach(item -> arr.add(convert(item)));
          }
          // Kubernetes extensions and OpenAPI-only keywords: handled below or not schema rules.
          case "nullable",
              "x-kubernetes-int-or-string",
              "x-kubernetes-preserve-unknown-fields",
              "x-kubernetes-validations",
              "x-kubernetes-list-type",
              "x-kubernetes-list-map-keys",
              "x-kubernetes-map-type",
              "x-kubernetes-embedded-resource",
              "format",
              "example",
              "externalDocs" -> {}
          default -> out.set(k, v);
        }
      }
      if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
        out.remove("type");
        ArrayNode types = out.putArray("type");
        types.add("integer").add("string");
      }
      if (node.path("nullable").asBoolean(false)
          && out.has("type")
          && out.get("type").isTextual()) {
        String type = out.get("type").asText();
        out.putArray("type").add(type).add("null");
      }
      // A structural schema prunes what it does not describe: report such fields as unknown.
      boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if ("object".equals(node.path("type").asText())
          && node.has("properties")
          && !node.has("additionalProperties")
          && !preserve) {
        out.put("additionalProperties", false);
      }
      return out;
    }
  }
}
