package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract that needs no engine: exit codes of usage errors and how -f reads
 * inputs.
 */
class CliUsageTest {
  @TempDir Path tmp;

  private static final String NETWORK =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: DockerNetwork
      metadata:
        name: %s
      """;

  private static void assertUsageError(Run run, String message, String command) {
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out()).as("nothing on stdout").isEmpty();
    assertThat(run.err())
        .as(run.toString())
        .contains(message)
        .contains("See '" + command + " --help'.");
    assertThat(run.err()).as("the error, not the whole help").doesNotContain("Usage:");
  }

  @Test
  void usageErrorsExitOneNeverTwo() {
    assertUsageError(
        Dockernet.run("plan", "--detailed-exitcode", "-f", "examples/seed", "--no-such-flag"),
        "Unknown option: '--no-such-flag'",
        "dockernet plan");
    assertUsageError(
        Dockernet.run("apply"), "Missing required option: '--filename=PATH'", "dockernet apply");
    assertUsageError(
        Dockernet.run("plan", "-f", "examples/seed", "-o", "xml"), "-o", "dockernet plan");
    assertUsageError(
        Dockernet.run("apply", "--parallelism", "0", "-f", "examples/seed"),
        "--parallelism must be at least 1, got 0",
        "dockernet apply");
    assertUsageError(
        Dockernet.run("aplly", "-f", "examples/seed"), "Unmatched argument", "dockernet");
    assertThat(Dockernet.run("aplly").err()).contains("Did you mean", "apply");
  }

  @Test
  void anOptionAfterMinusFIsAnOptionAndFTakesOneValuePerUse() {
    // Before, -f swallowed the next words: "cannot read --dry-run".
    Run run = Dockernet.run("validate", "-f", "examples/seed", "--dry-run");
    assertUsageError(run, "Unknown option: '--dry-run'", "dockernet validate");
    assertUsageError(
        Dockernet.run("validate", "-f", "examples/seed", "examples/internal"),
        "Unmatched argument at index 3: 'examples/internal'",
        "dockernet validate");
    Run twice = Dockernet.run("validate", "-f", "examples/seed", "-f", "examples/internal");
    assertThat(twice.exit()).as(twice.toString()).isZero();
  }

  @Test
  void foldersReadYamlYmlAndJsonAndSubFoldersOnlyWithRecursive() {
    Dockernet.write(tmp, "a.yaml", NETWORK.formatted("a"));
    Dockernet.write(tmp, "b.yml", NETWORK.formatted("b"));
    Dockernet.write(
        tmp,
        "c.json",
        """
        {"apiVersion": "dockernet.io/v1alpha1", "kind": "DockerNetwork", "metadata": {"name": "c"}}
        """);
    Dockernet.write(tmp, "notes.txt", "not a manifest");
    Dockernet.write(tmp.resolve("sub"), "d.yaml", NETWORK.formatted("d"));

    Run flat = Dockernet.run("validate", "-f", tmp.toString());
    assertThat(flat.exit()).as(flat.toString()).isZero();
    assertThat(flat.out()).contains("3 networks");
    Run recursive = Dockernet.run("validate", "-R", "-f", tmp.toString());
    assertThat(recursive.out()).as(recursive.toString()).contains("4 networks");
  }

  @Test
  void aJsonManifestIsLocatedLikeYaml() {
    Dockernet.write(
        tmp,
        "bad.json",
        """
        {"apiVersion": "dockernet.io/v1alpha1", "kind": "DockerNetwork", "metadata": {"name": "c"},
         "spec": {"updatePolicy": "Sometimes"}}
        """);
    Run run = Dockernet.run("validate", "-f", tmp.resolve("bad.json").toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("bad.json:2:", "spec.updatePolicy");
  }

  @Test
  void inputsThatDeclareNothingAreAnErrorForEveryCommandThatReadsThem() {
    Path empty = tmp.resolve("empty");
    Dockernet.write(empty, "empty.yaml", "# nothing yet\n");
    Dockernet.write(tmp.resolve("nested/deeper"), "n.yaml", NETWORK.formatted("n"));
    Path otherGroups =
        Dockernet.write(
            tmp.resolve("other"),
            "k.yaml",
            """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: []
        """);
    // Refused before the engine is asked anything: this address answers nothing.
    String[] noEngine = {"-H", "tcp://127.0.0.1:9", "--allow-insecure-tcp"};
    for (String command : new String[] {"apply", "plan", "delete", "validate"}) {
      for (Path input : new Path[] {empty, tmp.resolve("nested"), otherGroups}) {
        java.util.List<String> args =
            new java.util.ArrayList<>(java.util.List.of(command, "-f", input.toString()));
        if (!command.equals("validate")) {
          args.addAll(java.util.List.of(noEngine));
        }
        Run run = Dockernet.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(command + " " + input + ": " + run).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err())
            .as(run.toString())
            .contains("no resources found in " + input, "nothing was changed")
            .doesNotContain("cannot reach");
      }
    }
    assertThat(
            Dockernet.run(
                    "plan",
                    "-f",
                    tmp.resolve("nested").toString(),
                    noEngine[0],
                    noEngine[1],
                    noEngine[2])
                .err())
        .as("the hint for a folder whose manifests are deeper")
        .contains("sub-directories are read with -R");
    Run prune =
        Dockernet.run(
            "apply",
            "--prune",
            "--project",
            "p1",
            "-f",
            empty.toString(),
            noEngine[0],
            noEngine[1],
            noEngine[2]);
    assertThat(prune.err())
        .contains("no resources found", "to remove everything project p1 owns, add --allow-empty");
  }

  @Test
  void everyCommandAcceptsHelpVersionIncluded() {
    for (String command : Main.commandLine().getSubcommands().keySet()) {
      Run run = Dockernet.run(command, "--help");
      assertThat(run.exit()).as(command + ": " + run).isZero();
      assertThat(run.out()).as(command).contains("Usage: dockernet " + command);
    }
  }

  @Test
  void optionsAppearOnlyOnTheCommandsThatUseThem() {
    assertThat(Dockernet.run("apply", "--help").out())
        .contains("--parallelism", "--allow-empty", "--prune");
    assertThat(Dockernet.run("watch", "--help").out()).contains("--parallelism");
    for (String command : new String[] {"plan", "get", "validate", "version", "operator"}) {
      assertThat(Dockernet.run(command, "--help").out())
          .as(command)
          .doesNotContain("--parallelism", "--allow-empty");
    }
    assertUsageError(
        Dockernet.run("plan", "--parallelism", "2", "-f", "examples/seed"),
        "Unknown options: '--parallelism'",
        "dockernet plan");
    assertThat(Dockernet.run("validate", "--help").out())
        .doesNotContain("--host", "--allow-insecure-tcp", "--project");
    for (String command : new String[] {"apply", "plan", "delete", "watch"}) {
      assertThat(Dockernet.run(command, "--help").out()).as(command).contains("--project");
    }
    assertUsageError(
        Dockernet.run("validate", "--project", "p1", "-f", "examples/seed"),
        "Unknown options: '--project', 'p1'",
        "dockernet validate");
    assertThat(Dockernet.run("operator", "--help").out())
        .as("the engine options are declared once, the operator's too")
        .contains("--host", "--allow-insecure-tcp", "--namespaces");
  }

  @Test
  void messagesNameTheFlagThatFixesThem() {
    Run run = Dockernet.run("plan", "-f", "examples/seed", "-H", "tcp://127.0.0.1:9");
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("refusing plain tcp://127.0.0.1:9 without TLS", "--allow-insecure-tcp");
  }
}
