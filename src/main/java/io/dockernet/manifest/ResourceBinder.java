package io.dockernet.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dockernet.api.v1alpha1.ApiGroup;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicySpec;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import io.dockernet.validate.ManifestPath;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Binds one document's tree to an API object: dispatches on apiVersion and kind, checks the
 * metadata fields a manifest may carry, and binds spec strictly, reporting every unknown field and
 * wrong type (not just the first) at the node that is wrong.
 */
final class ResourceBinder {
  static final String DEFAULT_NAMESPACE = "default";
  static final List<String> KINDS =
      List.of(
          "DockerNetwork", "NetworkAttachment", "DockerHost", "DockerNetworkPolicy", "SubnetPool");
  private static final List<String> CLUSTER_SCOPED = List.of("DockerHost", "SubnetPool");
  private static final List<String> TOP_LEVEL = List.of("apiVersion", "kind", "metadata", "spec");
  private static final List<String> METADATA =
      List.of("name", "namespace", "labels", "annotations");

  /** Enough to report every mistake in a hand-written spec, bounded for hostile ones. */
  private static final int MAX_BINDING_PROBLEMS = 50;

  /**
   * {@code skipped}: where a document of another API group was, and what it was; null otherwise.
   */
  record Result(HasMetadata resource, List<Problem> problems, String skipped) {}

  private final JsonNode tree;
  private final DocumentIndex index;
  private final List<Problem> problems = new ArrayList<>();
  private String skipped;

  private ResourceBinder(JsonNode tree, DocumentIndex index) {
    this.tree = tree;
    this.index = index;
  }

  static Result bind(JsonNode tree, DocumentIndex index) {
    ResourceBinder binder = new ResourceBinder(tree, index);
    HasMetadata resource = binder.bind();
    return new Result(
        binder.problems.isEmpty() ? resource : null, List.copyOf(binder.problems), binder.skipped);
  }

