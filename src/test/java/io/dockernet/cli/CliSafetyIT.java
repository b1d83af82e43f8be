package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a process in a pipeline: inputs that declare nothing never prune a project, exit codes
 * CI can trust, standard input. Subnets: 10.201.0.0/20.
 */
class CliSafetyIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  private String network(String suffix, String subnet) {
    String name = engine.name(suffix);
    engine.removeNetworkAfter(name);
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: %s
        spec:
          name: %s
          ipam:
            config:
              - subnet: %s
        """
        .formatted(suffix, name, subnet);
  }

  private static Dockernet.Run jar(String... args) {
    return Dockernet.subprocess(Map.of(), 120, args);
  }

  @Test
  void inputsThatDeclareNothingNeverPruneTheProjectUnlessAllowEmpty() {
    String project = engine.prefix() + "-empty";
    Path dir = Dockernet.write(tmp.resolve("m"), "n.yaml", network("keep", "10.201.1.0/24"));
    assertThat(jar("apply", "-f", dir.toString(), "--project", project).exit()).isZero();
    String kept = engine.name("keep");
    String id = engine.inspectNetwork(kept).get("Id").asText();

    Path empty = tmp.resolve("empty");
    Dockernet.write(empty, "README.yaml", "# manifests go here\n");
    Path mistyped = tmp.resolve("no-such-folder");
    for (String[] args :
        new String[][] {
          {"plan", "--prune", "--detailed-exitcode", "-f", empty.toString()},
          {"apply", "--prune", "-f", empty.toString()},
          {"apply", "-f", empty.toString()},
          {"delete", "-f", empty.toString()},
          {"apply", "--prune", "-f", mistyped.toString()}
        }) {
      Dockernet.Run run = Dockernet.run(concat(args, "--project", project));
      assertThat(run.exit()).as(String.join(" ", args) + "\n" + run).isEqualTo(ExitCodes.ERROR);
      assertThat(run.err()).contains(args[args.length - 1]);
      assertThat(run.out()).as("no plan, no report").isEmpty();
      assertThat(engine.inspectNetwork(kept).get("Id").asText())
          .as(String.join(" ", args))
          .isEqualTo(id);
    }

    Dockernet.Run pruned =
        jar("apply", "--prune", "--allow-empty", "-f", empty.toString(), "--project", project);
    assertThat(pruned.exit()).as(pruned.toString()).isZero();
    assertThat(pruned.out()).contains("removed");
    assertThat(engine.networkExists(kept))
        .as("--allow-empty lets --prune remove everything the project owns")
        .isFalse();
  }

  @Test
  void asAProcessUsageErrorsExitOneAndPendingChangesTwo() {
    Path dir = Dockernet.write(tmp.resolve("codes"), "n.yaml", network("codes", "10.201.2.0/24"));
    String project = engine.prefix() + "-codes";
    Dockernet.Run typo =
        jar("plan", "--detailed-exitcod", "-f", dir.toString(), "--project", project);
    assertThat(typo.exit()).as(typo.toString()).isEqualTo(1);
    assertThat(typo.err())
        .contains("Unknown option: '--detailed-exitcod'", "See 'dockernet plan --help'.");
    Dockernet.Run pending =
        jar("plan", "--detailed-exitcode", "-f", dir.toString(), "--project", project);
    assertThat(pending.exit()).as(pending.toString()).isEqualTo(2);
    Dockernet.Run plain = jar("plan", "-f", dir.toString(), "--project", project);
    assertThat(plain.exit()).as(plain.toString()).isZero();
    assertThat(engine.networkExists(engine.name("codes"))).isFalse();
  }

  @Test
  void standardInputIsAnInputLikeAFile() {
    String project = engine.prefix() + "-stdin";
    Path file =
        Dockernet.write(tmp.resolve("stdin"), "n.yaml", network("stdin", "10.201.3.0/24"))
            .resolve("n.yaml");
    String jar = Dockernet.jar().toAbsolutePath().toString();
    Cli.Result applied =
        Cli.result(
            "sh",
            "-c",
            "cat \"$1\" | java -jar \"$2\" apply -f - --project \"$3\"",
            "sh",
            file.toString(),
            jar,
            project);
    assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
    assertThat(applied.stdout()).contains("DockerNetwork default/stdin", "created");
    assertThat(engine.inspectNetwork(engine.name("stdin")).at("/IPAM/Config/0/Subnet").asText())
        .isEqualTo("10.201.3.0/24");

    Cli.Result bad =
        Cli.result(
            "sh",
            "-c",
            "printf 'kind: DockerNetwork\\napiVersion: dockernet.io/v1alpha1\\nmetadata:\\n  name: x\\nspec:\\n  internal: maybe\\n'"
                + " | java -jar \"$1\" apply -f - --project \"$2\"",
            "sh",
            jar,
            project);
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stderr()).contains("stdin:6:", "spec.internal");
  }

  @Test
  void noLibraryLogLineReachesStderrUnlessDebug() {
    String[] unreachable = {"get", "networks", "-H", "unix:///nonexistent/docker.sock"};
    Dockernet.Run quiet = jar(unreachable);
    assertThat(quiet.exit()).isEqualTo(1);
    assertThat(quiet.err().lines().toList())
        .as(quiet.toString())
        .containsExactly(
            "dockernet: cannot reach the Docker engine: GET /info: cannot reach the engine at "
                + "unix:///nonexistent/docker.sock (SocketException: No such file or directory)");
    Dockernet.Run debug = jar(concat(unreachable, "--debug"));
    assertThat(debug.err())
        .as(debug.toString())
        .contains("org.apache.hc.client5", "at io.dockernet.");
    Dockernet.Run env = Dockernet.subprocess(Map.of("DOCKERNET_DEBUG", "1"), 60, unreachable);
    assertThat(env.err()).as(env.toString()).contains("org.apache.hc.client5");
  }

  @Test
  void progressOnATerminalOnlyAndNotWithQuiet() throws Exception {
    String jar = Dockernet.jar().toAbsolutePath().toString();
    Path dir = Dockernet.write(tmp.resolve("tty"), "n.yaml", network("tty", "10.201.4.0/24"));
    String project = engine.prefix() + "-tty";
    String run = "java -jar " + jar + " %s -f " + dir + " --project " + project;
    // script(1) gives the command a pseudo-terminal, as a user's shell has.
    Cli.Result tty =
        Cli.result("script", "-qec", "NO_COLOR=1 " + run.formatted("apply"), "/dev/null");
    assertThat(tty.exitCode()).as(tty.stdout()).isZero();
    assertThat(tty.stdout())
        .as("each action once: progress, then only the counts")
        .contains("  done  + create network " + engine.name("tty") + " (DockerNetwork default/tty)")
        .contains("1 created.")
        .doesNotContain("DockerNetwork default/tty  created")
        .as("NO_COLOR")
        .doesNotContain("\u001b[");
    Cli.Result colour = Cli.result("script", "-qec", run.formatted("delete"), "/dev/null");
    assertThat(colour.exitCode()).as(colour.stdout()).isZero();
    assertThat(colour.stdout())
        .as("delete shows progress, in colour on a terminal")
        .contains("\u001b[31m  done  \u001b[0m- remove network " + engine.name("tty"))
        .contains("\u001b[33m1 removed\u001b[0m.")
        .doesNotContain("DockerNetwork default/tty  ");
    Cli.Result quiet = Cli.result("script", "-qec", run.formatted("apply -q"), "/dev/null");
    assertThat(quiet.exitCode()).as(quiet.stdout()).isZero();
    assertThat(quiet.stdout())
        .contains("DockerNetwork default/tty  created", "1 created.")
        .doesNotContain("  done  ", "\u001b[");
    // stdout on the terminal, stderr into a file: the file gets no progress and no colour.
    Path errFile = tmp.resolve("tty-stderr.txt");
    Cli.Result errRedirected =
        Cli.result(
            "script",
            "-qec",
            run.formatted("delete") + " 2>" + errFile.toAbsolutePath(),
            "/dev/null");
    assertThat(errRedirected.exitCode()).as(errRedirected.stdout()).isZero();
    assertThat(errRedirected.stdout())
        .as("stderr redirected: every resource on stdout")
        .contains("DockerNetwork default/tty  removed");
    assertThat(java.nio.file.Files.readString(errFile))
        .as("no progress in a redirected stderr")
        .isEmpty();
    assertThat(jar("apply", "-f", dir.toString(), "--project", project).exit()).isZero();
    Dockernet.Run piped = jar("apply", "-f", dir.toString(), "--project", project);
    assertThat(piped.err()).as("no terminal, no progress").isEmpty();
    assertThat(piped.out())
        .as("redirected: every resource, no colour")
        .contains("DockerNetwork default/tty  noop")
        .doesNotContain("\u001b[");
    assertThat(jar("delete", "-f", dir.toString(), "--project", project).exit()).isZero();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
