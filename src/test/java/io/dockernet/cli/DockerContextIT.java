package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker contexts made with the docker CLI itself ({@code docker context create/use}, in a store of
 * the test's own: DOCKER_CONFIG, so the machine's current context never changes): dockernet picks
 * the engine the docker CLI picks, flag by flag and variable by variable, with the context's TLS
 * material. The second engine is a private TLS dockerd. Subnets: 10.201.16.0/20.
 */
class DockerContextIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  static SecondDockerd second;
  static Path config;
  static String marker;

  @BeforeAll
  static void contexts(@TempDir Path dir) {
    second = SecondDockerd.start();
    config = dir.resolve("docker-config");
    marker = engine.name("only-on-second");
    second.docker("network", "create", "--subnet", "10.201.16.0/24", marker);
    Path tls = second.certificates().clientDir();
    docker(
        Map.of(),
        "context",
        "create",
        "second",
        "--docker",
        "host="
            + second.host()
            + ",ca="
            + tls.resolve("ca.pem")
            + ",cert="
            + tls.resolve("cert.pem")
            + ",key="
            + tls.resolve("key.pem"));
    docker(
        Map.of(),
        "context",
        "create",
        "broken",
        "--docker",
        "host=unix:///nonexistent/broken.sock");
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
  }

  private static Cli.Result docker(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of("env", "DOCKER_CONFIG=" + config));
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.add("docker");
    cmd.addAll(List.of(args));
    return Cli.result(60, cmd.toArray(String[]::new));
  }

  /**
   * Which engine a command line reaches: "second", "main" or "none", for the docker CLI and for
   * dockernet.
   */
  private record Choice(String docker, String dockernet) {}

  private static Choice reached(Map<String, String> env, String... flags) {
    List<String> dockerArgs = new ArrayList<>(List.of(flags));
    dockerArgs.addAll(List.of("network", "ls", "--format", "{{.Name}}"));
    Cli.Result d = docker(env, dockerArgs.toArray(String[]::new));
    Map<String, String> all = new HashMap<>(env);
    all.put("DOCKER_CONFIG", config.toString());
    List<String> ours = new ArrayList<>(List.of("get", "networks"));
    ours.addAll(List.of(flags));
    Dockernet.Run n = Dockernet.subprocess(all, 60, ours.toArray(String[]::new));
    return new Choice(
        which(d.exitCode(), d.stdout() + d.stderr()), which(n.exit(), n.out() + n.err()));
  }

  private static String which(int exit, String output) {
    if (exit != 0) {
      return output.contains("conflicting options") ? "conflict" : "none";
    }
    return output.contains(marker) ? "second" : "main";
  }

  @Test
  void theEngineIsChosenExactlyAsTheDockerCliChoosesIt() {
    String main = "unix:///var/run/docker.sock";
    String broken = "unix:///nonexistent/broken.sock";
    Map<String, Choice> cases = new java.util.LinkedHashMap<>();
    cases.put("--context second", reached(Map.of(), "--context", "second"));
    cases.put("DOCKER_CONTEXT=second", reached(Map.of("DOCKER_CONTEXT", "second")));
    cases.put("DOCKER_CONTEXT=broken", reached(Map.of("DOCKER_CONTEXT", "broken")));
    cases.put(
        "--context second over DOCKER_HOST",
        reached(Map.of("DOCKER_HOST", broken), "--context", "second"));
    cases.put(
        "DOCKER_HOST over DOCKER_CONTEXT",
        reached(Map.of("DOCKER_HOST", main, "DOCKER_CONTEXT", "second")));
    cases.put("-H over DOCKER_CONTEXT", reached(Map.of("DOCKER_CONTEXT", "second"), "-H", main));
    cases.put("-H with --context", reached(Map.of(), "-H", main, "--context", "second"));
    cases.put(
        "--context default", reached(Map.of("DOCKER_CONTEXT", "second"), "--context", "default"));
    assertThat(docker(Map.of(), "context", "use", "second").exitCode()).isZero();
    cases.put("current context", reached(Map.of()));
    cases.put("DOCKER_HOST over current context", reached(Map.of("DOCKER_HOST", main)));
    cases.put("DOCKER_CONTEXT over current context", reached(Map.of("DOCKER_CONTEXT", "broken")));
    assertThat(docker(Map.of(), "context", "use", "default").exitCode()).isZero();

    cases.forEach(
        (name, choice) -> assertThat(choice.dockernet()).as(name).isEqualTo(choice.docker()));
    assertThat(cases.get("--context second").docker()).isEqualTo("second");
    assertThat(cases.get("current context").docker()).isEqualTo("second");
    assertThat(cases.get("DOCKER_HOST over DOCKER_CONTEXT").docker()).isEqualTo("main");
    assertThat(cases.get("-H with --context").docker()).isEqualTo("conflict");
  }

  @Test
  void applyOnAContextConvergesThatEngineOnlyOverItsTls(@TempDir Path dir) {
    String net = engine.name("ctx-net");
    engine.removeNetworkAfter(net);
    Dockernet.write(
        dir,
        "n.yaml",
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: ctx
        spec:
          name: %s
          ipam:
            config:
              - subnet: 10.201.17.0/24
        """
            .formatted(net));
    Dockernet.Run applied =
        Dockernet.subprocess(
            Map.of("DOCKER_CONFIG", config.toString()),
            60,
            "apply",
            "--context",
            "second",
            "-f",
            dir.toString(),
            "--project",
            engine.prefix());
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(second.networkExists(net)).isTrue();
    assertThat(engine.networkExists(net)).as("the shared engine is untouched").isFalse();

    Dockernet.Run missing =
        Dockernet.subprocess(
            Map.of("DOCKER_CONFIG", config.toString()),
            60,
            "plan",
            "--context",
            "nope",
            "-f",
            dir.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("docker context \"nope\" does not exist");
  }
}
