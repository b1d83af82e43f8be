package io.dockernet.packaging;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses rendered manifests into Fabric8's typed models, strictly: a field the model does not know
 * fails (Fabric8's models normally keep unknown fields in {@code additionalProperties}, which would
 * hide a typo such as {@code readinesProbe}). Kinds the chart is not expected to render fail too.
 */
final class StrictK8s {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "v1/Namespace", Namespace.class,
          "v1/ServiceAccount", ServiceAccount.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class,
          "rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class,
          "rbac.authorization.k8s.io/v1/Role", Role.class,
          "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class,
          "apiextensions.k8s.io/v1/CustomResourceDefinition", CustomResourceDefinition.class);

  /** Kinds Fabric8 has no model for here; returned as trees for structural assertions. */
  static final String SERVICE_MONITOR = "monitoring.coreos.com/v1/ServiceMonitor";

  private static final ObjectMapper STRICT = strictMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private StrictK8s() {}

  /** Every object of a multi-document YAML stream, typed; unknown kinds and fields fail. */
  static List<HasMetadata> parseAll(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc : documents(yaml)) {
      String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
      if (key.equals(SERVICE_MONITOR)) {
        continue;
      }
      Class<? extends HasMetadata> type = KINDS.get(key);
      if (type == null) {
        throw new AssertionError("unexpected kind " + key + " in rendered output");
      }
      try {
        objects.add(STRICT.treeToValue(doc, type));
      } catch (IOException e) {
        throw new AssertionError(
            key
                + " "
                + doc.path("metadata").path("name").asText()
                + " does not parse strictly: "
                + e.getMessage(),
            e);
      }
    }
    return objects;
  }

  /** The non-empty documents of a YAML stream, as trees. */
  static List<JsonNode> documents(String yaml) {
    try {
      List<JsonNode> docs = new ArrayList<>();
      try (var parser = new YAMLFactory().createParser(yaml)) {
        var it = YAML.readValues(parser, JsonNode.class);
        while (it.hasNext()) {
          JsonNode node = it.next();
          if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
            docs.add(node);
          }
        }
      }
      return docs;
    } catch (IOException e) {
      throw new AssertionError("not YAML: " + e.getMessage(), e);
    }
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = ofType(objects, type);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  private static ObjectMapper strictMapper() {
    SimpleModule noAnySetter = new SimpleModule("no-additional-properties");
    noAnySetter.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config,
              BeanDescription beanDesc,
              BeanDeserializerBuilder builder) {
            // Fabric8 models collect unknown fields through @JsonAnySetter: drop it so they fail
            // instead.
            if (beanDesc.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
              builder.setAnySetter(null);
            }
            return builder;
          }
        });
    return new ObjectMapper()
        .registerModule(noAnySetter)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }
}
