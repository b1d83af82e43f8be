package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported manifests applied to a cluster (the mock API server, as kubectl apply would send them)
 * adopt the engine's networks through the operator: Ready, same network id, same endpoints, no
 * container restarted. Subnet 10.203.20.0/24.
 */
class OperatorAdoptIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String NS = "adopted";

  @TempDir Path tmp;

  @Test
  void exportedManifestsAreAdoptedAsTheyAre() throws Exception {
    String net = engine.name("legacy");
    engine.createUnmanagedNetwork(
        net,
        "--subnet",
        "10.203.20.0/24",
        "--gateway",
        "10.203.20.1",
        "--label",
        "team=a",
        "-o",
        "com.docker.network.driver.mtu=1400");
    engine.removeNetworkAfter(net);
    String fixed = engine.name("fixed");
    engine.docker(
        "run",
        "-d",
        "--name",
        fixed,
        "--label",
        TestEngine.TEST_LABEL + "=true",
        "--network",
        net,
        "--ip",
        "10.203.20.10",
        "--network-alias",
        "db",
        TestEngine.IMAGE,
        "sleep",
        "3600");
    engine.removeContainerAfter(fixed);
    String dynamic = engine.name("dynamic");
    engine.runContainer(dynamic, net);
    String id = engine.inspectNetwork(net).get("Id").asText();
    Map<String, String> before = endpointsAndStarts(net, fixed, dynamic);

    Path dir = tmp.resolve("export");
    Dockernet.Run export = Dockernet.run("export", net, "--namespace", NS, "-o", dir.toString());
    assertThat(export.exit()).as(export.toString()).isZero();

    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient client = cluster.client;
      OperatorSettings settings =
          OperatorSettings.defaults()
              .withDefaultEngine(EngineConfig.fromEnvironment())
              .withPort(0)
              .withResyncPeriod(Duration.ofSeconds(60));
      DockernetOperator operator =
          DockernetOperator.start(
              client, settings, GatewayFactory.DOCKER_JAVA, Validation.forOperator());
      try {
        List<CustomResource<?, ?>> applied = apply(client, dir);
        assertThat(applied).hasSize(3);
        for (CustomResource<?, ?> r : applied) {
          KubeFixtures.awaitReady(
              client, r.getClass(), NS, r.getMetadata().getName(), "True", null, CONVERGE);
        }
        DockerNetwork adopted =
            KubeFixtures.get(
                client, DockerNetwork.class, NS, applied.get(0).getMetadata().getName());
        assertThat(adopted.getStatus().getId()).as("the same network, not a new one").isEqualTo(id);
        assertThat(engine.inspectNetwork(net).get("Id").asText()).isEqualTo(id);
        assertThat(endpointsAndStarts(net, fixed, dynamic))
            .as("same endpoints, no container restarted")
            .isEqualTo(before);

        // From now on the operator heals drift on it.
        engine.docker("network", "disconnect", net, dynamic);
        await()
            .atMost(CONVERGE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> engine.inspectContainer(dynamic).at("/NetworkSettings/Networks").has(net));
      } finally {
        client.resources(NetworkAttachment.class).inAnyNamespace().delete();
        client.resources(DockerNetwork.class).inAnyNamespace().delete();
        await()
            .atMost(CONVERGE)
            .until(
                () ->
                    client
                            .resources(DockerNetwork.class)
                            .inAnyNamespace()
                            .list()
                            .getItems()
                            .isEmpty()
                        && client
                            .resources(NetworkAttachment.class)
                            .inAnyNamespace()
                            .list()
                            .getItems()
                            .isEmpty());
        operator.stop();
      }
    }
    assertThat(engine.inspectNetwork(net).get("Id").asText())
        .as("an adopted network is never removed")
        .isEqualTo(id);
  }

  /** What kubectl apply -f DIR sends: each file's resource, created as written. */
  private static List<CustomResource<?, ?>> apply(KubernetesClient client, Path dir)
      throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted =
          files
              .sorted(
                  (a, b) ->
                      Boolean.compare(
                          !a.getFileName().toString().startsWith("network-"),
                          !b.getFileName().toString().startsWith("network-")))
              .toList();
      List<CustomResource<?, ?>> result = new java.util.ArrayList<>();
      for (Path f : sorted) {
        String yaml = Files.readString(f);
        CustomResource<?, ?> r =
            f.getFileName().toString().startsWith("network-")
                ? Serialization.unmarshal(yaml, DockerNetwork.class)
                : Serialization.unmarshal(yaml, NetworkAttachment.class);
        result.add(client.resource(r).create());
      }
      return result;
    }
  }

  private Map<String, String> endpointsAndStarts(String net, String... containers) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (String c : containers) {
      var inspect = engine.inspectContainer(c);
      m.put(c + ".started", inspect.at("/State/StartedAt").asText());
      m.put(
          c + ".endpoint", inspect.at("/NetworkSettings/Networks/" + net + "/EndpointID").asText());
      m.put(c + ".ip", inspect.at("/NetworkSettings/Networks/" + net + "/IPAddress").asText());
    }
    return m;
  }
}
