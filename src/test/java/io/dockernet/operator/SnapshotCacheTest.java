package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.engine.CallCounter;
import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineConfig;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When rounds may share a snapshot: only while no event, no write and no stream break happened
 * since it was read, and for at most {@link SnapshotCache#MAX_AGE}. (The engine itself is not the
 * subject here: this is the bookkeeping; OperatorIT and the operator benchmark run it on the real
 * engine.)
 */
class SnapshotCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final Engine engine = new Engine();
  private final SnapshotCache cache =
      new SnapshotCache(engine, new AtomicLong(), now::get, cached -> {});
  private EngineEvents stream;

  @Test
  void rounds_share_one_read_until_an_event_a_write_or_max_age() {
    cache.events(new Quiet());
    Snapshot first = cache.snapshot();
    assertThat(cache.snapshot()).isSameAs(first);
    assertThat(engine.reads).isEqualTo(1);

    stream.onEvent(new EngineEvent("network", "destroy", "id", Map.of("name", "n"), 0));
    cache.snapshot();
    assertThat(engine.reads).as("an event invalidates").isEqualTo(2);

    cache.removeNetwork("n");
    cache.snapshot();
    assertThat(engine.reads).as("our own write invalidates").isEqualTo(3);

    now.addAndGet(SnapshotCache.MAX_AGE.toNanos());
    cache.snapshot();
    assertThat(engine.reads).as("older than MAX_AGE").isEqualTo(4);
    cache.snapshot();
    assertThat(engine.reads).isEqualTo(4);
  }

  @Test
  void nothing_is_reused_while_the_stream_is_broken() {
    cache.events(new Quiet());
    stream.onStreamError(new RuntimeException("gone"));
    cache.snapshot();
    cache.snapshot();
    assertThat(engine.reads).isEqualTo(2);
    stream.resync();
    cache.snapshot();
    cache.snapshot();
    assertThat(engine.reads).isEqualTo(3);
  }

  @Test
  void a_read_overtaken_by_an_event_is_not_kept() {
    cache.events(new Quiet());
    engine.duringRead = () -> stream.onEvent(new EngineEvent("network", "create", "id", null, 0));
    cache.snapshot();
    engine.duringRead = () -> {};
    cache.snapshot();
    assertThat(engine.reads).isEqualTo(2);
  }

  @Test
  void fresh_reads_reuse_the_engine_info_until_max_age_or_a_stream_break() {
    cache.events(new Quiet());
    cache.snapshot();
    assertThat(engine.infoReads).isEqualTo(1);

    cache.createNetwork(null);
    stream.onEvent(new EngineEvent("network", "create", "id", Map.of("name", "n"), 0));
    cache.snapshot();
    assertThat(engine.reads).as("the write and the event invalidate the snapshot").isEqualTo(2);
    assertThat(engine.infoReads).as("but not the engine info").isEqualTo(1);

    now.addAndGet(SnapshotCache.MAX_AGE.toNanos());
    cache.snapshot();
    assertThat(engine.infoReads).as("older than MAX_AGE").isEqualTo(2);

    stream.onStreamError(new RuntimeException("engine restarting"));
    stream.resync();
    cache.snapshot();
    assertThat(engine.infoReads).as("a stream break drops it").isEqualTo(3);

    cache.removeNetwork("n");
    engine.duringRead = () -> stream.onEvent(new EngineEvent("network", "destroy", "id", null, 0));
    now.addAndGet(SnapshotCache.MAX_AGE.toNanos());
    cache.snapshot();
    engine.duringRead = () -> {};
    cache.snapshot();
    assertThat(engine.infoReads)
        .as("info of a read overtaken by an event is not kept")
        .isEqualTo(5);
  }

  @Test
  void without_an_event_stream_nothing_is_reused() {
    cache.snapshot();
    cache.snapshot();
    assertThat(engine.reads).isEqualTo(2);
  }

  @Test
  void host_keys_naming_one_engine_share_its_lock_and_see_each_others_writes() {
    try (Engines engines = new Engines(config -> new Engine(), new OperatorMetrics())) {
      Engines.Engine viaDefault = engines.get("", EngineConfig.local(), "default");
      Engines.Engine viaHost =
          engines.get(
              "host/local", EngineConfig.forHost("unix:///var/run/../run/docker.sock"), "local");
      Engines.Engine other =
          engines.get("host/other", EngineConfig.forHost("unix:///run/other.sock"), "other");
      assertThat(viaHost.lock()).isSameAs(viaDefault.lock());
      assertThat(other.lock()).isNotSameAs(viaDefault.lock());

      Snapshot shared = viaHost.gateway().snapshot();
      Snapshot elsewhere = other.gateway().snapshot();
      assertThat(viaHost.gateway().snapshot()).isSameAs(shared);
      viaDefault.gateway().connect("n", "c", null);
      assertThat(viaHost.gateway().snapshot())
          .as("a write through the other host key, before its event arrives")
          .isNotSameAs(shared);
      assertThat(other.gateway().snapshot()).as("another engine").isSameAs(elsewhere);
    }
  }

  private static final class Quiet implements EngineEvents {
    @Override
    public void onEvent(EngineEvent event) {}

    @Override
    public void resync() {}
  }

  private final class Engine implements DockerGateway {
    int reads;
    int infoReads;
    Runnable duringRead = () -> {};

    @Override
    public EngineInfo info() {
      infoReads++;
      return new EngineInfo("20.10", "1.41", "inactive", "test");
    }

    @Override
    public Snapshot snapshot() {
      return snapshot(info());
    }

    @Override
    public Snapshot snapshot(EngineInfo known) {
      reads++;
      duringRead.run();
      return new Snapshot(known, List.of(), List.of());
    }

    @Override
    public String createNetwork(NetworkConfig config) {
      return "id";
    }

    @Override
    public void removeNetwork(String networkIdOrName) {}

    @Override
    public void connect(String network, String container, EndpointConfig endpoint) {}

    @Override
    public void disconnect(String network, String container) {}

    @Override
    public AutoCloseable events(EngineEvents listener) {
      stream = listener;
      return () -> {};
    }

    @Override
    public CallCounter calls() {
      return new CallCounter();
    }

    @Override
    public void close() {}
  }
}
