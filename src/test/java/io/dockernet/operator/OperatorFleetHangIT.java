package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.engine.EngineConfig;
import io.dockernet.reliability.StallProxy;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator serving a fleet where one engine hangs (issue 15, target 3): a private dockerd
 * reached directly ("live") and the same dockerd behind a stalled {@link StallProxy} ("hung"), plus
 * the shared engine. The hung host has more DockerNetworks than JOSDK has reconciler threads (50),
 * created before the others: the other hosts' resources still converge as usual, the hung host's
 * each say EngineUnavailable naming the engine (after one round's timeout, not one per resource),
 * and once the engine answers again they converge. Subnets 10.241.1-3.0/24; the hung host's
 * networks are config-only (no subnet, no bridge).
 */
class OperatorFleetHangIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  /** More than JOSDK's default reconciler threads, so that they could all be held by this host. */
  static final int HUNG = 60;

  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-fleet-hang";

  static SecondDockerd second;
  static StallProxy stuck;
  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator operator;

  @BeforeAll
  static void start() {
    second = SecondDockerd.start();
    stuck = new StallProxy(second.port());
    cluster = new MockCluster();
    client = cluster.client;
    client
        .resource(KubeFixtures.tlsSecret("default", "fleet-tls", second.certificates().clientDir()))
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
        stuck.stall(false);
        client.resources(DockerNetwork.class).inAnyNamespace().delete();
        await()
            .atMost(Duration.ofSeconds(120))
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
      if (stuck != null) {
        stuck.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void aHungEngineHoldsNoThreadsTheOtherHostsNeedAndItsResourcesSaySo() {
    String suffix = engine.prefix().toLowerCase().replaceAll("[^a-z0-9-]", "");
    String live = "live-" + suffix;
    String hung = "hung-" + suffix;
    stuck.stall(true);
    client.resource(KubeFixtures.host(live, second.host(), "fleet-tls", null, Map.of())).create();
    client.resource(KubeFixtures.host(hung, stuck.host(), "fleet-tls", null, Map.of())).create();

    // The hung host's resources first, as `kubectl apply -f` over the fleet's files might send
    // them.
    List<String> hungNames = new ArrayList<>();
    for (int i = 0; i < HUNG; i++) {
      DockerNetwork n =
          KubeFixtures.network(engine, NS, "hung-" + i, engine.name("hung-" + i), null, hung);
      n.getSpec().setIpam(null);
      n.getSpec().setConfigOnly(true);
      client.resource(n).create();
      hungNames.add(n.getSpec().getName());
    }
    String local = engine.name("fleet-local");
    engine.removeNetworkAfter(local);
    client
        .resource(KubeFixtures.network(engine, NS, "local", local, "10.241.1.0/24", null))
        .create();
    List<String> remote = List.of(engine.name("fleet-live-a"), engine.name("fleet-live-b"));
    for (int i = 0; i < remote.size(); i++) {
      client
          .resource(
              KubeFixtures.network(
                  engine, NS, "live-" + i, remote.get(i), "10.241." + (2 + i) + ".0/24", live))
          .create();
    }

    // The other hosts converge while the hung one still hangs.
    awaitReady(client, DockerNetwork.class, NS, "local", "True", "Converged", CONVERGE);
    for (int i = 0; i < remote.size(); i++) {
      awaitReady(client, DockerNetwork.class, NS, "live-" + i, "True", "Converged", CONVERGE);
    }
    assertThat(engine.networkExists(local)).isTrue();
    remote.forEach(name -> assertThat(second.networkExists(name)).as(name).isTrue());
    awaitReady(client, DockerHost.class, null, live, "True", "Reachable", CONVERGE);

    // Every resource of the hung host says why, naming its engine; nothing reached it.
    for (int i = 0; i < HUNG; i++) {
      Condition c =
          awaitReady(
              client, DockerNetwork.class, NS, "hung-" + i, "False", "EngineUnavailable", CONVERGE);
      assertThat(c.getMessage()).as("hung-" + i).contains(stuck.host());
    }
    awaitReady(client, DockerHost.class, null, hung, "False", "EngineUnavailable", CONVERGE);
    hungNames.forEach(name -> assertThat(second.networkExists(name)).as(name).isFalse());

    // Released: the hung host's resources converge.
    stuck.stall(false);
    for (int i = 0; i < HUNG; i++) {
      awaitReady(
          client,
          DockerNetwork.class,
          NS,
          "hung-" + i,
          "True",
          "Converged",
          Duration.ofSeconds(120));
    }
    hungNames.forEach(name -> assertThat(second.networkExists(name)).as(name).isTrue());
  }
}
