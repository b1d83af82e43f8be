package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.cli.CliRunner.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dockernet validate` needs no engine: our rules and the CRD schemas, offline. */
class ValidateCommandTest {
  @TempDir Path tmp;

  @Test
  void everyShippedExampleIsValid() {
    Run run = CliRunner.run("validate", "-f", "examples");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("networks", "attachments", "valid.");
  }

  @Test
  void problemsAreLocatedAndExitIsOne() {
    Path dir = CliRunner.write(tmp, "n.yaml", """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          updatePolicy: Sometimes
        """);
    Run run = CliRunner.run("validate", "-f", dir.toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("n.yaml:6:17: spec.updatePolicy", "Recreate", "Never", "nothing was changed");
  }

  @Test
  void operatorIsACommandOfTheSameJar() {
    Run run = CliRunner.run("operator", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("--namespaces");
  }
}