  private HasMetadata bind() {
    if (!(tree instanceof ObjectNode root)) {
      problems.add(
          new Problem(
              index.start(),
              "",
              "a manifest must be a mapping with apiVersion, kind, metadata "
                  + "and spec; this document is "
                  + Describe.node(tree, null)));
      return null;
    }
    String kind = kind(root);
    if (kind == null) {
      return null;
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.equals("status")) {
        problems.add(
            new Problem(
                index.keyOrParent("status"),
                "status",
                "status is written by dockernet, not by manifests; remove it"));
      } else if (!TOP_LEVEL.contains(name)) {
        problems.add(unknownField(ManifestPath.field("", name), name, TOP_LEVEL));
      }
    }
    ObjectMeta metadata = metadata(root.get("metadata"), kind, !CLUSTER_SCOPED.contains(kind));
    return switch (kind) {
      case "DockerNetwork" ->
          withMeta(
              new DockerNetwork(),
              metadata,
              spec(root, DockerNetworkSpec.class, DockerNetworkSpec::new));
      case "NetworkAttachment" ->
          withMeta(
              new NetworkAttachment(),
              metadata,
              spec(root, NetworkAttachmentSpec.class, NetworkAttachmentSpec::new));
      case "DockerNetworkPolicy" ->
          withMeta(
              new DockerNetworkPolicy(),
              metadata,
              spec(root, DockerNetworkPolicySpec.class, DockerNetworkPolicySpec::new));
      case "SubnetPool" ->
          withMeta(
              new SubnetPool(), metadata, spec(root, SubnetPoolSpec.class, SubnetPoolSpec::new));
      default ->
          withMeta(
              new DockerHost(), metadata, spec(root, DockerHostSpec.class, DockerHostSpec::new));
    };
  }

  private static <S> HasMetadata withMeta(
      io.fabric8.kubernetes.client.CustomResource<S, ?> resource, ObjectMeta metadata, S spec) {
    resource.setMetadata(metadata);
    resource.setSpec(spec);
    return resource;
  }

  /** The kind when apiVersion and kind name one of ours; null (with a problem) otherwise. */
  private String kind(ObjectNode root) {
    JsonNode apiVersion = root.get("apiVersion");
    JsonNode kind = root.get("kind");
    if (apiVersion != null && !apiVersion.isTextual()) {
      problems.add(wrongType("apiVersion", apiVersion, "a string such as " + ApiGroup.API_VERSION));
      return null;
    }
    if (kind != null && !kind.isTextual()) {
      problems.add(wrongType("kind", kind, "a string such as DockerNetwork"));
      return null;
    }
    String api = apiVersion == null ? null : apiVersion.asText();
    String k = kind == null ? null : kind.asText();
    if (api == null || api.isEmpty()) {
      problems.add(
          new Problem(
              index.valueOrParent("apiVersion"),
              "apiVersion",
              "apiVersion is missing; dockernet manifests start with apiVersion: "
                  + ApiGroup.API_VERSION));
      return null;
    }
    if (k == null || k.isEmpty()) {
      problems.add(
          new Problem(
              index.valueOrParent("kind"),
              "kind",
              "kind is missing; expected one of " + String.join(", ", KINDS)));
      return null;
    }
    if (!api.equals(ApiGroup.API_VERSION)) {
      if (api.startsWith(ApiGroup.GROUP + "/")) {
        problems.add(
            new Problem(
                index.valueOrParent("apiVersion"),
                "apiVersion",
                "unsupported apiVersion "
                    + api
                    + "; this version of dockernet reads "
                    + ApiGroup.API_VERSION));
      } else {
        // Manifest folders also hold other tools' files (kustomization.yaml, Argo CD or Flux
        // objects,
        // Namespaces): not ours to judge, like kubectl leaves our kinds to our CRDs.
        skipped = index.valueOrParent("kind") + ": " + k + " (" + api + ")";
      }
      return null;
    }
    if (!KINDS.contains(k)) {
      String suggestion = Describe.closest(k, KINDS);
      problems.add(
          new Problem(
              index.valueOrParent("kind"),
              "kind",
              "unsupported kind "
                  + k
                  + " in "
                  + ApiGroup.API_VERSION
                  + (suggestion == null ? "." : "; did you mean " + suggestion + "?")
                  + " Expected one of "
                  + String.join(", ", KINDS)));
      return null;
    }
    return k;
  }

  private ObjectMeta metadata(JsonNode node, String kind, boolean namespaced) {
    ObjectMeta meta = new ObjectMeta();
    if (node == null || node.isNull()) {
      problems.add(
          new Problem(
              index.valueOrParent("metadata"),
              "metadata.name",
              "required: every resource needs a name"));
      return meta;
    }
    if (!(node instanceof ObjectNode object)) {
      problems.add(
          wrongType("metadata", node, "a mapping with name, namespace, labels, annotations"));
      return meta;
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!METADATA.contains(name)) {
        Problem p = unknownField(ManifestPath.field("metadata", name), name, METADATA);
        problems.add(
            new Problem(
                p.location(),
                p.path(),
                p.message()
                    + " (a manifest's metadata may carry only "
                    + "name, namespace, labels and annotations)"));
      }
    }
    meta.setName(text(object, "metadata", "name"));
    meta.setNamespace(text(object, "metadata", "namespace"));
    meta.setLabels(stringMap(object, "metadata", "labels"));
    meta.setAnnotations(stringMap(object, "metadata", "annotations"));
    if (meta.getName() == null || meta.getName().isEmpty()) {
      if (object.get("name") == null
          || object.get("name").isNull()
          || object.get("name").isTextual()) {
        problems.add(
            new Problem(
                index.valueOrParent("metadata.name"),
                "metadata.name",
                "required: every resource needs a name"));
      }
    }
    if (namespaced) {
      if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
        meta.setNamespace(DEFAULT_NAMESPACE);
      }
    } else if (object.get("namespace") != null && !object.get("namespace").isNull()) {
      problems.add(
          new Problem(
              index.keyOrParent("metadata.namespace"),
              "metadata.namespace",
              kind + " is cluster-scoped; remove metadata.namespace"));
    }
    return meta;
  }

  private String text(ObjectNode object, String parent, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(wrongType(ManifestPath.field(parent, field), value, "a string"));
      return null;
    }
    return value.asText();
  }

  private Map<String, String> stringMap(ObjectNode object, String parent, String field) {
    JsonNode value = object.get(field);
    String path = ManifestPath.field(parent, field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!(value instanceof ObjectNode map)) {
      problems.add(wrongType(path, value, "a mapping of strings"));
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    map.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                result.put(e.getKey(), e.getValue().asText());
              } else {
                problems.add(
                    wrongType(ManifestPath.field(path, e.getKey()), e.getValue(), "a string"));
              }
            });
    return result;
  }

  /**
   * Binds spec strictly. Jackson stops at the first error, so each error's node is removed and
   * binding retried, to report every mistake at once.
   */
  private <S> S spec(ObjectNode root, Class<S> type, Supplier<S> empty) {
    JsonNode spec = root.get("spec");
    if (spec == null || spec.isNull()) {
      return empty.get();
    }
    if (!spec.isObject()) {
      problems.add(wrongType("spec", spec, "a mapping"));
      return null;
    }
    ObjectNode working = spec.deepCopy();
    for (int attempt = 0; attempt < MAX_BINDING_PROBLEMS; attempt++) {
      try {
        return StrictMapper.MAPPER.treeToValue(working, type);
      } catch (JacksonException e) {
        List<Object> relative = path(e);
        problems.add(problem(e, relative, spec));
        if (!remove(working, relative)) {
          return null;
        }
      } catch (IllegalArgumentException e) {
        problems.add(
            new Problem(
                index.valueOrParent("spec"), "spec", "cannot read spec: " + e.getMessage()));
        return null;
      }
    }
    return null;
  }

  /** The path of the failing node inside spec: field names (String) and indexes (Integer). */
  private static List<Object> path(JacksonException e) {
    List<Object> path = new ArrayList<>();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
      }
      return path;
    }
    if (e.getProcessor() instanceof JsonParser p) {
      for (JsonStreamContext c = p.getParsingContext();
          c != null && !c.inRoot();
          c = c.getParent()) {
        path.add(0, c.inArray() ? (Object) c.getCurrentIndex() : c.getCurrentName());
      }
    }
    return path;
  }

  private static String format(List<Object> relative) {
    String path = "spec";
    for (Object step : relative) {
      path =
          step instanceof Integer i
              ? ManifestPath.index(path, i)
              : ManifestPath.field(path, (String) step);
    }
    return path;
  }

  private static JsonNode at(JsonNode root, List<Object> relative) {
    JsonNode node = root;
    for (Object step : relative) {
      node =
          node == null ? null : step instanceof Integer i ? node.get(i) : node.get((String) step);
    }
    return node;
  }

  private Problem problem(JacksonException e, List<Object> relative, JsonNode spec) {
    String path = format(relative);
    JsonNode node = at(spec, relative);
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      Collection<Object> ids = u.getKnownPropertyIds();
      if (ids != null) {
        ids.forEach(id -> known.add(String.valueOf(id)));
      }
      known.sort(String::compareTo);
      return unknownField(path, u.getPropertyName(), known);
    }
    if (e instanceof InvalidFormatException f
        && f.getTargetType() != null
        && f.getTargetType().isEnum()) {
      String field =
          relative.isEmpty() ? "value" : String.valueOf(relative.get(relative.size() - 1));
      List<String> allowed =
          Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf).toList();
      String suggestion = Describe.closest(String.valueOf(f.getValue()), allowed);
      return new Problem(
          index.valueOrParent(path),
          path,
          "\""
              + f.getValue()
              + "\" is not a valid "
              + field
              + (suggestion == null ? "." : "; did you mean " + suggestion + "?")
              + " Allowed values: "
              + String.join(", ", allowed));
    }
    InputCoercionException coercion =
        e instanceof InputCoercionException c
            ? c
            : e.getCause() instanceof InputCoercionException c ? c : null;
    if (coercion != null) {
      return new Problem(
          index.valueOrParent(path),
          path,
          "the number "
              + text(path, node)
              + " is out of range; expected "
              + Describe.expected(coercion.getTargetType()));
    }
    if (e instanceof MismatchedInputException m && node != null) {
      Class<?> target = m.getTargetType();
      return wrongType(path, node, Describe.expected(target));
    }
    return new Problem(
        index.valueOrParent(path),
        path,
        "cannot read this value: " + firstLine(e.getOriginalMessage()));
  }

  /** Removes the failing node so that binding can go on; false when nothing could be removed. */
  private static boolean remove(ObjectNode root, List<Object> relative) {
    if (relative.isEmpty()) {
      return false;
    }
    JsonNode parent = at(root, relative.subList(0, relative.size() - 1));
    Object last = relative.get(relative.size() - 1);
    if (parent instanceof ObjectNode o && last instanceof String name && o.has(name)) {
      o.remove(name);
      return true;
    }
    if (parent instanceof ArrayNode a
        && last instanceof Integer i
        && i < a.size()
        && !a.get(i).isNull()) {
      // Keep the indexes of later items: later problems must point at the right element.
      a.set(i, NullNode.getInstance());
      return true;
    }
    return false;
  }

  private Problem unknownField(String path, String name, List<String> known) {
    String suggestion = Describe.closest(name, known);
    String message =
        "unknown field \""
            + name
            + "\""
            + (suggestion == null ? "." : "; did you mean \"" + suggestion + "\"?")
            + (known.isEmpty() ? "" : " Known fields here: " + String.join(", ", known));
    return new Problem(index.keyOrParent(path), path, message);
  }

  private Problem wrongType(String path, JsonNode node, String expected) {
    return new Problem(
        index.valueStart(path),
        path,
        "expected "
            + expected
            + ", got "
            + Describe.node(node, index.entry(path))
            + Describe.hint(node, index.entry(path), expected));
  }

  private String text(String path, JsonNode node) {
    DocumentIndex.Entry e = index.entry(path);
    return e != null && e.scalarText() != null ? e.scalarText() : String.valueOf(node);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
