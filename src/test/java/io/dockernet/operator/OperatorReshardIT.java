package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DockerHost relabelled from one shard to another while both operators run: the one that loses it
 * releases it (closes that engine, heals nothing more, keeps the finalizers: cleanup is the new
 * owner's), the one that gains it picks it up at once (re-examines every resource naming the host,
 * so drift from while nobody served it is healed, and heals later drift from the engine's events).
 * Both operators use the main engine through one DockerHost. Subnets 10.232.0.0/24.
 */
class OperatorReshardIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-reshard";
  static final String HOST_KEY_PREFIX = "host/";

  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator a;
  static DockernetOperator b;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    client = cluster.client;
    a = start("shard=a");
    b = start("shard=b");
  }

  static DockernetOperator start(String selector) {
    return DockernetOperator.start(
        client,
        OperatorSettings.defaults()
            .withDefaultEngine(EngineConfig.fromEnvironment())
            .withPort(-1)
            .withHostSelector(selector, null),
        GatewayFactory.DOCKER_JAVA,
        Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      if (a != null && b != null) {
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
      }
    } finally {
      if (a != null) a.stop();
      if (b != null) b.stop();
      if (cluster != null) cluster.close();
    }
  }

  @Test
  void relabelledHostIsReleasedByTheOldShardAndPickedUpByTheNewWithoutRestart() {
    String host = engine.name("mover");
    String key = HOST_KEY_PREFIX + host;
    String dockerName = engine.name("moving");
    engine.removeNetworkAfter(dockerName);
    String container = engine.name("moving-web");
    engine.runContainer(container);
    client
        .resource(
            KubeFixtures.host(
                host, "unix:///var/run/docker.sock", null, null, Map.of("shard", "a")))
        .create();
    client
        .resource(KubeFixtures.network(engine, NS, "moving", dockerName, "10.232.0.0/24", host))
        .create();
    client.resource(attachment("moving-web", dockerName, container, host)).create();

    awaitReady(client, DockerNetwork.class, NS, "moving", "True", "Converged", CONVERGE);
    awaitReady(client, NetworkAttachment.class, NS, "moving-web", "True", null, CONVERGE);
    assertThat(applied(a, "CreateNetwork")).isEqualTo(1);
    assertThat(a.openEngines()).contains(key);
    assertThat(b.openEngines()).doesNotContain(key);

    // Into nobody's shard: A releases it (engine closed) and no one heals what happens there now.
    relabel(host, "c");
    await()
        .atMost(CONVERGE)
        .untilAsserted(() -> assertThat(a.openEngines()).as("A's engines").doesNotContain(key));
    engine.docker("network", "disconnect", dockerName, container);
    engine.docker("network", "rm", dockerName);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(engine.networkExists(dockerName)).as("healed by no one").isFalse();
              assertThat(b.openEngines()).doesNotContain(key);
            });
    assertThat(get(client, DockerNetwork.class, NS, "moving").getMetadata().getFinalizers())
        .as("A leaves the finalizer for whoever serves the host")
        .isNotEmpty();

    // Into B's shard: B picks it up without restart and heals the drift it never saw happen
    // (no engine event will tell it: the removal is over).
    relabel(host, "b");
    await().atMost(CONVERGE).until(() -> engine.networkExists(dockerName));
    await()
        .atMost(CONVERGE)
        .until(() -> engine.inspectNetwork(dockerName).path("Containers").size() == 1);
    assertThat(b.openEngines()).contains(key);
    assertThat(applied(b, "CreateNetwork")).as("B recreated it").isEqualTo(1);
    assertThat(applied(a, "CreateNetwork")).as("A did not").isEqualTo(1);

    // Later drift reaches B through the engine's event stream and B alone heals it. (A cut
    // endpoint, not a removed network: B reconnects within milliseconds, so a `network rm` right
    // after the disconnect would race B's repair and find the endpoint back.)
    double bConnects = applied(b, "Connect");
    double aConnects = applied(a, "Connect");
    engine.docker("network", "disconnect", dockerName, container);
    await().atMost(CONVERGE).until(() -> applied(b, "Connect") > bConnects);
    await()
        .atMost(CONVERGE)
        .until(() -> engine.inspectNetwork(dockerName).path("Containers").size() == 1);
    assertThat(applied(a, "Connect")).as("A did not reconnect").isEqualTo(aConnects);
    assertThat(applied(a, "CreateNetwork")).isEqualTo(1);
    assertThat(a.openEngines()).doesNotContain(key);
    awaitReady(client, DockerNetwork.class, NS, "moving", "True", "Converged", CONVERGE);

    // Deletion is cleaned up by the new owner; the old one removes nothing.
    client.resources(NetworkAttachment.class).inNamespace(NS).withName("moving-web").delete();
    client.resources(DockerNetwork.class).inNamespace(NS).withName("moving").delete();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                get(client, DockerNetwork.class, NS, "moving") == null
                    && get(client, NetworkAttachment.class, NS, "moving-web") == null);
    assertThat(engine.networkExists(dockerName)).isFalse();
    assertThat(applied(b, "RemoveNetwork")).isEqualTo(1);
    assertThat(applied(a, "RemoveNetwork")).isZero();
    assertThat(applied(a, "Disconnect")).isZero();
  }

  static void relabel(String host, String shard) {
    KubeFixtures.edit(
        client.resources(DockerHost.class).withName(host),
        h -> {
          h.getMetadata().setLabels(Map.of("shard", shard));
          return h;
        },
        CONVERGE);
  }

  static NetworkAttachment attachment(String name, String network, String container, String host) {
    NetworkAttachment a = KubeFixtures.attachment(NS, name, network, container, List.of("web"));
    a.getSpec().setHost(host);
    return a;
  }

  static double applied(DockernetOperator op, String action) {
    return op.metrics().count("dockernet.actions.applied", "action", action);
  }
}
