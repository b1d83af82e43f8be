package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.testing.TestEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Network creation with every field this engine (API 1.41) takes, checked with docker network
 * inspect. Subnets 10.123.4-9.x, fd00:123:0:4::/64.
 */
class CreateNetworkIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  private NetworkConfig network(
      String name, String driver, Map<String, String> options, List<IpamPool> pools) {
    return new NetworkConfig(
        name,
        driver,
        options,
        false,
        false,
        false,
        false,
        null,
        null,
        false,
        null,
        engine.labels(),
        null,
        null,
        pools);
  }

  @Test
  void bridgeWithIpamAuxAddressesRangeGatewayOptionsAndLabels() {
    String name = engine.name("cr-bridge");
    Map<String, String> labels = new HashMap<>(engine.labels());
    labels.put("team", "blue");
    NetworkConfig wanted =
        new NetworkConfig(
            name,
            "bridge",
            Map.of("com.docker.network.driver.mtu", "1400"),
            true,
            true,
            false,
            false,
            null,
            "local",
            false,
            null,
            labels,
            "default",
            Map.of(),
            List.of(
                new IpamPool(
                    "10.123.4.0/24",
                    "10.123.4.128/25",
                    "10.123.4.254",
                    Map.of("router", "10.123.4.2", "nas", "10.123.4.3"))));

    String id = engine.gateway().createNetwork(wanted);

    JsonNode n = engine.inspectNetwork(name);
    assertThat(n.path("Id").asText()).isEqualTo(id);
    assertThat(n.path("Driver").asText()).isEqualTo("bridge");
    assertThat(n.path("Internal").asBoolean()).isTrue();
    assertThat(n.path("Attachable").asBoolean()).isTrue();
    assertThat(n.path("Labels").path("team").asText()).isEqualTo("blue");
    assertThat(n.path("Options").path("com.docker.network.driver.mtu").asText()).isEqualTo("1400");
    JsonNode pool = n.path("IPAM").path("Config").get(0);
    assertThat(pool.path("Subnet").asText()).isEqualTo("10.123.4.0/24");
    assertThat(pool.path("IPRange").asText()).isEqualTo("10.123.4.128/25");
    assertThat(pool.path("Gateway").asText()).isEqualTo("10.123.4.254");
    assertThat(pool.path("AuxiliaryAddresses").path("router").asText()).isEqualTo("10.123.4.2");
    assertThat(pool.path("AuxiliaryAddresses").path("nas").asText()).isEqualTo("10.123.4.3");

    // What we wrote is what the snapshot reads back, field for field.
    ObservedNetwork observed = engine.gateway().snapshot().network(name).orElseThrow();
    assertThat(observed.config()).isEqualTo(wanted);

    // Containers get addresses from the range, and traffic flows between them (internal: no way
    // out).
    String a = engine.runContainer(engine.name("cr-a"), name);
    engine.runContainer(engine.name("cr-b"), name);
    assertThat(
            engine
                .inspectContainer(a)
                .path("NetworkSettings")
                .path("Networks")
                .path(name)
                .path("IPAddress")
                .asText())
        .startsWith("10.123.4.1");
    assertThat(engine.ping(engine.name("cr-a"), engine.name("cr-b"))).isTrue();
  }

  @Test
  void secondCreateOfTheSameNameIsAConflict() {
    String name = engine.name("cr-dup");
    NetworkConfig config =
        network(name, "bridge", Map.of(), List.of(new IpamPool("10.123.5.0/26", null, null, null)));
    engine.gateway().createNetwork(config);

    assertThatThrownBy(() -> engine.gateway().createNetwork(config))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.CONFLICT);
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage()).contains("network with name " + name + " already exists");
            });
  }

  @Test
  void ipv6DualStack() {
    String name = engine.name("cr-v6");
    NetworkConfig config =
        new NetworkConfig(
            name,
            "bridge",
            Map.of(),
            false,
            false,
            false,
            true,
            null,
            null,
            false,
            null,
            engine.labels(),
            null,
            null,
            List.of(
                new IpamPool("10.123.5.64/26", null, null, null),
                new IpamPool("fd00:123:0:4::/64", null, "fd00:123:0:4::1", null)));

    engine.gateway().createNetwork(config);

    JsonNode n = engine.inspectNetwork(name);
    assertThat(n.path("EnableIPv6").asBoolean()).isTrue();
    assertThat(n.path("IPAM").path("Config").findValuesAsText("Subnet"))
        .containsExactlyInAnyOrder("10.123.5.64/26", "fd00:123:0:4::/64");
    String c = engine.name("cr-v6c");
    engine.runContainer(c, name);
    assertThat(
            engine
                .inspectContainer(c)
                .path("NetworkSettings")
                .path("Networks")
                .path(name)
                .path("GlobalIPv6Address")
                .asText())
        .startsWith("fd00:123:0:4:");
    assertThat(engine.gateway().snapshot().network(name).orElseThrow().config().enableIPv6())
        .isTrue();
  }

  @Test
  void internalNetworkHasNoWayOut() {
    String name = engine.name("cr-internal");
    NetworkConfig config =
        new NetworkConfig(
            name,
            "bridge",
            Map.of(),
            true,
            false,
            false,
            false,
            null,
            null,
            false,
            null,
            engine.labels(),
            null,
            null,
            List.of(new IpamPool("10.123.5.128/26", null, null, null)));
    engine.gateway().createNetwork(config);

    assertThat(engine.inspectNetwork(name).path("Internal").asBoolean()).isTrue();
    assertThat(engine.gateway().snapshot().network(name).orElseThrow().config().internal())
        .isTrue();
    // Containers on it still reach each other.
    engine.runContainer(engine.name("cr-in1"), name);
    engine.runContainer(engine.name("cr-in2"), name);
    assertThat(engine.ping(engine.name("cr-in1"), engine.name("cr-in2"))).isTrue();
  }

  @Test
  void macvlanAndIpvlanOnAVethPairTheTestCreated() {
    TestEngine.VethPair veth = engine.vethPair();
    String mac = engine.name("cr-macvlan");
    String ipv = engine.name("cr-ipvlan");
    engine
        .gateway()
        .createNetwork(
            network(
                mac,
                "macvlan",
                Map.of("parent", veth.a(), "macvlan_mode", "bridge"),
                List.of(new IpamPool("10.123.6.0/24", null, "10.123.6.1", null))));
    engine
        .gateway()
        .createNetwork(
            network(
                ipv,
                "ipvlan",
                Map.of("parent", veth.b(), "ipvlan_mode", "l2"),
                List.of(new IpamPool("10.123.7.0/24", null, "10.123.7.1", null))));

    assertThat(engine.inspectNetwork(mac).path("Options").path("parent").asText())
        .isEqualTo(veth.a());
    assertThat(engine.inspectNetwork(ipv).path("Driver").asText()).isEqualTo("ipvlan");
    assertThat(engine.inspectNetwork(ipv).path("Options").path("ipvlan_mode").asText())
        .isEqualTo("l2");
    // Two containers on the macvlan reach each other through the parent.
    engine.runContainer(engine.name("cr-mv1"), mac);
    engine.runContainer(engine.name("cr-mv2"), mac);
    assertThat(engine.ping(engine.name("cr-mv1"), engine.name("cr-mv2"))).isTrue();
  }

  @Test
  void configOnlyNetworkAndANetworkCreatedFromIt() {
    TestEngine.VethPair veth = engine.vethPair();
    String cfg = engine.name("cr-cfg");
    String from = engine.name("cr-from");
    NetworkConfig configOnly =
        new NetworkConfig(
            cfg,
            "null",
            Map.of("parent", veth.a()),
            false,
            false,
            false,
            false,
            null,
            null,
            true,
            null,
            engine.labels(),
            null,
            null,
            List.of(new IpamPool("10.123.8.0/24", null, "10.123.8.1", null)));
    engine.gateway().createNetwork(configOnly);
    // API 1.41: a network built from a config network takes no labels, options or IPAM of its
    // own...
    NetworkConfig withLabels =
        new NetworkConfig(
            from,
            "macvlan",
            Map.of(),
            false,
            false,
            false,
            false,
            null,
            null,
            false,
            cfg,
            Map.of("team", "blue"),
            null,
            null,
            List.of());
    assertThatThrownBy(() -> engine.gateway().createNetwork(withLabels))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.BAD_REQUEST);
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.getMessage())
                  .contains("user specified configurations are not supported");
            });
    NetworkConfig derived =
        new NetworkConfig(
            from, "macvlan", Map.of(), false, false, false, false, null, null, false, cfg, Map.of(),
            null, null, List.of());
    engine.gateway().createNetwork(derived);

    assertThat(engine.inspectNetwork(cfg).path("ConfigOnly").asBoolean()).isTrue();
    JsonNode n = engine.inspectNetwork(from);
    assertThat(n.path("ConfigFrom").path("Network").asText()).isEqualTo(cfg);
    assertThat(n.path("Options").path("parent").asText()).isEqualTo(veth.a());
    // ...it inherits them from the config network, labels included.
    assertThat(n.path("Labels").path(TestEngine.RUN_LABEL).asText())
        .isEqualTo(engine.labels().get(TestEngine.RUN_LABEL));
    assertThat(n.path("IPAM").path("Config").get(0).path("Subnet").asText())
        .isEqualTo("10.123.8.0/24");
    ObservedNetwork observed = engine.gateway().snapshot().network(from).orElseThrow();
    assertThat(observed.config().configFrom()).isEqualTo(cfg);
    assertThat(engine.gateway().snapshot().network(cfg).orElseThrow().config().configOnly())
        .isTrue();
  }

  @Test
  void attachableOverlayOnAOneNodeSwarm() {
    engine.swarm();
    assertThat(engine.gateway().info().swarmRole()).isEqualTo("manager");
    String name = engine.name("cr-overlay");
    NetworkConfig config =
        new NetworkConfig(
            name,
            "overlay",
            Map.of(),
            false,
            true,
            false,
            false,
            null,
            "swarm",
            false,
            null,
            engine.labels(),
            null,
            null,
            List.of(new IpamPool("10.123.9.0/24", null, "10.123.9.1", null)));

    engine.gateway().createNetwork(config);

    JsonNode n = engine.inspectNetwork(name);
    assertThat(n.path("Driver").asText()).isEqualTo("overlay");
    assertThat(n.path("Scope").asText()).isEqualTo("swarm");
    assertThat(n.path("Attachable").asBoolean()).isTrue();
    // A plain container can join an attachable overlay.
    String c = engine.name("cr-ov-c");
    engine.runContainer(c, name);
    assertThat(
            engine
                .inspectContainer(c)
                .path("NetworkSettings")
                .path("Networks")
                .path(name)
                .path("IPAddress")
                .asText())
        .startsWith("10.123.9.");
    assertThat(engine.gateway().snapshot().network(name).orElseThrow().endpoints())
        .extracting(e -> e.containerName())
        .contains(c);
    engine.docker("rm", "-f", c);
    engine.gateway().removeNetwork(name);
  }

  @Test
  void unknownPluginDriverIsABadRequestNamingThePlugin() {
    String name = engine.name("cr-weave");
    assertThatThrownBy(
            () -> engine.gateway().createNetwork(network(name, "weave", Map.of(), List.of())))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.BAD_REQUEST);
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage()).contains("plugin \"weave\" not found");
            });
    assertThat(engine.networkExists(name)).isFalse();
  }

  @Test
  void enableIPv4IsRefusedBeforeCallingAnEngineOlderThan147() {
    DockerJavaGateway gateway = engine.newGateway();
    String name = engine.name("cr-v4off");
    NetworkConfig config =
        new NetworkConfig(
            name,
            "bridge",
            Map.of(),
            false,
            false,
            false,
            false,
            false,
            null,
            false,
            null,
            engine.labels(),
            null,
            null,
            List.of());

    assertThatThrownBy(() -> gateway.createNetwork(config))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.UNSUPPORTED);
              assertThat(e.getMessage()).contains("enableIPv4", "1.47", "1.41");
            });
    assertThat(gateway.calls().writes()).isZero();
    assertThat(engine.networkExists(name)).isFalse();
  }

  @Test
  void removeNetworkRemovesIt() {
    String name = engine.name("cr-rm");
    engine
        .gateway()
        .createNetwork(
            network(
                name,
                "bridge",
                Map.of(),
                List.of(new IpamPool("10.123.5.192/27", null, null, null))));
    engine.gateway().removeNetwork(name);
    assertThat(engine.networkExists(name)).isFalse();
  }
}
