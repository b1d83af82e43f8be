package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connect and disconnect with every endpoint setting, read back from the engine. Subnets
 * 10.123.10-11.x, fd00:123:0:10::/64.
 */
class ConnectIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static String net;
  static String peer;

  @BeforeAll
  static void network() {
    net = engine.name("cn-net");
    engine.createUnmanagedNetwork(
        net, "--ipv6", "--subnet", "10.123.10.0/24", "--subnet", "fd00:123:0:10::/64");
    peer = engine.name("cn-peer");
    engine.runContainer(peer, net);
  }

  @Test
  void connectsWithAliasesStaticAddressesLinkLocalIpLinksAndDriverOpts() {
    String c = engine.name("cn-full");
    engine.runContainer(c);
    EndpointConfig endpoint =
        new EndpointConfig(
            List.of("web", "www"),
            "10.123.10.10",
            "fd00:123:0:10::10",
            List.of("169.254.10.10"),
            List.of(peer + ":db"),
            Map.of("io.dockernet.owner", "proj/ns/att"),
            null,
            null);

    engine.gateway().connect(net, c, endpoint);

    JsonNode settings =
        engine.inspectContainer(c).path("NetworkSettings").path("Networks").path(net);
    assertThat(settings.path("IPAddress").asText()).isEqualTo("10.123.10.10");
    assertThat(settings.path("GlobalIPv6Address").asText()).isEqualTo("fd00:123:0:10::10");
    assertThat(settings.path("IPAMConfig").path("LinkLocalIPs").get(0).asText())
        .isEqualTo("169.254.10.10");
    assertThat(settings.path("DriverOpts").path("io.dockernet.owner").asText())
        .isEqualTo("proj/ns/att");
    assertThat(settings.path("Links").get(0).asText()).isEqualTo(peer + ":db");
    assertThat(settings.path("Aliases").toString()).contains("\"web\"", "\"www\"");

    // Read back through the gateway: the same settings the endpoint was connected with.
    ObservedEndpoint observed =
        engine.gateway().snapshot().container(c).orElseThrow().endpoints().stream()
            .filter(e -> e.networkName().equals(net))
            .findFirst()
            .orElseThrow();
    assertThat(observed.config()).isEqualTo(endpoint);
    assertThat(observed.managed()).isTrue();
    assertThat(observed.ipv6Address()).isEqualTo("fd00:123:0:10::10");

    // What a user notices: the alias resolves and answers, the link alias works from the container.
    assertThat(engine.ping(peer, "www")).isTrue();
    assertThat(engine.ping(c, "db")).isTrue();
    assertThat(engine.ping(peer, "fd00:123:0:10::10")).isTrue();
  }

  @Test
  void disconnectTakesTheContainerOffTheNetwork() {
    String c = engine.name("cn-off");
    engine.runContainer(c);
    engine
        .gateway()
        .connect(
            net,
            c,
            new EndpointConfig(List.of("leaving"), null, null, null, null, null, null, null));
    assertThat(engine.ping(peer, "leaving")).isTrue();

    engine.gateway().disconnect(net, c);

    assertThat(engine.inspectContainer(c).path("NetworkSettings").path("Networks").has(net))
        .isFalse();
    assertThat(engine.ping(peer, "leaving")).isFalse();
  }

  @Test
  void connectsAStoppedContainer() {
    String c = engine.name("cn-stopped");
    engine.createContainer(c);
    engine
        .gateway()
        .connect(
            net,
            c,
            new EndpointConfig(
                List.of("later"), "10.123.10.30", null, null, null, null, null, null));
    engine.docker("start", c);
    // Over IPv4: on this dual-stack network "later" resolves to IPv6 first, and its dynamic IPv6
    // address may be one an earlier test's container had, still in the peer's neighbour cache.
    assertThat(engine.ping4(peer, "later")).isTrue();
    assertThat(
            engine
                .inspectContainer(c)
                .path("NetworkSettings")
                .path("Networks")
                .path(net)
                .path("IPAddress")
                .asText())
        .isEqualTo("10.123.10.30");
  }

  @Test
  void macAddressAndGwPriorityAreRefusedBeforeCallingAnOldEngine() {
    DockerJavaGateway gateway = engine.newGateway();
    String c = engine.name("cn-unsup");
    engine.runContainer(c);

    assertThatThrownBy(
            () ->
                gateway.connect(
                    net,
                    c,
                    new EndpointConfig(
                        null, null, null, null, null, null, "02:42:0a:7b:0a:63", null)))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.UNSUPPORTED);
              assertThat(e.getMessage()).contains("macAddress", "1.44", "1.41");
            });
    assertThatThrownBy(
            () ->
                gateway.connect(
                    net, c, new EndpointConfig(null, null, null, null, null, null, null, 10)))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.UNSUPPORTED);
              assertThat(e.getMessage()).contains("gwPriority", "1.48");
            });
    assertThat(gateway.calls().writes()).isZero();
    assertThat(engine.inspectContainer(c).path("NetworkSettings").path("Networks").has(net))
        .isFalse();
  }

  @Test
  void staticAddressOutsideTheSubnetIsABadRequest() {
    String c = engine.name("cn-bad");
    engine.runContainer(c);
    assertThatThrownBy(
            () ->
                engine
                    .gateway()
                    .connect(
                        net,
                        c,
                        new EndpointConfig(
                            null, "10.123.11.5", null, null, null, null, null, null)))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EngineException.Reason.BAD_REQUEST);
              assertThat(e.isTransient()).isFalse();
            });
  }
}
