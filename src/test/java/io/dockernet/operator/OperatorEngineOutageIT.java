package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.engine.EngineConfig;
import io.dockernet.plan.Reason;
import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engines that go away and come back, with the operator in this JVM:
 *
 * <ul>
 *   <li>a second {@code dockerd} (TLS, reached through a DockerHost) is stopped: its resources say
 *       {@code EngineUnavailable} and are retried with backoff, not in a hot loop; started again:
 *       they are {@code Ready} again and the event stream is back (a network removed by hand is
 *       healed);
 *   <li>the event stream of an engine behind a breakable TCP front ({@link EngineProxy}) is cut:
 *       every resource on that engine is reconciled (full resync); drift made while the engine was
 *       out of reach is healed after it is back.
 * </ul>
 *
 * Subnets 10.123.84.0/22 (84-85 on the second engine, 86-87 on the main engine through the front).
 */
class OperatorEngineOutageIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-outage";

  static SecondDockerd second;
  static EngineProxy front;
  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator operator;

  @BeforeAll
  static void start() {
    second = SecondDockerd.start();
    front = new EngineProxy();
    cluster = new MockCluster();
    client = cluster.client;
    client
        .resource(
            KubeFixtures.tlsSecret("default", "engine-tls", second.certificates().clientDir()))
        .create();
    operator =
        DockernetOperator.start(
            client,
            OperatorSettings.defaults()
                .withDefaultEngine(EngineConfig.fromEnvironment())
                .withPort(-1)
                .withSecretNamespace("default")
                .withResyncPeriod(Duration.ofMinutes(10)),
            GatewayFactory.DOCKER_JAVA,
            Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
        if (!second.running()) {
          second.restart();
        }
        front.resume();
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
      if (operator != null) {
        operator.stop();
      }
      if (cluster != null) {
        cluster.close();
      }
      if (front != null) {
        front.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void aStoppedEngineIsEngineUnavailableWithoutAHotLoopAndReadyAgainAfterItRestarts()
      throws Exception {
    String host = engine.name("second");
    client.resource(KubeFixtures.host(host, second.host(), "engine-tls", null, Map.of())).create();
    String a = engine.name("out-a");
    String b = engine.name("out-b");
    client.resource(KubeFixtures.network(engine, NS, "out-a", a, "10.123.84.0/24", host)).create();
    client.resource(KubeFixtures.network(engine, NS, "out-b", b, "10.123.85.0/24", host)).create();
    awaitReady(client, DockerNetwork.class, NS, "out-a", "True", "Converged", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "out-b", "True", "Converged", CONVERGE);

    long stopped = System.nanoTime();
    second.stop();
    Condition down =
        awaitReady(
            client, DockerNetwork.class, NS, "out-a", "False", "EngineUnavailable", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "out-b", "False", "EngineUnavailable", CONVERGE);
    assertThat(down.getMessage())
        .contains("cannot reach the engine at " + second.host())
        .doesNotContain("Exception: GET");
    System.out.printf(
        "[OperatorEngineOutageIT] EngineUnavailable %d ms after the engine stopped: %s%n",
        millisSince(stopped), down.getMessage());
    awaitReady(client, DockerHost.class, null, host, "False", "EngineUnavailable", CONVERGE);
    assertThat(get(client, DockerHost.class, null, host).getStatus().getReachable()).isFalse();

    // Retried with backoff (1 s doubling to 30 s): a few attempts in 8 s, not hundreds.
    Thread.sleep(1000);
    double errors = engineErrors();
    double reconciles = reconciles();
    Thread.sleep(8000);
    double moreErrors = engineErrors() - errors;
    double moreReconciles = reconciles() - reconciles;
    System.out.printf(
        "[OperatorEngineOutageIT] while stopped, in 8 s: %.0f engine errors, %.0f DockerNetwork reconciles (2 resources)%n",
        moreErrors, moreReconciles);
    assertThat(moreErrors).as("engine errors in 8 s").isBetween(1.0, 12.0);
    assertThat(moreReconciles).as("reconciles in 8 s").isLessThanOrEqualTo(12.0);

    long restarted = System.nanoTime();
    second.restart();
    awaitReady(client, DockerNetwork.class, NS, "out-a", "True", "Converged", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "out-b", "True", "Converged", CONVERGE);
    System.out.printf(
        "[OperatorEngineOutageIT] Ready %d ms after the engine was started again%n",
        millisSince(restarted));
    awaitReady(client, DockerHost.class, null, host, "True", "Reachable", CONVERGE);
    assertThat(get(client, DockerNetwork.class, NS, "out-a").getStatus().getId())
        .isEqualTo(second.docker("network", "inspect", "--format", "{{.Id}}", a));

    // The event stream is back: drift after the restart is healed at once, not at the next resync
    // (10 min).
    long removed = System.nanoTime();
    second.docker("network", "rm", a);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> second.networkExists(a));
    System.out.printf(
        "[OperatorEngineOutageIT] network removed after the restart healed in %d ms%n",
        millisSince(removed));
  }

  @Test
  void aBrokenEventStreamTriggersAFullResyncAndDriftWhileOutOfReachIsHealed() {
    String host = engine.name("fronted");
    client.resource(KubeFixtures.host(host, front.host(), null, true, Map.of())).create();
    String c = engine.name("front-c");
    String d = engine.name("front-d");
    engine.removeNetworkAfter(c);
    engine.removeNetworkAfter(d);
    client
        .resource(KubeFixtures.network(engine, NS, "front-c", c, "10.123.86.0/24", host))
        .create();
    client
        .resource(KubeFixtures.network(engine, NS, "front-d", d, "10.123.87.0/24", host))
        .create();
    awaitReady(client, DockerNetwork.class, NS, "front-c", "True", "Converged", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "front-d", "True", "Converged", CONVERGE);

    // Cut only the connections (the engine stays reachable): every resource on it is reconciled.
    await()
        .pollDelay(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> true); // let earlier rounds settle
    double before = reconciles();
    front.dropConnections();
    await().atMost(Duration.ofSeconds(15)).until(() -> reconciles() - before >= 2);
    awaitReady(client, DockerNetwork.class, NS, "front-c", "True", "Converged", CONVERGE);

    // Out of reach; drift made meanwhile directly on the engine; back: healed. Quiet first: a
    // connection the front accepts while pausing could outlive the pause.
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
    front.pause();
    awaitReady(client, DockerNetwork.class, NS, "front-c", "False", "EngineUnavailable", CONVERGE);
    String oldId = engine.inspectNetwork(c).path("Id").asText();
    engine.docker("network", "rm", c);
    long resumed = System.nanoTime();
    front.resume();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> engine.networkExists(c));
    System.out.printf(
        "[OperatorEngineOutageIT] drift made while out of reach healed %d ms after the engine came back%n",
        millisSince(resumed));
    awaitReady(client, DockerNetwork.class, NS, "front-c", "True", "Converged", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "front-d", "True", "Converged", CONVERGE);
    assertThat(get(client, DockerNetwork.class, NS, "front-c").getStatus().getId())
        .isNotEqualTo(oldId)
        .isEqualTo(engine.inspectNetwork(c).path("Id").asText());
  }

  static double engineErrors() {
    return operator
        .metrics()
        .count("dockernet.engine.errors", "reason", Reason.ENGINE_UNAVAILABLE.code());
  }

  /** JOSDK's count of DockerNetwork reconciliations started (all retry tags summed). */
  static double reconciles() {
    return operator
        .metrics()
        .registry()
        .find("operator.sdk.reconciliations.started")
        .counters()
        .stream()
        .filter(
            c ->
                c.getId().getTags().stream()
                    .anyMatch(
                        t ->
                            t.getValue().equalsIgnoreCase("DockerNetwork")
                                || t.getValue().equals(DockerNetworkReconciler.NAME)))
        .mapToDouble(Counter::count)
        .sum();
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
