package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator instances share one Lease: exactly one reconciles; when it stops, the other takes
 * over. Subnets 10.123.76.0/22.
 */
class OperatorLeaderElectionIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final String LEASE = "dockernet-it";
  static MockCluster cluster;
  static DockernetOperator a;
  static DockernetOperator b;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    cluster.allowLeases();
    a = start("op-a");
    await().atMost(Duration.ofSeconds(20)).until(() -> holder() != null);
    b = start("op-b");
  }

  static DockernetOperator start(String identity) {
    return DockernetOperator.start(
        cluster.client,
        OperatorSettings.defaults()
            .withDefaultEngine(EngineConfig.fromEnvironment())
            .withPort(-1)
            .withLeaderElection(
                new OperatorSettings.LeaderElection(LEASE, "default", identity, false)),
        GatewayFactory.DOCKER_JAVA,
        Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      cluster.client.resources(DockerNetwork.class).inAnyNamespace().delete();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  cluster
                      .client
                      .resources(DockerNetwork.class)
                      .inAnyNamespace()
                      .list()
                      .getItems()
                      .isEmpty());
    } finally {
      if (a != null) a.stop();
      if (b != null) b.stop();
      cluster.close();
    }
  }

  static String holder() {
    Lease lease = cluster.client.leases().inNamespace("default").withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  static double created(DockernetOperator op) {
    return op.metrics().count("dockernet.actions.applied", "action", "CreateNetwork");
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheOtherTakesOverWhenItStops() {
    assertThat(holder()).isEqualTo("op-a");
    create("first", engine.name("le-first"), "10.123.76.0/24");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> engine.networkExists(engine.name("le-first")));
    await().atMost(Duration.ofSeconds(5)).until(() -> created(a) == 1);
    assertThat(created(b)).as("the standby must not act").isZero();

    a.stop();
    a = null;
    await().atMost(Duration.ofSeconds(40)).until(() -> "op-b".equals(holder()));
    create("second", engine.name("le-second"), "10.123.77.0/24");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> engine.networkExists(engine.name("le-second")));
    // The counter moves once the executor returns, a moment after the engine has the network.
    await().atMost(Duration.ofSeconds(5)).until(() -> created(b) == 1);
  }

  void create(String name, String dockerName, String subnet) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(dockerName);
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(subnet);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    engine.removeNetworkAfter(dockerName);
    n.setSpec(spec);
    cluster.client.resource(n).create();
  }
}
