package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.schema.CrdSchemaValidator;
import io.dockernet.validate.Location;
import io.dockernet.validate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Manifests checked offline against the CRD schemas in crds/, as an API server would. */
class CrdSchemaValidatorTest {
  private static final CrdSchemaValidator VALIDATOR =
      CrdSchemaValidator.fromDirectory(Path.of("crds"));

  private static List<Problem> check(String yaml) {
    return VALIDATOR.validate(StrictK8s.documents(yaml).get(0));
  }

  @Test
  void everyShippedExampleMatchesTheSchemas() throws IOException {
    int checked = 0;
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .toList()) {
        for (JsonNode doc : StrictK8s.documents(Files.readString(f))) {
          if (VALIDATOR.knows(doc)) {
            assertThat(VALIDATOR.validate(doc)).as(f.toString()).isEmpty();
            checked++;
          }
        }
      }
    }
    assertThat(checked).as("dockernet resources among examples/").isGreaterThan(3);
  }

  @Test
  void enumTypeAndUnknownFieldAreLocatedByPath() {
    List<Problem> problems =
        check(
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: n}
        spec:
          deletionPolicy: Keep
          internal: "yes"
          subnet: 10.0.0.0/24
          ipam:
            config:
              - subnet: 10.123.96.0/24
                gatway: 10.123.96.1
        """);
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "spec.deletionPolicy", "spec.internal", "spec.subnet", "spec.ipam.config[0].gatway");
    assertThat(problems)
        .filteredOn(p -> p.path().equals("spec.subnet"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .isEqualTo("spec.subnet: unknown field \"subnet\" (not in the CRD schema)"));
    assertThat(problems)
        .filteredOn(p -> p.path().equals("spec.deletionPolicy"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("Delete", "Orphan"));
    assertThat(problems)
        .filteredOn(p -> p.path().equals("spec.internal"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("boolean"));
  }

  @Test
  void requiredFieldsAndPatterns() {
    assertThat(
            check(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerHost
        metadata: {name: h}
        spec: {tlsSecretName: x}
        """))
        .extracting(Problem::toString)
        .containsExactly("spec.endpoint: required field \"endpoint\" is missing");
    assertThat(
            check(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerHost
        metadata: {name: h}
        spec: {endpoint: "http://docker:2375"}
        """))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("spec.endpoint");
              assertThat(p.message()).contains("^(unix|tcp)://.+$");
            });
  }

  @Test
  void problemsCarryTheLocationTheCallerFinds() {
    JsonNode doc =
        StrictK8s.documents(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: n}
        spec: {driver: 7}
        """)
            .get(0);
    List<Problem> problems = VALIDATOR.validate(doc, path -> new Location("net.yaml", 4, 8));
    assertThat(problems)
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .startsWith("net.yaml:4:8: spec.driver: ")
        .contains("string");
  }

  @Test
  void otherGroupsAreLeftAloneAndUnknownKindsOfOursAreProblems() {
    assertThat(check("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"))
        .isEmpty();
    assertThat(
            check("apiVersion: dockernet.io/v1alpha1\nkind: DockerVolume\nmetadata: {name: v}\n"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .startsWith("kind: no CustomResourceDefinition for kind DockerVolume"));
  }
}
