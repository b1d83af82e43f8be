package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed crds/ must be exactly what the build generates from the API classes
 * (target/generated-crds, written by the crd-generator plugin at process-classes).
 */
class CrdsUpToDateTest {
  static final Path COMMITTED = Path.of("crds");
  static final Path GENERATED = Path.of("target", "generated-crds");
  static final String HOW_TO_FIX =
      "crds/ is stale: run `mvn -q process-classes -Dcrds.output=crds` then deploy/sync-crds.sh (or copy target/generated-crds/*.yml to crds/) and commit";

  @Test
  void committedCrdsEqualGeneratedOnes() throws IOException {
    List<String> generated = names(GENERATED);
    assertThat(generated).as("the build generated CRDs").isNotEmpty();
    assertThat(names(COMMITTED)).as(HOW_TO_FIX).isEqualTo(generated);
    for (String name : generated) {
      assertThat(Files.readString(COMMITTED.resolve(name)))
          .as(HOW_TO_FIX + " (" + name + " differs)")
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  @Test
  void everyKindHasStatusSubresourceCategoryAndReadyColumn() throws IOException {
    for (Class<?> kind : List.of(DockerNetwork.class, NetworkAttachment.class, DockerHost.class)) {
      CustomResourceDefinition crd = load(kind);
      var version = crd.getSpec().getVersions().get(0);
      assertThat(version.getSubresources().getStatus())
          .as(kind + " status subresource")
          .isNotNull();
      assertThat(crd.getSpec().getNames().getCategories())
          .as(kind + " categories")
          .containsExactly("dockernet");
      assertThat(crd.getSpec().getNames().getShortNames()).as(kind + " short names").isNotEmpty();
      assertThat(version.getAdditionalPrinterColumns())
          .extracting(CustomResourceColumnDefinition::getName)
          .contains("Ready", "Age");
    }
  }

  @Test
  void dockerNetworkColumnsShowDriverSubnetContainersReady() throws IOException {
    var columns =
        load(DockerNetwork.class).getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    assertThat(columns)
        .filteredOn(c -> c.getPriority() == 0)
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Driver", ".spec.driver"),
            org.assertj.core.groups.Tuple.tuple("Subnet", ".status.subnets[0]"),
            org.assertj.core.groups.Tuple.tuple("Containers", ".status.containerCount"),
            org.assertj.core.groups.Tuple.tuple(
                "Ready", ".status.conditions[?(@.type==\"Ready\")].status"));
  }

  /**
   * kubectl shows columns in the CRD's order: the useful ones first, AGE last (PrinterColumnOrder).
   */
  @Test
  void printerColumnsAreInAUsefulOrderWithAgeLast() throws IOException {
    assertThat(columnNames(DockerNetwork.class))
        .containsExactly(
            "Docker Name", "Driver", "Subnet", "Containers", "Ready", "Reason", "ID", "Age");
    assertThat(columnNames(NetworkAttachment.class))
        .containsExactly("Network", "Container", "Endpoints", "Ready", "Reason", "Age");
    assertThat(columnNames(DockerHost.class))
        .containsExactly("Endpoint", "Reachable", "Engine", "Swarm", "Ready", "Reason", "Age");
  }

  private static List<String> columnNames(Class<?> kind) throws IOException {
    return load(kind).getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
        .map(CustomResourceColumnDefinition::getName)
        .toList();
  }

  @Test
  void attachmentSchemaRequiresExactlyOneOfContainerAndSelector() throws IOException {
    var spec =
        load(NetworkAttachment.class)
            .getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec");
    assertThat(spec.getRequired()).contains("network");
    assertThat(spec.getXKubernetesValidations())
        .anySatisfy(
            rule ->
                assertThat(rule.getRule())
                    .isEqualTo("has(self.container) != has(self.containerSelector)"));
  }

  static CustomResourceDefinition load(Class<?> kind) throws IOException {
    String plural = kind.getAnnotation(io.fabric8.kubernetes.model.annotation.Plural.class).value();
    try (InputStream in =
        Files.newInputStream(COMMITTED.resolve(plural + ".dockernet.io-v1.yml"))) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
