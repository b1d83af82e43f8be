package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.run;
import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every driver this machine supports, through the CLI: apply creates what the manifest says (read
 * back with docker inspect), and a second apply is a noop (the planner sees through the engine's
 * normalisation of each driver). Subnets: 10.123.145.0/24 – 10.123.150.0/24, fd00:123:145::/64.
 */
class DriversIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  private Run apply(Path dir) {
    return run("apply", "-f", dir.toString(), "--project", engine.prefix());
  }

  private void appliesThenNoop(Path dir) {
    Run first = apply(dir);
    assertThat(first.exit()).as(first.toString()).isZero();
    Run second = apply(dir);
    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(second.out().strip().lines().reduce((a, b) -> b).orElse(""))
        .as(second.toString())
        .matches("\\d+ noop\\.");
    Run plan =
        run("plan", "-f", dir.toString(), "--project", engine.prefix(), "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.toString()).isZero();
  }

  private String net(String suffix) {
    String name = engine.name(suffix);
    engine.removeNetworkAfter(name);
    return name;
  }

  @Test
  void dualStackBridgeWithStaticAddresses() {
    String net = net("v6");
    String c = engine.name("v6c");
    engine.runContainer(c);
    Path dir =
        write(
            tmp.resolve("v6"),
            "m.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: v6}
        spec:
          name: %s
          enableIPv6: true
          labels: {tier: edge}
          driverOpts: {com.docker.network.bridge.enable_icc: "true"}
          ipam:
            config:
              - {subnet: 10.123.145.0/24, gateway: 10.123.145.1}
              - {subnet: "fd00:123:145::/64", gateway: "fd00:123:145::1"}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: v6c}
        spec: {network: %s, container: %s, ipv4Address: 10.123.145.10, ipv6Address: "fd00:123:145::10", aliases: [six]}
        """
                .formatted(net, net, c));
    appliesThenNoop(dir);
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.get("EnableIPv6").asBoolean()).isTrue();
    assertThat(n.at("/Labels/tier").asText()).isEqualTo("edge");
    JsonNode ep = engine.inspectContainer(c).at("/NetworkSettings/Networks/" + net);
    assertThat(ep.get("IPAddress").asText()).isEqualTo("10.123.145.10");
    assertThat(ep.get("GlobalIPv6Address").asText()).isEqualTo("fd00:123:145::10");
  }

  @Test
  void internalNetworkWithRangeAndAuxAddresses() {
    String net = net("internal");
    Path dir =
        write(
            tmp.resolve("internal"),
            "m.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: internal}
        spec:
          name: %s
          internal: true
          ipam:
            config:
              - subnet: 10.123.146.0/24
                ipRange: 10.123.146.128/25
                gateway: 10.123.146.1
                auxAddresses: {router: 10.123.146.2}
        """
                .formatted(net));
    appliesThenNoop(dir);
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.get("Internal").asBoolean()).isTrue();
    assertThat(n.at("/IPAM/Config/0/IPRange").asText()).isEqualTo("10.123.146.128/25");
    assertThat(n.at("/IPAM/Config/0/AuxiliaryAddresses/router").asText()).isEqualTo("10.123.146.2");
  }

  @Test
  void macvlanAndIpvlanOnAVethPairTheTestMade() {
    TestEngine.VethPair veth = engine.vethPair();
    String mac = net("macvlan");
    String ipv = net("ipvlan");
    String c1 = engine.name("mv1");
    String c2 = engine.name("mv2");
    engine.runContainer(c1);
    engine.runContainer(c2);
    Path dir =
        write(
            tmp.resolve("mv"),
            "m.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: macvlan}
        spec:
          name: %s
          driver: macvlan
          driverOpts: {parent: %s, macvlan_mode: bridge}
          ipam: {config: [{subnet: 10.123.147.0/24, gateway: 10.123.147.1}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: ipvlan}
        spec:
          name: %s
          driver: ipvlan
          driverOpts: {parent: %s, ipvlan_mode: l2}
          ipam: {config: [{subnet: 10.123.148.0/24, gateway: 10.123.148.1}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: mv1}
        spec: {network: %s, container: %s, ipv4Address: 10.123.147.11}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: mv2}
        spec: {network: %s, container: %s, ipv4Address: 10.123.147.12}
        """
                .formatted(mac, veth.a(), ipv, veth.b(), mac, c1, mac, c2));
    appliesThenNoop(dir);
    assertThat(engine.inspectNetwork(mac).get("Driver").asText()).isEqualTo("macvlan");
    assertThat(engine.inspectNetwork(mac).at("/Options/parent").asText()).isEqualTo(veth.a());
    assertThat(engine.inspectNetwork(ipv).get("Driver").asText()).isEqualTo("ipvlan");
    assertThat(engine.inspectNetwork(ipv).at("/Options/ipvlan_mode").asText()).isEqualTo("l2");
    // Two containers on one macvlan network talk to each other (traffic stays on the veth pair).
    assertThat(engine.ping(c1, "10.123.147.12")).isTrue();
  }

  @Test
  void attachableOverlayOnAOneNodeSwarm() {
    engine.swarm();
    String net = net("overlay");
    String c = engine.name("ov");
    engine.runContainer(c);
    Path dir =
        write(
            tmp.resolve("overlay"),
            "m.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: overlay}
        spec:
          name: %s
          driver: overlay
          attachable: true
          ipam: {config: [{subnet: 10.123.149.0/24}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: ov}
        spec: {network: %s, container: %s, aliases: [ov]}
        """
                .formatted(net, net, c));
    appliesThenNoop(dir);
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.get("Driver").asText()).isEqualTo("overlay");
    assertThat(n.get("Scope").asText()).isEqualTo("swarm");
    assertThat(n.get("Attachable").asBoolean()).isTrue();
    assertThat(engine.inspectContainer(c).at("/NetworkSettings/Networks").has(net)).isTrue();
  }

  @Test
  void configOnlyAndConfigFromAreCreatedInOrderOwnedAndRemovedInOrder() {
    String cfg = net("cfg");
    String from = net("from");
    Path dir =
        write(
            tmp.resolve("cfg"),
            "m.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: from}
        spec: {name: %s, configFrom: %s}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: cfg}
        spec:
          name: %s
          configOnly: true
          ipam: {config: [{subnet: 10.123.151.0/24}]}
        """
                .formatted(from, cfg, cfg));
    appliesThenNoop(dir);
    JsonNode n = engine.inspectNetwork(from);
    assertThat(n.at("/ConfigFrom/Network").asText()).isEqualTo(cfg);
    assertThat(n.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.123.151.0/24");
    assertThat(engine.inspectNetwork(cfg).get("ConfigOnly").asBoolean()).isTrue();
    Run deleted = run("delete", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    assertThat(engine.networkExists(from)).isFalse();
    assertThat(engine.networkExists(cfg)).isFalse();
  }

  @Test
  void defaultBridgeIsAnAttachmentTarget() {
    String c = engine.name("onbridge");
    engine.runContainer(c, "none");
    Path dir =
        write(
            tmp.resolve("bridge"),
            "m.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: onbridge}
        spec: {network: bridge, container: %s}
        """
                .formatted(c));
    // A container started with --network none cannot join other networks: the engine's rule,
    // reported.
    Run refused = apply(dir);
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(refused.out() + refused.err()).containsIgnoringCase("none");

    String d = engine.name("tobridge");
    engine.runContainer(
        d, engine.createUnmanagedNetwork(engine.name("start"), "--subnet", "10.123.150.0/24"));
    write(
        dir,
        "m.yaml",
        """
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: tobridge}
        spec: {network: bridge, container: %s}
        """
            .formatted(d));
    appliesThenNoop(dir);
    assertThat(engine.inspectContainer(d).at("/NetworkSettings/Networks").has("bridge")).isTrue();
  }
}
