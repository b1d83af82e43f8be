package io.dockernet.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas for editors (yaml-language-server in VS Code and others), one per kind and version,
 * made from the CRDs' OpenAPI schemas by the same conversion {@code dockernet validate} uses, plus
 * what an editor needs to check a whole manifest: the apiVersion and kind it must name and the
 * metadata fields. Committed under docs/schemas/ (EditorSchemasUpToDateTest keeps them in sync).
 */
public final class EditorSchemas {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private EditorSchemas() {}

  /** File name ({@code dockernetwork-v1alpha1.json}) to schema, for every kind and version. */
  public static Map<String, ObjectNode> fromCrds(List<JsonNode> crds) {
    Map<String, ObjectNode> out = new TreeMap<>();
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      String group = spec.path("group").asText();
      String kind = spec.path("names").path("kind").asText();
      for (JsonNode version : spec.path("versions")) {
        JsonNode openApi = version.path("schema").path("openAPIV3Schema");
        if (openApi.isMissingNode()) {
          continue;
        }
        String apiVersion = group + "/" + version.path("name").asText();
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", kind + " (" + apiVersion + ")");
        schema.setAll(CrdSchemaValidator.CrdSchemas.toJsonSchema(openApi));
        ObjectNode props = schema.with("properties");
        props.set("apiVersion", JSON.objectNode().put("type", "string").put("const", apiVersion));
        props.set("kind", JSON.objectNode().put("type", "string").put("const", kind));
        props.set("metadata", metadata());
        schema.putArray("required").add("apiVersion").add("kind").add("metadata");
        out.put(
            kind.toLowerCase(Locale.ROOT) + "-" + version.path("name").asText() + ".json", schema);
      }
    }
    return out;
  }

  /** The ObjectMeta fields manifests write; others (set by an API server) are allowed too. */
  private static ObjectNode metadata() {
    ObjectNode stringMap =
        JSON.objectNode()
            .put("type", "object")
            .set("additionalProperties", JSON.objectNode().put("type", "string"));
    ObjectNode metadata = JSON.objectNode().put("type", "object");
    ObjectNode props = metadata.putObject("properties");
    props.set("name", JSON.objectNode().put("type", "string"));
    props.set("namespace", JSON.objectNode().put("type", "string"));
    props.set("labels", stringMap.deepCopy());
    props.set("annotations", stringMap.deepCopy());
    metadata.putArray("required").add("name");
    return metadata;
  }
}
