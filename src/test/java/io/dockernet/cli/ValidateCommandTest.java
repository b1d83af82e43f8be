package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dockernet validate` needs no engine: our rules and the CRD schemas, offline. */
class ValidateCommandTest {
  @TempDir Path tmp;

  /** Each example folder is one project, as a user would apply it. */
  @Test
  void everyShippedExampleIsValid() throws IOException {
    List<Path> folders;
    try (Stream<Path> list = Files.list(Path.of("examples"))) {
      folders = list.filter(Files::isDirectory).toList();
    }
    assertThat(folders).hasSizeGreaterThan(5);
    for (Path folder : folders) {
      Run run = Dockernet.run("validate", "-R", "-f", folder.toString());
      assertThat(run.exit()).as(folder + ": " + run).isZero();
      assertThat(run.out()).contains("valid.");
    }
  }

  @Test
  void otherApiGroupsInAManifestRepositoryAreSkippedWithANote() {
    Run run = Dockernet.run("validate", "-R", "-f", "examples/gitops");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("note: skipped", "Kustomization (kustomize.config.k8s.io/v1beta1)");
  }

  @Test
  void problemsAreLocatedAndExitIsOne() {
    Path dir =
        Dockernet.write(
            tmp,
            "n.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          updatePolicy: Sometimes
        """);
    Run run = Dockernet.run("validate", "-f", dir.toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("n.yaml:6:17: spec.updatePolicy", "Recreate", "Never", "nothing was changed");
  }

  /**
   * A static address inside the user's ipRange: a warning at the address (file:line), which fails
   * nothing; an error beside it still fails, and counts only the errors.
   */
  @Test
  void aStaticAddressInsideTheIpRangeIsAWarningThatFailsNothing() {
    String manifests =
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          ipam:
            config:
              - subnet: 10.233.250.0/24
                ipRange: 10.233.250.128/25
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: db
        spec:
          network: web
          container: db
          ipv4Address: 10.233.250.130
        """;
    Path dir = Dockernet.write(tmp, "n.yaml", manifests);
    Run run = Dockernet.run("validate", "-f", dir.toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("1 networks, 1 attachments, 0 hosts: valid.");
    assertThat(run.err())
        .contains(
            "n.yaml:18:16: warning: spec.ipv4Address: ipv4Address 10.233.250.130 lies inside"
                + " ipRange 10.233.250.128/25 of network web (DockerNetwork default/web (",
            "n.yaml:9:18))");

    Path bad =
        Dockernet.write(tmp.resolve("bad"), "n.yaml", manifests + "  macAddress: not-a-mac\n");
    Run failed = Dockernet.run("validate", "-f", bad.toString());
    assertThat(failed.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(failed.err())
        .contains("n.yaml:18:16: warning: spec.ipv4Address", "n.yaml:19:15: spec.macAddress")
        .contains("1 problem in the manifests; nothing was changed");
  }

  @Test
  void operatorIsACommandOfTheSameJar() {
    Run run = Dockernet.run("operator", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("--namespaces");
  }
}
