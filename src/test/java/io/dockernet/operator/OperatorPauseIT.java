package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dockernet.io/paused: "true" holds every engine change for that resource: creation, healing of
 * drift (reported instead), and the cleanup of a deletion (the finalizer stays until unpaused),
 * with a Paused condition and Paused / Resumed Events. Subnet 10.202.1.0/24.
 */
class OperatorPauseIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-pause";

  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator operator;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    client = cluster.client;
    operator =
        DockernetOperator.start(
            client,
            OperatorSettings.defaults()
                .withDefaultEngine(EngineConfig.fromEnvironment())
                .withPort(-1),
            GatewayFactory.DOCKER_JAVA,
            Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
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
                        .isEmpty());
      }
    } finally {
      if (operator != null) operator.stop();
      if (cluster != null) cluster.close();
    }
  }

  @Test
  void pausedMeansNoEngineChangeDriftReportedDeletionHeldUntilResumed() {
    String dockerName = engine.name("paused");
    engine.removeNetworkAfter(dockerName);
    DockerNetwork net =
        KubeFixtures.network(engine, NS, "paused", dockerName, "10.202.1.0/24", null);
    net.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
    client.resource(net).create();

    // Created paused: nothing on the engine, and the status says what is held.
    Condition held =
        awaitReady(client, DockerNetwork.class, NS, "paused", "False", "Paused", CONVERGE);
    assertThat(held.getMessage()).contains("not applied", dockerName);
    assertThat(condition("Paused").getStatus()).isEqualTo("True");
    assertThat(condition("Stalled").getStatus())
        .as("kstatus: waits for a change")
        .isEqualTo("True");
    assertThat(engine.networkExists(dockerName)).isFalse();
    awaitEvent("Paused");

    // Resumed: converges.
    setPaused(false);
    awaitReady(client, DockerNetwork.class, NS, "paused", "True", "Converged", CONVERGE);
    assertThat(engine.networkExists(dockerName)).isTrue();
    assertThat(condition("Paused").getStatus()).isEqualTo("False");
    awaitEvent("Resumed");

    // Paused again: a network removed by hand is reported, not recreated.
    setPaused(true);
    await().atMost(CONVERGE).until(() -> "True".equals(condition("Paused").getStatus()));
    engine.docker("network", "rm", dockerName);
    Condition drift =
        awaitReady(client, DockerNetwork.class, NS, "paused", "False", "Paused", CONVERGE);
    assertThat(drift.getMessage()).contains("not applied", dockerName);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !engine.networkExists(dockerName));

    // Healed once resumed; then deleted while paused: the finalizer and the network stay.
    setPaused(false);
    awaitReady(client, DockerNetwork.class, NS, "paused", "True", "Converged", CONVERGE);
    setPaused(true);
    await().atMost(CONVERGE).until(() -> "True".equals(condition("Paused").getStatus()));
    client.resources(DockerNetwork.class).inNamespace(NS).withName("paused").delete();
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () ->
                assertThat(
                        KubeFixtures.ready(get(client, DockerNetwork.class, NS, "paused"))
                            .getMessage())
                    .contains("deletion waits", Pause.ANNOTATION));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(get(client, DockerNetwork.class, NS, "paused"))
                  .as("kept by its finalizer")
                  .isNotNull();
              assertThat(engine.networkExists(dockerName)).isTrue();
            });
    setPaused(false);
    await().atMost(CONVERGE).until(() -> get(client, DockerNetwork.class, NS, "paused") == null);
    assertThat(engine.networkExists(dockerName)).as("cleaned up once resumed").isFalse();
  }

  static Condition condition(String type) {
    return Conditions.find(
        get(client, DockerNetwork.class, NS, "paused").getStatus().getConditions(), type);
  }

  static void setPaused(boolean paused) {
    KubeFixtures.edit(
        client.resources(DockerNetwork.class).inNamespace(NS).withName("paused"),
        n -> {
          Map<String, String> annotations =
              new HashMap<>(
                  n.getMetadata().getAnnotations() == null
                      ? Map.of()
                      : n.getMetadata().getAnnotations());
          if (paused) {
            annotations.put(Pause.ANNOTATION, "true");
          } else {
            annotations.remove(Pause.ANNOTATION);
          }
          n.getMetadata().setAnnotations(annotations);
          return n;
        },
        CONVERGE);
  }

  static void awaitEvent(String reason) {
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(NS).list().getItems())
                    .extracting(Event::getReason)
                    .contains(reason));
  }
}
