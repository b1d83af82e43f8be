package io.dockernet.engine;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The events an {@link EventStream} has delivered lately, so that what the engine replays after a
 * reconnect ({@code since} the newest, that second included) is not delivered twice.
 *
 * <p>Not a cut-off at the newest time: dockerd stamps an event before it takes the lock that
 * publishes it, so events made at the same moment can arrive out of time order. A cut-off dropped
 * them: with 8 network creates at once, about one create in a few hundred never reached the
 * listeners (the fleet benchmark counted 119 of 120), and a change made by hand beside one of ours
 * could go unseen until the next resync. So an event is dropped only when the same event (kind,
 * action, actor, attributes, time) was delivered, or when it is older than {@link #KEPT} before the
 * newest (a replay from before what is kept).
 */
final class DeliveredEvents {
  /** Far longer than events are ever out of order; a few seconds of events at most. */
  static final Duration KEPT = Duration.ofSeconds(5);

  private final TreeMap<Long, Set<String>> byTime = new TreeMap<>();
  private long newestNanos = -1;

  /** Records {@code event}: true when it was not delivered before (deliver it). */
  boolean firstTime(EngineEvent event) {
    long t = event.timeNanos();
    if (newestNanos >= 0 && t < newestNanos - KEPT.toNanos()) {
      return false;
    }
    String key =
        event.type() + "|" + event.action() + "|" + event.actorId() + "|" + event.attributes();
    if (!byTime.computeIfAbsent(t, k -> new HashSet<>()).add(key)) {
      return false;
    }
    if (t > newestNanos) {
      newestNanos = t;
      byTime.headMap(newestNanos - KEPT.toNanos()).clear();
    }
    return true;
  }

  /** The newest event's time, for {@code since} on a reconnect; -1 before the first. */
  long newestNanos() {
    return newestNanos;
  }
}
