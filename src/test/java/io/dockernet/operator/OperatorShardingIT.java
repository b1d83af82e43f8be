package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet split in two: operator A ({@code --host-selector shard=a}, Lease shard-a) serves the main
 * engine's DockerHost, operator B ({@code shard=b}, Lease shard-b) a second dockerd (TLS). Each
 * converges only its share; resources of a host neither serves, or with no host at all, get no
 * finalizer and no status; with B stopped, its resources wait for it (A does not touch them).
 * Subnets 10.123.88.0/22.
 */
class OperatorShardingIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-shard";

  static SecondDockerd second;
  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator a;
  static DockernetOperator b;

  @BeforeAll
  static void start() {
    second = SecondDockerd.start();
    cluster = new MockCluster();
    cluster.allowLeases();
    client = cluster.client;
    client
        .resource(
            KubeFixtures.tlsSecret("default", "engine-tls", second.certificates().clientDir()))
        .create();
    a = start("shard=a", "shard-a", "op-a");
    b = start("shard=b", "shard-b", "op-b");
  }

  static DockernetOperator start(String selector, String lease, String identity) {
    return DockernetOperator.start(
        client,
        OperatorSettings.defaults()
            .withDefaultEngine(EngineConfig.fromEnvironment())
            .withPort(-1)
            .withSecretNamespace("default")
            .withHostSelector(selector, null)
            .withLeaderElection(
                new OperatorSettings.LeaderElection(lease, "default", identity, false)),
        GatewayFactory.DOCKER_JAVA,
        Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      if (a != null && b != null) {
        client.resources(DockerNetwork.class).inAnyNamespace().delete();
        // Unserved resources carry no finalizer and go at once; served ones are cleaned up by their
        // operator.
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
      if (a != null) a.stop();
      if (b != null) b.stop();
      if (cluster != null) cluster.close();
      if (second != null) second.close();
    }
  }

  @Test
  void eachDeploymentServesOnlyItsShareOfHosts() {
    String local = engine.name("local");
    String remote = engine.name("remote");
    String nobodys = engine.name("nobodys");
    client
        .resource(
            KubeFixtures.host(
                local, "unix:///var/run/docker.sock", null, null, Map.of("shard", "a")))
        .create();
    client
        .resource(
            KubeFixtures.host(remote, second.host(), "engine-tls", null, Map.of("shard", "b")))
        .create();
    client
        .resource(
            KubeFixtures.host(
                nobodys, "unix:///var/run/docker.sock", null, null, Map.of("shard", "c")))
        .create();

    String netA = engine.name("shard-a");
    String netB = engine.name("shard-b");
    String netC = engine.name("shard-c");
    String netDefault = engine.name("shard-default");
    for (String name : new String[] {netA, netB, netC, netDefault}) {
      engine.removeNetworkAfter(name);
    }
    client
        .resource(KubeFixtures.network(engine, NS, "on-a", netA, "10.123.88.0/24", local))
        .create();
    client
        .resource(KubeFixtures.network(engine, NS, "on-b", netB, "10.123.89.0/24", remote))
        .create();
    client
        .resource(KubeFixtures.network(engine, NS, "on-c", netC, "10.123.90.0/24", nobodys))
        .create();
    client
        .resource(KubeFixtures.network(engine, NS, "no-host", netDefault, "10.123.91.0/24", null))
        .create();

    awaitReady(client, DockerNetwork.class, NS, "on-a", "True", "Converged", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "on-b", "True", "Converged", CONVERGE);
    assertThat(holder("shard-a")).isEqualTo("op-a");
    assertThat(holder("shard-b")).isEqualTo("op-b");
    assertThat(engine.networkExists(netA)).isTrue();
    assertThat(second.networkExists(netA)).isFalse();
    assertThat(second.networkExists(netB)).isTrue();
    assertThat(engine.networkExists(netB)).isFalse();
    assertThat(created(a)).as("A created only its network").isEqualTo(1);
    assertThat(created(b)).as("B created only its network").isEqualTo(1);
    awaitReady(client, DockerHost.class, null, local, "True", "Reachable", CONVERGE);
    awaitReady(client, DockerHost.class, null, remote, "True", "Reachable", CONVERGE);

    // Outside every share: untouched, for as long as we care to look.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              for (String name : new String[] {"on-c", "no-host"}) {
                DockerNetwork n = get(client, DockerNetwork.class, NS, name);
                assertThat(n.getMetadata().getFinalizers()).as(name + " finalizers").isEmpty();
                // (the client sends an empty status object on create: nothing of ours must be in
                // it)
                if (n.getStatus() != null) {
                  assertThat(n.getStatus().getConditions())
                      .as(name + " conditions")
                      .isNullOrEmpty();
                  assertThat(n.getStatus().getId()).as(name + " id").isNull();
                  assertThat(n.getStatus().getObservedGeneration())
                      .as(name + " observedGeneration")
                      .isNull();
                }
              }
              DockerHost unserved = get(client, DockerHost.class, null, nobodys);
              if (unserved.getStatus() != null) {
                assertThat(unserved.getStatus().getConditions())
                    .as("unserved host conditions")
                    .isNullOrEmpty();
                assertThat(unserved.getStatus().getReachable())
                    .as("unserved host reachable")
                    .isNull();
              }
            });
    assertThat(engine.networkExists(netC)).isFalse();
    assertThat(engine.networkExists(netDefault)).isFalse();
    assertThat(get(client, DockerNetwork.class, NS, "on-a").getMetadata().getFinalizers())
        .isNotEmpty();
    assertThat(get(client, DockerNetwork.class, NS, "on-b").getMetadata().getFinalizers())
        .isNotEmpty();

    // With B down, B's resources wait for it: A neither converges an edit nor runs the finalizer.
    b.stop();
    b = null;
    KubeFixtures.edit(
        client.resources(DockerNetwork.class).inNamespace(NS).withName("on-b"),
        n -> {
          n.getSpec().getIpam().getConfig().get(0).setSubnet("10.123.89.128/25");
          return n;
        },
        CONVERGE);
    client.resources(DockerNetwork.class).inNamespace(NS).withName("on-a").delete();
    await().atMost(CONVERGE).until(() -> get(client, DockerNetwork.class, NS, "on-a") == null);
    assertThat(engine.networkExists(netA)).isFalse();
    assertThat(subnetOnSecond(netB)).isEqualTo("10.123.89.0/24");
    assertThat(created(a)).isEqualTo(1);

    // B back: its share converges.
    b = start("shard=b", "shard-b", "op-b-2");
    await().atMost(CONVERGE).until(() -> "op-b-2".equals(holder("shard-b")));
    // (a recreate: the network is briefly absent)
    await().atMost(CONVERGE).until(() -> subnetOnSecond(netB).equals("10.123.89.128/25"));
    awaitReady(client, DockerNetwork.class, NS, "on-b", "True", "Converged", CONVERGE);
  }

  /** The network's subnet on the second engine, or "" while it does not exist. */
  static String subnetOnSecond(String network) {
    var r =
        second.dockerResult(
            "network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", network);
    return r.ok() ? r.stdout().trim() : "";
  }

  static String holder(String lease) {
    Lease l = client.leases().inNamespace("default").withName(lease).get();
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  static double created(DockernetOperator op) {
    return op.metrics().count("dockernet.actions.applied", "action", "CreateNetwork");
  }
}
