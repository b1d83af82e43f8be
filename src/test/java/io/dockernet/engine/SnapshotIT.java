package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshot against the real engine: every field, and a call count that does not grow with networks.
 * Subnets 10.123.0-3.x.
 */
class SnapshotIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @Test
  void readsNetworksWithIpamLabelsOptionsAndAuxAddresses() {
    String name = engine.name("snap-net");
    String id =
        engine.createUnmanagedNetwork(
            name,
            "--subnet",
            "10.123.0.0/24",
            "--ip-range",
            "10.123.0.128/25",
            "--gateway",
            "10.123.0.1",
            "--aux-address",
            "router=10.123.0.5",
            "--aux-address",
            "printer=10.123.0.6",
            "--label",
            "team=blue",
            "--opt",
            "com.docker.network.bridge.name=dnt" + id6(name),
            "--opt",
            "com.docker.network.driver.mtu=1400",
            "--internal",
            "--attachable");

    Snapshot snapshot = engine.gateway().snapshot();

    ObservedNetwork n = snapshot.network(name).orElseThrow();
    assertThat(n.id()).isEqualTo(id);
    assertThat(n.config().driver()).isEqualTo("bridge");
    assertThat(n.config().scope()).isEqualTo("local");
    assertThat(n.config().internal()).isTrue();
    assertThat(n.config().attachable()).isTrue();
    assertThat(n.config().ingress()).isFalse();
    assertThat(n.config().enableIPv6()).isFalse();
    assertThat(n.config().enableIPv4()).as("API 1.41 has no EnableIPv4").isNull();
    assertThat(n.config().configOnly()).isFalse();
    assertThat(n.config().configFrom()).isNull();
    assertThat(n.config().labels())
        .containsEntry("team", "blue")
        .containsEntry(TestEngine.TEST_LABEL, "true");
    assertThat(n.config().options()).containsEntry("com.docker.network.driver.mtu", "1400");
    assertThat(n.config().ipamDriver()).isEqualTo("default");
    assertThat(n.config().ipamPools())
        .containsExactly(
            new IpamPool(
                "10.123.0.0/24",
                "10.123.0.128/25",
                "10.123.0.1",
                Map.of("router", "10.123.0.5", "printer", "10.123.0.6")));
    assertThat(snapshot.engine().apiVersion())
        .isEqualTo(engine.docker("version", "--format", "{{.Server.APIVersion}}"));
    assertThat(snapshot.engine().engineVersion())
        .isEqualTo(engine.docker("version", "--format", "{{.Server.Version}}"));
    assertThat(snapshot.network("bridge")).isPresent();
    assertThat(snapshot.network("host")).isPresent();
  }

  @Test
  void readsEndpointsWithAliasesStaticIpsDriverOptsLinksAndMac() {
    String net1 = engine.name("snap-e1");
    String net2 = engine.name("snap-e2");
    engine.createUnmanagedNetwork(net1, "--subnet", "10.123.1.0/24");
    engine.createUnmanagedNetwork(net2, "--subnet", "10.123.2.0/24");
    String peer = engine.name("snap-peer");
    engine.runContainer(peer, net2);
    String c = engine.name("snap-c");
    String cid = engine.runContainer(c, Map.of("app", "web"), net1);
    engine.docker("network", "disconnect", net1, c);
    engine.docker(
        "network", "connect", "--alias", "web", "--alias", "www", "--ip", "10.123.1.10", net1, c);
    engine.docker(
        "network",
        "connect",
        "--alias",
        "api",
        "--driver-opt",
        "io.dockernet.owner=p/ns/att",
        "--link-local-ip",
        "169.254.9.9",
        "--link",
        peer + ":db",
        net2,
        c);
    String mac2 =
        engine.docker(
            "inspect",
            "--format",
            "{{(index .NetworkSettings.Networks \"" + net2 + "\").MacAddress}}",
            c);

    Snapshot snapshot = engine.gateway().snapshot();

    ObservedContainer container = snapshot.container(c).orElseThrow();
    assertThat(container.id()).isEqualTo(cid);
    assertThat(container.running()).isTrue();
    assertThat(container.labels())
        .containsEntry("app", "web")
        .containsEntry(TestEngine.TEST_LABEL, "true");
    assertThat(container.endpoints())
        .extracting(ObservedEndpoint::networkName)
        .containsExactlyInAnyOrder(net1, net2);

    ObservedEndpoint e1 = endpoint(container, net1);
    assertThat(e1.config().aliases())
        .as("short id alias of API < 1.45 is dropped")
        .containsExactlyInAnyOrder("web", "www");
    assertThat(e1.config().ipv4Address()).isEqualTo("10.123.1.10");
    assertThat(e1.ipv4Address()).isEqualTo("10.123.1.10");
    assertThat(e1.managed()).isFalse();

    ObservedEndpoint e2 = endpoint(container, net2);
    assertThat(e2.config().aliases()).containsExactly("api");
    assertThat(e2.config().driverOpts()).containsEntry("io.dockernet.owner", "p/ns/att");
    assertThat(e2.managed()).isTrue();
    assertThat(e2.config().linkLocalIps()).containsExactly("169.254.9.9");
    assertThat(e2.config().links()).containsExactly(peer + ":db");
    assertThat(e2.macAddress()).isEqualTo(mac2);
    assertThat(e2.ipv4Address()).startsWith("10.123.2.");
    assertThat(e2.endpointId()).isNotBlank();

    // The network side holds every endpoint on it, ours and the peer's.
    ObservedNetwork n2 = snapshot.network(net2).orElseThrow();
    assertThat(n2.endpoints())
        .extracting(ObservedEndpoint::containerName)
        .containsExactlyInAnyOrder(c, peer);
    assertThat(n2.endpoints())
        .filteredOn(e -> e.containerName().equals(c))
        .singleElement()
        .satisfies(e -> assertThat(e.config().aliases()).containsExactly("api"));
  }

  @Test
  void stoppedContainersKeepTheirEndpointSettings() {
    String net = engine.name("snap-stop");
    engine.createUnmanagedNetwork(net, "--subnet", "10.123.3.0/25");
    String c = engine.name("snap-stopped");
    engine.createContainer(c);
    engine.docker("network", "connect", "--alias", "sleepy", "--ip", "10.123.3.20", net, c);

    Snapshot snapshot = engine.gateway().snapshot();

    ObservedContainer container = snapshot.container(c).orElseThrow();
    assertThat(container.running()).isFalse();
    ObservedEndpoint e = endpoint(container, net);
    assertThat(e.config().aliases()).containsExactly("sleepy");
    assertThat(e.config().ipv4Address()).isEqualTo("10.123.3.20");
    assertThat(snapshot.network(net).orElseThrow().endpoints())
        .extracting(ObservedEndpoint::containerName)
        .contains(c);
  }

  @Test
  void aSnapshotWithKnownEngineInfoDoesNotAskTheEngineForIt() {
    DockerJavaGateway gateway = engine.newGateway();
    String net = engine.name("snap-known");
    engine.createUnmanagedNetwork(net, "--subnet", "10.123.3.248/29");
    EngineInfo known = gateway.info();

    gateway.calls().reset();
    Snapshot snapshot = gateway.snapshot(known);

    assertThat(snapshot.engine()).isSameAs(known);
    assertThat(snapshot.network(net)).isPresent();
    assertThat(gateway.calls().snapshot()).doesNotContainKey("info").containsKey("networks.list");
  }

  @Test
  void snapshotCostsTheSameNumberOfCallsFor2And10Networks() {
    DockerJavaGateway gateway = engine.newGateway();
    String net = engine.name("snap-count");
    for (int i = 0; i < 2; i++) {
      engine.createUnmanagedNetwork(net + "-" + i, "--subnet", "10.123.3." + (128 + 8 * i) + "/29");
    }
    engine.runContainer(engine.name("snap-count-c"), net + "-0", net + "-1");
    gateway.snapshot(); // first sight of the containers: each is inspected once

    gateway.calls().reset();
    Snapshot with2 = gateway.snapshot();
    Map<String, Long> callsWith2 = gateway.calls().snapshot();

    for (int i = 2; i < 10; i++) {
      engine.createUnmanagedNetwork(net + "-" + i, "--subnet", "10.123.3." + (128 + 8 * i) + "/29");
    }
    assertThat(callsWith2)
        .containsEntry("info", 1L)
        .containsEntry("networks.list", 1L)
        .containsEntry("containers.list", 1L);
    // Inspects happen only for containers whose endpoints changed or that are stopped. Other test
    // JVMs change containers on this engine meanwhile (one removed between list and inspect costs
    // an
    // inspect that no snapshot shows), so a clean measurement out of three is required.
    boolean clean = false;
    Snapshot previous = with2;
    for (int attempt = 0; attempt < 3 && !clean; attempt++) {
      gateway.calls().reset();
      Snapshot with10 = gateway.snapshot();
      Map<String, Long> callsWith10 = gateway.calls().snapshot();
      for (int i = 0; i < 10; i++) {
        assertThat(with10.network(net + "-" + i)).isPresent();
      }
      assertThat(callsWith10)
          .containsEntry("info", 1L)
          .containsEntry("networks.list", 1L)
          .containsEntry("containers.list", 1L);
      clean = callsWith10.getOrDefault("containers.inspect", 0L) <= needsInspect(previous, with10);
      previous = with10;
    }
    assertThat(clean).as("container inspects bounded by changed and stopped containers").isTrue();
  }

  /**
   * Containers the gateway may not answer from its cache: stopped ones with endpoints, new ones,
   * changed ones.
   */
  private static long needsInspect(Snapshot before, Snapshot after) {
    return after.containers().stream()
        .filter(
            c -> {
              java.util.Set<String> ids = endpointIds(c);
              if (c.endpoints().stream()
                  .allMatch(e -> java.util.Set.of("host", "none").contains(e.networkName()))) {
                return false;
              }
              return !c.running()
                  || before.container(c.id()).map(b -> !endpointIds(b).equals(ids)).orElse(true);
            })
        .count();
  }

  private static java.util.Set<String> endpointIds(ObservedContainer c) {
    return c.endpoints().stream()
        .map(e -> e.networkId() + "/" + e.endpointId())
        .collect(java.util.stream.Collectors.toSet());
  }

  private static ObservedEndpoint endpoint(ObservedContainer c, String network) {
    return c.endpoints().stream()
        .filter(e -> e.networkName().equals(network))
        .findFirst()
        .orElseThrow();
  }

  private static String id6(String name) {
    return Integer.toHexString(name.hashCode()).substring(0, 6);
  }
}
