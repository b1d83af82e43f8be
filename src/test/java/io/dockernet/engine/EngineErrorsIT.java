package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dockernet.engine.EngineException.Reason;
import io.dockernet.model.EndpointConfig;
import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.TestEngine;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How each engine failure reaches callers: reason, status and the engine's own words. Subnet
 * 10.123.12.x.
 */
class EngineErrorsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static String net;
  static String c;

  @BeforeAll
  static void setUp() {
    net = engine.name("err-net");
    engine.createUnmanagedNetwork(net, "--subnet", "10.123.12.0/24");
    c = engine.name("err-c");
    engine.runContainer(c, net);
  }

  private static void assertEngineError(
      ThrowingCallable call, Reason reason, int status, String engineSays) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.getMessage()).contains(engineSays);
            });
  }

  @Test
  void missingNetworkIsNotFound() {
    String missing = engine.name("err-missing");
    assertEngineError(
        () -> engine.gateway().removeNetwork(missing),
        Reason.NOT_FOUND,
        404,
        "network " + missing + " not found");
    assertEngineError(
        () -> engine.gateway().connect(missing, c, EndpointConfig.empty()),
        Reason.NOT_FOUND,
        404,
        "not found");
  }

  @Test
  void missingContainerIsNotFound() {
    String missing = engine.name("err-nobody");
    assertEngineError(
        () -> engine.gateway().connect(net, missing, EndpointConfig.empty()),
        Reason.NOT_FOUND,
        404,
        "No such container: " + missing);
  }

  @Test
  void removingANetworkInUseIsInUse() {
    assertEngineError(
        () -> engine.gateway().removeNetwork(net), Reason.IN_USE, 403, "has active endpoints");
    assertThat(engine.networkExists(net)).isTrue();
  }

  @Test
  void connectingTwiceIsAlreadyConnected() {
    assertEngineError(
        () -> engine.gateway().connect(net, c, EndpointConfig.empty()),
        Reason.ALREADY_CONNECTED,
        403,
        "endpoint with name " + c + " already exists in network " + net);
  }

  @Test
  void disconnectingWhatIsNotConnectedIsNotConnected() {
    String other = engine.name("err-other");
    engine.runContainer(other);
    assertEngineError(
        () -> engine.gateway().disconnect(net, other),
        Reason.NOT_CONNECTED,
        500,
        "is not connected to network " + net);
  }

  @Test
  void staticAddressOnTheDefaultBridgeIsABadRequest() {
    String other = engine.name("err-static");
    engine.runContainer(other, net);
    assertEngineError(
        () ->
            engine
                .gateway()
                .connect(
                    "bridge",
                    other,
                    new EndpointConfig(null, "172.17.99.99", null, null, null, null, null, null)),
        Reason.BAD_REQUEST,
        400,
        "user specified IP address is supported on user defined networks only");
  }

  @Test
  void removingAPredefinedNetworkIsABadRequest() {
    assertEngineError(
        () -> engine.gateway().removeNetwork("bridge"),
        Reason.BAD_REQUEST,
        403,
        "pre-defined network and cannot be removed");
  }

  @Test
  void addressOutsideTheSubnetIsABadRequestThoughTheEngineSays500() {
    String other = engine.name("err-outside");
    engine.runContainer(other);
    assertEngineError(
        () ->
            engine
                .gateway()
                .connect(
                    net,
                    other,
                    new EndpointConfig(null, "10.99.0.5", null, null, null, null, null, null)),
        Reason.BAD_REQUEST,
        500,
        "does not belong to any of this network's subnets");
  }

  @Test
  void addressInUseIsABadRequest() {
    String first = engine.name("err-ip1");
    String second = engine.name("err-ip2");
    engine.runContainer(first);
    engine.runContainer(second);
    engine
        .gateway()
        .connect(
            net,
            first,
            new EndpointConfig(null, "10.123.12.50", null, null, null, null, null, null));
    assertEngineError(
        () ->
            engine
                .gateway()
                .connect(
                    net,
                    second,
                    new EndpointConfig(null, "10.123.12.50", null, null, null, null, null, null)),
        Reason.BAD_REQUEST,
        403,
        "Address already in use");
  }

  @Test
  void nothingListeningIsUnavailableAndTransient() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DockerJavaGateway gateway =
        engine.newGateway(EngineConfig.forHost("tcp://127.0.0.1:" + port).withAllowInsecure(true));
    long start = System.nanoTime();
    assertThatThrownBy(gateway::info)
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.status()).isZero();
              assertThat(e.getMessage()).contains("127.0.0.1:" + port, "Connection refused");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void missingSocketIsUnavailable() {
    DockerJavaGateway gateway =
        engine.newGateway(EngineConfig.forHost("unix:///tmp/" + engine.name("no-such.sock")));
    assertThatThrownBy(gateway::snapshot)
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
  }

  @Test
  void aStuckEngineTimesOutInsteadOfBlockingForever() {
    try (EngineProxy proxy = new EngineProxy()) {
      proxy.hang(true);
      DockerJavaGateway gateway =
          engine.newGateway(
              EngineConfig.forHost(proxy.host())
                  .withAllowInsecure(true)
                  .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
      long start = System.nanoTime();
      assertThatThrownBy(gateway::snapshot)
          .isInstanceOfSatisfying(
              EngineException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                assertThat(e.getMessage()).containsIgnoringCase("timed out");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }
  }

  @Test
  void theSameCallsWorkThroughTcpWhenInsecureIsAllowed() {
    try (EngineProxy proxy = new EngineProxy()) {
      DockerJavaGateway gateway =
          engine.newGateway(EngineConfig.forHost(proxy.host()).withAllowInsecure(true));
      assertThat(gateway.snapshot().network(net)).isPresent();
      assertThat(gateway.calls().snapshot())
          .containsKeys("info", "networks.list", "containers.list");
    }
  }

  @Test
  void plainTcpIsRefusedUnlessAllowed() {
    assertThatThrownBy(() -> new DockerJavaGateway(EngineConfig.forHost("tcp://127.0.0.1:2375")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without TLS");
  }

  @Test
  void callsAreCountedByKind() {
    DockerJavaGateway gateway = engine.newGateway();
    String other = engine.name("err-count");
    engine.runContainer(other);
    gateway.connect(net, other, EndpointConfig.empty());
    gateway.disconnect(net, other);
    assertThatThrownBy(() -> gateway.removeNetwork(engine.name("err-gone")))
        .isInstanceOf(EngineException.class);
    assertThat(gateway.calls().snapshot())
        .containsAllEntriesOf(
            java.util.Map.of(
                "networks.connect", 1L, "networks.disconnect", 1L, "networks.remove", 1L));
    assertThat(gateway.calls().writes()).isEqualTo(3);
    assertThat(List.of(gateway.calls().reads())).containsExactly(0L);
  }
}
