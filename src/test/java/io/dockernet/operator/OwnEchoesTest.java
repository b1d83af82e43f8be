package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.engine.EngineEvent;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Action;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OwnEchoesTest {
  private static final String HOST = "host/h1";
  private static final String WRITER = "DockerNetwork/web/default";
  private final AtomicLong now = new AtomicLong();
  private final OwnEchoes echoes = new OwnEchoes(now::get);

  @Test
  void theWritersOwnCreateIsAnEchoOnceAndOnlyForTheWriter() {
    echoes.expect(HOST, OwnEchoes.echoing(List.of(create("web", false))), WRITER);

    // An attachment waiting for the network still hears of it.
    assertThat(echoes.isEchoOf(HOST, event("create", "web"), "NetworkAttachment/web/default"))
        .isFalse();
    assertThat(echoes.isEchoOf(HOST, event("create", "web"), WRITER)).isTrue();
    // A second create of that name (removed and created by hand since) is no echo.
    assertThat(echoes.isEchoOf(HOST, event("create", "web"), WRITER)).isFalse();
  }

  @Test
  void anotherHostAnotherActionOrAnotherNetworkIsNoEcho() {
    echoes.expect(HOST, OwnEchoes.echoing(List.of(create("web", false))), WRITER);

    assertThat(echoes.isEchoOf("", event("create", "web"), WRITER)).isFalse();
    assertThat(echoes.isEchoOf(HOST, event("destroy", "web"), WRITER)).isFalse();
    assertThat(echoes.isEchoOf(HOST, event("create", "db"), WRITER)).isFalse();
    assertThat(echoes.isEchoOf(HOST, event("create", "web"), WRITER)).isTrue();
  }

  @Test
  void aCancelledOrExpiredExpectationLetsTheEventReconcile() {
    Action create = create("web", false);
    echoes.expect(HOST, OwnEchoes.echoing(List.of(create)), WRITER);
    echoes.cancel(HOST, create); // the create failed
    assertThat(echoes.isEchoOf(HOST, event("create", "web"), WRITER)).isFalse();

    echoes.expect(HOST, OwnEchoes.echoing(List.of(create)), WRITER);
    now.addAndGet(OwnEchoes.TTL.toNanos() + 1);
    assertThat(echoes.isEchoOf(HOST, event("create", "web"), WRITER)).isFalse();
    assertThat(echoes.size()).isZero();
  }

  @Test
  void onlyPlainCreatesAndRemovesAreExpected() {
    List<Action> echoing =
        OwnEchoes.echoing(
            List.of(
                create("web", false),
                create("cfg", true), // config-only: its removal has no event on 20.10
                new Action.RemoveNetwork(ref(), "id1", "old", false, "not declared"),
                new Action.RemoveNetwork(ref(), "id2", "oldcfg", true, "not declared"),
                new Action.Connect(ref(), "web", "c1", "app", EndpointConfig.empty(), "missing")));

    assertThat(echoing).extracting(Action::network).containsExactly("web", "old");
    echoes.expect(HOST, echoing, WRITER);
    assertThat(echoes.isEchoOf(HOST, event("destroy", "old"), WRITER)).isTrue();
  }

  private static EngineEvent event(String action, String network) {
    return new EngineEvent("network", action, "id-" + network, Map.of("name", network), 0);
  }

  private static ResourceRef ref() {
    return new ResourceRef("DockerNetwork", "default", "web");
  }

  private static Action.CreateNetwork create(String name, boolean configOnly) {
    return new Action.CreateNetwork(
        ref(),
        new NetworkConfig(
            name,
            "bridge",
            null,
            false,
            false,
            false,
            false,
            null,
            null,
            configOnly,
            null,
            null,
            null,
            null,
            null),
        "network missing");
  }
}
