package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec.host in standalone mode: one command converges each resource on the engine its DockerHost
 * names (the shared engine and a private TLS dockerd), and a host it cannot resolve is a located
 * error before any engine call; DockerHosts naming one engine share its round. Subnets:
 * 10.201.32.0/20.
 */
class FleetIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  static SecondDockerd second;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    second = SecondDockerd.start();
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
  }

  private static String host(String name, String extra) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerHost
        metadata:
          name: %s
        spec:
          endpoint: %s
        %s
        """
        .formatted(name, second.host(), extra.indent(2).stripTrailing());
  }

  private static String network(String name, String dockerName, String subnet, String host) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: %s
        spec:
          name: %s
          host: %s
          ipam:
            config:
              - subnet: %s
        """
        .formatted(name, dockerName, host, subnet);
  }

  private Path tlsDir(String secret) {
    Path dir = tmp.resolve("tls").resolve(secret);
    try {
      Files.createDirectories(dir);
      for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
        Files.copy(second.certificates().clientDir().resolve(f), dir.resolve(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.getParent();
  }

  @Test
  void eachResourceConvergesOnTheEngineItsHostNamesInOneCommand() {
    String local = engine.name("fleet-local");
    String remote = engine.name("fleet-remote");
    engine.removeNetworkAfter(local);
    engine.removeNetworkAfter(remote);
    String edge = "edge-" + engine.prefix().toLowerCase().replaceAll("[^a-z0-9-]", "");
    Path dir =
        Dockernet.write(tmp.resolve("m"), "hosts.yaml", host(edge, "tlsSecretName: edge-tls"));
    Dockernet.write(
        dir,
        "nets.yaml",
        network("local", local, "10.201.32.0/24", "\"\"")
            + "---\n"
            + network("remote", remote, "10.201.33.0/24", edge));
    Map<String, String> env = Map.of(Fleet.TLS_DIR_ENV, tlsDir("edge-tls").toString());
    String[] apply = {"apply", "-f", dir.toString(), "--project", engine.prefix()};

    Dockernet.Run planned =
        Dockernet.subprocess(env, 60, "plan", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(planned.exit()).as(planned.toString()).isZero();
    assertThat(planned.out())
        .contains(
            "default engine (unix:///var/run/docker.sock):",
            "DockerHost " + edge + " (" + second.host() + "):",
            "+ create network " + local,
            "+ create network " + remote);

    Dockernet.Run applied = Dockernet.subprocess(env, 60, apply);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(applied.out())
        .contains("DockerNetwork default/local", "DockerNetwork default/remote", "2 created");
    assertThat(engine.networkExists(local)).isTrue();
    assertThat(second.networkExists(local)).as("only on the default engine").isFalse();
    assertThat(second.networkExists(remote)).isTrue();
    assertThat(engine.networkExists(remote))
        .as("never on an engine its host does not name")
        .isFalse();

    Dockernet.Run again = Dockernet.subprocess(env, 60, apply);
    assertThat(again.out()).as(again.toString()).contains("2 noop.");

    Dockernet.Run deleted =
        Dockernet.subprocess(env, 60, "delete", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    assertThat(engine.networkExists(local)).isFalse();
    assertThat(second.networkExists(remote)).isFalse();
  }

  /**
   * A DockerHost naming the engine the default host reaches: one round for both. With a round each,
   * apply --prune had each round remove the other's network as no longer declared.
   */
  @Test
  void aDockerHostNamingTheDefaultEngineSharesItsRound() {
    String viaHost = engine.name("fleet-same-a");
    String viaDefault = engine.name("fleet-same-b");
    engine.removeNetworkAfter(viaHost);
    engine.removeNetworkAfter(viaDefault);
    String here = "here-" + engine.prefix().toLowerCase().replaceAll("[^a-z0-9-]", "");
    Path dir =
        Dockernet.write(
            tmp.resolve("same"),
            "fleet.yaml",
            """
            apiVersion: dockernet.io/v1alpha1
            kind: DockerHost
            metadata:
              name: %s
            spec:
              endpoint: unix:///var/run/docker.sock
            ---
            """
                    .formatted(here)
                + network("a", viaHost, "10.201.36.0/24", here)
                + "---\n"
                + network("b", viaDefault, "10.201.37.0/24", "\"\""));
    String[] prune = {"apply", "-f", dir.toString(), "--project", engine.prefix(), "--prune"};

    Dockernet.Run planned =
        Dockernet.run("plan", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(planned.out())
        .as(planned.toString())
        .contains("default engine and DockerHost " + here + " (unix:///var/run/docker.sock):");
    Dockernet.Run applied = Dockernet.run(prune);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(applied.out()).contains("2 created.");
    Dockernet.Run again = Dockernet.run(prune);
    assertThat(again.out()).as(again.toString()).contains("2 noop.").doesNotContain("removed");
    assertThat(engine.networkExists(viaHost)).isTrue();
    assertThat(engine.networkExists(viaDefault)).isTrue();

    Dockernet.Run deleted =
        Dockernet.run("delete", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    assertThat(engine.networkExists(viaHost)).isFalse();
    assertThat(engine.networkExists(viaDefault)).isFalse();
  }

  @Test
  void tlsMaterialComesFromTheDockerContextOfTheSameName() {
    String remote = engine.name("ctx-remote");
    String edge = "ctx-" + engine.prefix().toLowerCase().replaceAll("[^a-z0-9-]", "");
    Path config = tmp.resolve("docker-config");
    Path tls = second.certificates().clientDir();
    Cli.run(
        "env",
        "DOCKER_CONFIG=" + config,
        "docker",
        "context",
        "create",
        edge,
        "--docker",
        "host="
            + second.host()
            + ",ca="
            + tls.resolve("ca.pem")
            + ",cert="
            + tls.resolve("cert.pem")
            + ",key="
            + tls.resolve("key.pem"));
    Path dir =
        Dockernet.write(
            tmp.resolve("ctx"),
            "m.yaml",
            host(edge, "tlsSecretName: not-here-but-a-context-is")
                + "---\n"
                + network("remote", remote, "10.201.34.0/24", edge));
    Dockernet.Run applied =
        Dockernet.subprocess(
            Map.of(
                "DOCKER_CONFIG",
                config.toString(),
                Fleet.TLS_DIR_ENV,
                tmp.resolve("empty-tls").toString()),
            60,
            "apply",
            "-f",
            dir.toString(),
            "--project",
            engine.prefix());
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(second.networkExists(remote)).isTrue();
    assertThat(applied.err())
        .as("the default engine is not contacted when no resource is for it")
        .isEmpty();
  }

  @Test
  void aHostThatCannotBeResolvedIsALocatedErrorBeforeAnyEngineCall() {
    String net = engine.name("nowhere");
    engine.removeNetworkAfter(net);
    Path dir =
        Dockernet.write(
            tmp.resolve("bad"), "n.yaml", network("n", net, "10.201.35.0/24", "nowhere"));
    // The default engine is unreachable: an answer from it would show as "cannot reach".
    Dockernet.Run undeclared =
        Dockernet.subprocess(
            Map.of(), 60, "apply", "-f", dir.toString(), "-H", "unix:///nonexistent/x.sock");
    assertThat(undeclared.exit()).isEqualTo(1);
    assertThat(undeclared.err())
        .as(undeclared.toString())
        .contains(
            "n.yaml:7:", "spec.host", "DockerHost nowhere is not declared", "nothing was changed")
        .doesNotContain("cannot reach");

    String edge = "notls-" + engine.prefix().toLowerCase().replaceAll("[^a-z0-9-]", "");
    Path noTls =
        Dockernet.write(
            tmp.resolve("notls"),
            "m.yaml",
            host(edge, "tlsSecretName: missing")
                + "---\n"
                + network("n", net, "10.201.35.0/24", edge));
    Dockernet.Run missing =
        Dockernet.subprocess(
            Map.of(
                Fleet.TLS_DIR_ENV,
                tmp.resolve("tls-none").toString(),
                "DOCKER_CONFIG",
                tmp.resolve("no-config").toString()),
            60,
            "plan",
            "-f",
            noTls.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err())
        .as(missing.toString())
        .contains(
            "m.yaml:7:",
            "spec.tlsSecretName",
            "no TLS material for DockerHost " + edge,
            "docker context named " + edge,
            "tls-none/missing");
    assertThat(engine.networkExists(net)).isFalse();
    assertThat(second.networkExists(net)).isFalse();
  }
}
