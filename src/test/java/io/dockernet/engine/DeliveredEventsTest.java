package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveredEventsTest {
  private final DeliveredEvents delivered = new DeliveredEvents();

  @Test
  void eventsArrivingOutOfTimeOrderAreAllDelivered() {
    // dockerd stamps before it publishes: two creates at once can come in either order.
    assertThat(delivered.firstTime(create("a", 1_000_000_500L))).isTrue();
    assertThat(delivered.firstTime(create("b", 1_000_000_200L))).isTrue();
    assertThat(delivered.newestNanos()).isEqualTo(1_000_000_500L);
  }

  @Test
  void whatTheEngineReplaysAfterAReconnectIsDeliveredOnce() {
    EngineEvent a = create("a", 2_000_000_000L);
    EngineEvent b = create("b", 2_000_000_000L); // the same nanosecond, another network
    assertThat(delivered.firstTime(a)).isTrue();
    assertThat(delivered.firstTime(b)).isTrue();

    // "since" the newest, that moment included: both come again, and a new one after them.
    assertThat(delivered.firstTime(a)).isFalse();
    assertThat(delivered.firstTime(b)).isFalse();
    assertThat(delivered.firstTime(create("c", 2_000_000_001L))).isTrue();
  }

  @Test
  void anEventOlderThanWhatIsKeptIsAReplayAndDropped() {
    long t = 10_000_000_000L;
    assertThat(delivered.firstTime(create("a", t))).isTrue();
    long later = t + DeliveredEvents.KEPT.toNanos() + 1;
    assertThat(delivered.firstTime(create("b", later))).isTrue();

    assertThat(delivered.firstTime(create("a", t))).isFalse();
    // Within what is kept, a late one still counts.
    assertThat(delivered.firstTime(create("old-but-new", later - 1_000))).isTrue();
  }

  private static EngineEvent create(String network, long nanos) {
    return new EngineEvent("network", "create", "id-" + network, Map.of("name", network), nanos);
  }
}
