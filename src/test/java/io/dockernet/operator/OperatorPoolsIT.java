package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.PoolAllocationMode;
import io.dockernet.api.v1alpha1.PoolBlock;
import io.dockernet.api.v1alpha1.PoolSubnet;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SubnetPools in the operator (Fabric8 mock API server, real engines): DockerNetwork status names
 * the allocated subnet, SubnetPool status lists the blocks and the free count, and a Fleet pool
 * never gives two hosts the same block when their networks are created at the same moment (the
 * local engine and a second private dockerd). Subnets: 10.206.0.0/16 (PerHost), 10.207.0.0/16
 * (Fleet).
 */
class OperatorPoolsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(40);
  static final String NS = "team-pools";
  static final String HOST = "pool-remote";

  static SecondDockerd second;
  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator operator;

  @BeforeAll
  static void start() {
    second = SecondDockerd.start();
    cluster = new MockCluster();
    client = cluster.client;
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    client
        .resource(
            KubeFixtures.tlsSecret("default", "pool-remote-tls", second.certificates().clientDir()))
        .create();
    client
        .resource(KubeFixtures.host(HOST, second.host(), "pool-remote-tls", null, Map.of()))
        .create();
    OperatorSettings settings =
        OperatorSettings.defaults()
            .withDefaultEngine(EngineConfig.fromEnvironment())
            .withPort(-1)
            .withResyncPeriod(Duration.ofSeconds(60));
    operator =
        DockernetOperator.start(
            client, settings, GatewayFactory.DOCKER_JAVA, Validation.forOperator());
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
      if (operator != null) {
        operator.stop();
      }
      if (cluster != null) {
        cluster.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }

  static SubnetPool pool(String name, String cidr, PoolAllocationMode mode) {
    SubnetPool p = new SubnetPool();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SubnetPoolSpec spec = new SubnetPoolSpec();
    spec.setCidrs(List.of(cidr));
    spec.setAllocation(mode);
    p.setSpec(spec);
    return p;
  }

  static DockerNetwork fromPool(String name, String pool, String host) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(engine.name(name));
    spec.setHost(host);
    IpamConfig c = new IpamConfig();
    c.setPool(pool);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(c));
    spec.setIpam(ipam);
    n.setSpec(spec);
    engine.removeNetworkAfter(engine.name(name));
    return n;
  }

  static String allocated(String name) {
    List<PoolSubnet> s = get(client, DockerNetwork.class, NS, name).getStatus().getPoolSubnets();
    return s == null || s.isEmpty() ? null : s.get(0).getSubnet();
  }

  @Test
  void perHostStatusShowsTheSubnetAndThePoolItsBlocks() {
    client.resource(pool("op-local", "10.206.0.0/22", null)).create();
    List<CompletableFuture<?>> creates = new ArrayList<>();
    for (String n : List.of("local-a", "local-b", "local-c")) {
      creates.add(
          CompletableFuture.runAsync(
              () -> client.resource(fromPool(n, "op-local", null)).create()));
    }
    creates.forEach(CompletableFuture::join);
    for (String n : List.of("local-a", "local-b", "local-c")) {
      awaitReady(client, DockerNetwork.class, NS, n, "True", "Converged", CONVERGE);
    }
    List<String> subnets =
        List.of(allocated("local-a"), allocated("local-b"), allocated("local-c"));
    assertThat(subnets).doesNotHaveDuplicates().allMatch(s -> s.startsWith("10.206."));
    for (String n : List.of("local-a", "local-b", "local-c")) {
      assertThat(engine.inspectNetwork(engine.name(n)).at("/IPAM/Config/0/Subnet").asText())
          .isEqualTo(allocated(n));
      assertThat(
              get(client, DockerNetwork.class, NS, n).getStatus().getPoolSubnets().get(0).getPool())
          .isEqualTo("op-local");
    }

    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              SubnetPool p = get(client, SubnetPool.class, null, "op-local");
              assertThat(p.getStatus()).isNotNull();
              assertThat(p.getStatus().getAllocations())
                  .extracting(PoolBlock::getSubnet)
                  .containsExactlyInAnyOrderElementsOf(subnets);
              assertThat(p.getStatus().getAllocations())
                  .extracting(PoolBlock::getNetwork)
                  .containsExactlyInAnyOrder(NS + "/local-a", NS + "/local-b", NS + "/local-c");
              assertThat(p.getStatus().getFree()).isEqualTo(1L);
              assertThat(p.getStatus().getPrefixLength()).isEqualTo(24);
            });

    // The fifth asks a pool with no block left: only it is blocked, with the pool named.
    client.resource(fromPool("local-d", "op-local", null)).create();
    awaitReady(client, DockerNetwork.class, NS, "local-d", "True", "Converged", CONVERGE);
    client.resource(fromPool("local-e", "op-local", null)).create();
    var blocked =
        awaitReady(client, DockerNetwork.class, NS, "local-e", "False", "PoolExhausted", CONVERGE);
    assertThat(blocked.getMessage()).contains("op-local");
    assertThat(engine.networkExists(engine.name("local-e"))).isFalse();

    // Deleting a network frees its block: the exhausted one gets it.
    client.resources(DockerNetwork.class).inNamespace(NS).withName("local-a").delete();
    await().atMost(CONVERGE).until(() -> !engine.networkExists(engine.name("local-a")));
    KubeFixtures.edit(
        client.resources(SubnetPool.class).withName("op-local"),
        p -> {
          // A spec change re-reconciles the networks asking the pool.
          p.getSpec().setExclude(List.of("10.206.8.0/24"));
          return p;
        },
        CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "local-e", "True", "Converged", CONVERGE);
    assertThat(allocated("local-e")).isEqualTo(subnets.get(0));
  }

  @Test
  void fleetPoolNeverGivesTwoHostsTheSameBlock() {
    awaitReady(client, DockerHost.class, null, HOST, "True", "Reachable", CONVERGE);
    client.resource(pool("op-fleet", "10.207.0.0/21", PoolAllocationMode.Fleet)).create();
    List<String> names =
        List.of("fleet-l1", "fleet-r1", "fleet-l2", "fleet-r2", "fleet-l3", "fleet-r3");
    List<CompletableFuture<?>> creates = new ArrayList<>();
    for (String n : names) {
      String host = n.contains("-r") ? HOST : null;
      creates.add(
          CompletableFuture.runAsync(
              () -> client.resource(fromPool(n, "op-fleet", host)).create()));
    }
    creates.forEach(CompletableFuture::join);
    for (String n : names) {
      awaitReady(client, DockerNetwork.class, NS, n, "True", "Converged", CONVERGE);
    }
    List<String> subnets = names.stream().map(OperatorPoolsIT::allocated).toList();
    assertThat(subnets).doesNotHaveDuplicates().allMatch(s -> s.startsWith("10.207."));
    for (String n : names) {
      String onEngine =
          n.contains("-r")
              ? second.docker(
                  "network",
                  "inspect",
                  "--format",
                  "{{(index .IPAM.Config 0).Subnet}}",
                  engine.name(n))
              : engine.inspectNetwork(engine.name(n)).at("/IPAM/Config/0/Subnet").asText();
      assertThat(onEngine).as(n).isEqualTo(allocated(n));
    }
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              SubnetPool p = get(client, SubnetPool.class, null, "op-fleet");
              assertThat(p.getStatus().getAllocations())
                  .extracting(b -> String.valueOf(b.getHost()))
                  .containsExactlyInAnyOrder(HOST, HOST, HOST, "null", "null", "null");
              assertThat(p.getStatus().getFree()).isEqualTo(2L);
            });
  }
}
