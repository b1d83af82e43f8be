package io.dockernet.operator;

import io.dockernet.engine.CallCounter;
import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineEvents;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.Snapshot;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One engine's gateway for the operator, sharing one snapshot between rounds while the engine's
 * event stream says nothing changed. Every reconcile plans against a snapshot, and a snapshot lists
 * every network and container of the engine: without sharing, a resync of N resources on an engine
 * with N networks reads N full listings (N² work; at 10,000 DockerNetworks a storm of 10,000 reads
 * of 10,000 networks every resync period).
 *
 * <p>A cached snapshot is used only while (1) no engine event arrived since it was read (any
 * network or container event invalidates it, before the reconcilers hear of the event, so the round
 * an event triggers reads afresh), (2) no write went through this gateway since, nor through
 * another host key's with the same engine address (its events may come later), (3) the event stream
 * is connected (after a break nothing is trusted until the stream is back), and (4) it is younger
 * than {@link #MAX_AGE}: some changes come with no event (engine 20.10 emits none when a
 * config-only network is removed), and the periodic resync must still see them.
 *
 * <p>A snapshot read afresh reuses the engine info (GET /info: versions, swarm role) of an earlier
 * read for up to {@link #MAX_AGE} while the stream stays connected: network events and our writes
 * do not change it, dockerd answers /info by running two programs, and a round that changes the
 * engine reads two snapshots. A swarm role changed by hand is seen within {@link #MAX_AGE}, like an
 * event-less change; an engine restart breaks the stream, which drops the info.
 */
final class SnapshotCache implements DockerGateway {
  /**
   * How long a snapshot may be reused without any event: bounds what an event-less change costs.
   */
  static final Duration MAX_AGE = Duration.ofSeconds(10);

  private record Cached(Snapshot snapshot, long generation, long readAt) {}

  private record KnownInfo(EngineInfo info, long readAt) {}

  private final DockerGateway engine;
  private final LongSupplier clock;
  private final java.util.function.Consumer<Boolean> counted;

  /** Counts events and writes; shared by the caches of one engine address. */
  private final AtomicLong generation;

  private volatile Cached cached;
  private volatile KnownInfo info;
  private volatile boolean streamUp;

  /**
   * @param changes counts events and writes; the caches of host keys that name one engine share it,
   *     so a write through one makes the others read afresh ({@link Engines})
   * @param counted told of every snapshot handed out: true when shared, false when read
   */
  SnapshotCache(
      DockerGateway engine,
      AtomicLong changes,
      LongSupplier clock,
      java.util.function.Consumer<Boolean> counted) {
    this.engine = engine;
    this.generation = changes;
    this.clock = clock;
    this.counted = counted;
  }

  /** Something may have changed on the engine: the next snapshot is read afresh. */
  void invalidate() {
    generation.incrementAndGet();
    cached = null;
  }

  /** The event stream is connected (true) or broken (false: nothing is reused until it is back). */
  void streamUp(boolean up) {
    invalidate();
    info = null;
    streamUp = up;
  }

  @Override
  public Snapshot snapshot() {
    Cached c = cached;
    long now = clock.getAsLong();
    if (c != null
        && streamUp
        && c.generation() == generation.get()
        && now - c.readAt() < MAX_AGE.toNanos()) {
      counted.accept(true);
      return c.snapshot();
    }
    long before = generation.get();
    KnownInfo known = info;
    boolean reuseInfo = known != null && streamUp && now - known.readAt() < MAX_AGE.toNanos();
    Snapshot fresh = reuseInfo ? engine.snapshot(known.info()) : engine.snapshot();
    counted.accept(false);
    // An event that arrived during the read may not be in it: keep it only if none did (a stream
    // break is such an event, so info read across an engine restart is not kept either).
    if (generation.get() == before) {
      cached = new Cached(fresh, before, now);
      if (!reuseInfo) {
        info = new KnownInfo(fresh.engine(), now);
      }
    }
    return fresh;
  }

  @Override
  public EngineInfo info() {
    EngineInfo fresh = engine.info();
    info = new KnownInfo(fresh, clock.getAsLong());
    return fresh;
  }

  @Override
  public String createNetwork(NetworkConfig config) {
    try {
      return engine.createNetwork(config);
    } finally {
      invalidate();
    }
  }

  @Override
  public void removeNetwork(String networkIdOrName) {
    try {
      engine.removeNetwork(networkIdOrName);
    } finally {
      invalidate();
    }
  }

  @Override
  public void connect(String networkIdOrName, String containerIdOrName, EndpointConfig endpoint) {
    try {
      engine.connect(networkIdOrName, containerIdOrName, endpoint);
    } finally {
      invalidate();
    }
  }

  @Override
  public void disconnect(String networkIdOrName, String containerIdOrName) {
    try {
      engine.disconnect(networkIdOrName, containerIdOrName);
    } finally {
      invalidate();
    }
  }

  /**
   * Starts the stream (returning once connected) and keeps the cache in step with it: every event
   * invalidates, a break distrusts until the stream is back.
   */
  @Override
  public AutoCloseable events(EngineEvents listener) {
    streamUp(true); // a first connect that fails says so through onStreamError
    return engine.events(
        new EngineEvents() {
          @Override
          public void onEvent(io.dockernet.engine.EngineEvent event) {
            invalidate();
            listener.onEvent(event);
          }

          @Override
          public void resync() {
            streamUp(true);
            listener.resync();
          }

          @Override
          public void onStreamError(Throwable error) {
            streamUp(false);
            listener.onStreamError(error);
          }
        });
  }

  @Override
  public CallCounter calls() {
    return engine.calls();
  }

  @Override
  public void close() {
    engine.close();
  }
}
