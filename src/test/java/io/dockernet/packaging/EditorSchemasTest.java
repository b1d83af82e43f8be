package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dockernet.schema.EditorSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The editor schemas in docs/schemas/ are what the committed CRDs give (crds/ itself is kept equal
 * to the API classes by CrdsUpToDateTest), and the shipped examples pass them. Regenerate with
 * {@code mvn -q test -Dtest=EditorSchemasTest -Dschemas.write=true}.
 */
class EditorSchemasTest {
  static final Path COMMITTED = Path.of("docs", "schemas");
  static final String HOW_TO_FIX =
      "docs/schemas/ is stale: run `mvn -q test -Dtest=EditorSchemasTest -Dschemas.write=true` and commit";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private static Map<String, ObjectNode> generated() throws IOException {
    List<JsonNode> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        crds.add(YAML.readTree(f.toFile()));
      }
    }
    return EditorSchemas.fromCrds(crds);
  }

  private static String text(JsonNode schema) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
  }

  @Test
  void committedSchemasEqualGeneratedOnes() throws IOException {
    Map<String, ObjectNode> generated = generated();
    assertThat(generated).as("one schema per kind").hasSize(5);
    if (Boolean.getBoolean("schemas.write")) {
      Files.createDirectories(COMMITTED);
      try (Stream<Path> old = Files.list(COMMITTED)) {
        for (Path f : old.filter(p -> p.toString().endsWith(".json")).toList()) {
          Files.delete(f);
        }
      }
      for (var e : generated.entrySet()) {
        Files.writeString(COMMITTED.resolve(e.getKey()), text(e.getValue()));
      }
    }
    try (Stream<Path> files = Files.list(COMMITTED)) {
      assertThat(
              files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted())
          .as(HOW_TO_FIX)
          .containsExactlyElementsOf(generated.keySet());
    }
    for (var e : generated.entrySet()) {
      assertThat(Files.readString(COMMITTED.resolve(e.getKey())))
          .as(HOW_TO_FIX + " (" + e.getKey() + " differs)")
          .isEqualTo(text(e.getValue()));
    }
  }

  /** Schema per "apiVersion/kind", read from the committed files as an editor would. */
  private static Map<String, Schema> committed() throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Map<String, Schema> schemas = new HashMap<>();
    try (Stream<Path> files = Files.list(COMMITTED)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode tree = JSON.readTree(f.toFile());
        JsonNode props = tree.path("properties");
        schemas.put(
            props.path("apiVersion").path("const").asText()
                + "/"
                + props.path("kind").path("const").asText(),
            registry.getSchema(tree));
      }
    }
    return schemas;
  }

  @Test
  void everyExampleManifestPassesTheSchemaOfItsKind() throws IOException {
    Map<String, Schema> schemas = committed();
    Map<String, Integer> checked = new HashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        for (JsonNode doc : StrictK8s.documents(Files.readString(f))) {
          String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
          if (!key.startsWith("dockernet.io/")) {
            continue;
          }
          assertThat(schemas).as(f + ": a schema for " + key).containsKey(key);
          assertThat(schemas.get(key).validate(doc)).as(f.toString()).isEmpty();
          checked.merge(key, 1, Integer::sum);
        }
      }
    }
    assertThat(checked.keySet())
        .as("the examples cover these kinds")
        .contains(
            "dockernet.io/v1alpha1/DockerNetwork",
            "dockernet.io/v1alpha1/NetworkAttachment",
            "dockernet.io/v1alpha1/DockerNetworkPolicy");
  }

  @Test
  void aWrongManifestFailsItsSchema() throws IOException {
    Schema network = committed().get("dockernet.io/v1alpha1/DockerNetwork");
    JsonNode typo =
        YAML.readTree(
            """
            apiVersion: dockernet.io/v1alpha1
            kind: DockerNetwork
            metadata: {name: web}
            spec:
              drvier: bridge
            """);
    assertThat(network.validate(typo).toString()).contains("drvier");
    JsonNode otherKind =
        YAML.readTree(
            """
            apiVersion: dockernet.io/v1alpha1
            kind: NetworkAttachment
            metadata: {name: web}
            """);
    assertThat(network.validate(otherKind)).as("kind is pinned").isNotEmpty();
    JsonNode noName =
        YAML.readTree(
            """
            apiVersion: dockernet.io/v1alpha1
            kind: DockerNetwork
            metadata: {labels: {a: b}}
            """);
    assertThat(network.validate(noName).toString()).contains("name");
  }
}
