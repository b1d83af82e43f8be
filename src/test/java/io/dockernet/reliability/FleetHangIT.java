package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code apply} over a fleet where one engine hangs: the others converge, the hung one is
 * reported per resource with its host named, and the command ends (bounded by the engine timeouts).
 * The hung engine is the private dockerd behind a {@link StallProxy} that holds every byte; the
 * live ones are the same dockerd reached directly and the shared engine. Subnets: 10.236.0.0/20.
 */
class FleetHangIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  static SecondDockerd second;
  static StallProxy stuck;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    second = SecondDockerd.start();
    stuck = new StallProxy(second.port());
  }

  @AfterAll
  static void stop() {
    if (stuck != null) {
      stuck.close();
    }
    if (second != null) {
      second.close();
    }
  }

  private static String host(String name, String endpoint) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerHost
        metadata:
          name: %s
        spec:
          endpoint: %s
          tlsSecretName: fleet-tls
        """
        .formatted(name, endpoint);
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

  @Test
  void aHungEngineFailsOnlyItsOwnResourcesAndTheOthersConverge() throws IOException {
    String suffix = engine.prefix().toLowerCase().replaceAll("[^a-z0-9-]", "");
    String live = "live-" + suffix;
    String hung = "hung-" + suffix;
    String local = engine.name("hang-local");
    engine.removeNetworkAfter(local);
    String remote1 = engine.name("hang-remote1");
    String remote2 = engine.name("hang-remote2");
    String never = engine.name("hang-never");
    Path dir = tmp.resolve("m");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("hosts.yaml"), host(live, second.host()) + "---\n" + host(hung, stuck.host()));
    Files.writeString(
        dir.resolve("nets.yaml"),
        String.join(
            "---\n",
            network("local", local, "10.236.1.0/24", "\"\""),
            network("remote1", remote1, "10.236.2.0/24", live),
            network("remote2", remote2, "10.236.3.0/24", live),
            network("never", never, "10.236.4.0/24", hung)));
    Path tls = tmp.resolve("tls").resolve("fleet-tls");
    Files.createDirectories(tls);
    for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.copy(second.certificates().clientDir().resolve(f), tls.resolve(f));
    }
    Map<String, String> env =
        new HashMap<>(Map.of("DOCKERNET_TLS_DIR", tls.getParent().toString()));

    stuck.stall(true);
    Dockernet.Run applied =
        Dockernet.subprocess(
            env, 180, "apply", "-f", dir.toString(), "--project", engine.prefix(), "-o", "json");

    assertThat(applied.exit()).as(applied.toString()).isEqualTo(1);
    assertThat(applied.err())
        .as("the hung host is named once, with its cause")
        .contains("DockerHost " + hung + " (" + stuck.host() + "): cannot reach the Docker engine");
    Map<String, JsonNode> results = new HashMap<>();
    new ObjectMapper()
        .readTree(applied.out())
        .path("results")
        .forEach(r -> results.put(r.path("name").asText(), r));
    assertThat(results).containsOnlyKeys("local", "remote1", "remote2", "never");
    for (String converged : new String[] {"local", "remote1", "remote2"}) {
      assertThat(results.get(converged).path("outcome").asText())
          .as(applied.toString())
          .isEqualTo("created");
    }
    JsonNode failed = results.get("never");
    assertThat(failed.path("outcome").asText()).isEqualTo("failed");
    assertThat(failed.path("messages").toString())
        .contains("DockerHost " + hung, "cannot reach the Docker engine");
    assertThat(engine.networkExists(local)).isTrue();
    assertThat(second.networkExists(remote1)).isTrue();
    assertThat(second.networkExists(remote2)).isTrue();
    assertThat(second.networkExists(never)).as("nothing reached the hung engine").isFalse();

    // Released, the same command converges what was left.
    stuck.stall(false);
    Dockernet.Run again =
        Dockernet.subprocess(env, 120, "apply", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(second.networkExists(never)).isTrue();
  }
}
