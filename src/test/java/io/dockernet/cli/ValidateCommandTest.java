package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.cli.CliRunner.Run;
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
      Run run = CliRunner.run("validate", "-R", "-f", folder.toString());
      assertThat(run.exit()).as(folder + ": " + run).isZero();
      assertThat(run.out()).contains("valid.");
    }
  }

  @Test
  void otherApiGroupsInAManifestRepositoryAreSkippedWithANote() {
    Run run = CliRunner.run("validate", "-R", "-f", "examples/gitops");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("note: skipped", "Kustomization (kustomize.config.k8s.io/v1beta1)");
  }

  @Test
  void problemsAreLocatedAndExitIsOne() {
    Path dir =
        CliRunner.write(
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
    Run run = CliRunner.run("validate", "-f", dir.toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("n.yaml:6:17: spec.updatePolicy", "Recreate", "Never", "nothing was changed");
  }

  @Test
  void operatorIsACommandOfTheSameJar() {
    Run run = CliRunner.run("operator", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("--namespaces");
  }
}
