package io.dockernet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is derived from a snapshot is computed once per key, and every round sees the same. */
class SnapshotTest {
  private static ObservedNetwork network(String id, String name) {
    return new ObservedNetwork(
        id,
        new NetworkConfig(
            name, "bridge", null, false, false, false, false, null, null, false, null, null, null,
            null, null),
        List.of());
  }

  private final Snapshot snapshot =
      new Snapshot(
          new EngineInfo("20.10", "1.41", "inactive", "test"),
          List.of(network("a1", "front"), network("b2", "back"), network("c3", "front")),
          List.of());

  @Test
  void aNetworkByNameIsTheFirstListedOfThatName() {
    assertThat(snapshot.network("front")).map(ObservedNetwork::id).contains("a1");
    assertThat(snapshot.network("back")).map(ObservedNetwork::id).contains("b2");
    assertThat(snapshot.network("gone")).isEmpty();
  }

  @Test
  void aDerivedValueIsComputedOncePerKeyAndSharedByEveryCaller() throws Exception {
    AtomicInteger computed = new AtomicInteger();
    record Key(String project) {}

    String first = snapshot.derived(new Key("p"), s -> "index#" + computed.incrementAndGet());
    String again = snapshot.derived(new Key("p"), s -> "index#" + computed.incrementAndGet());
    String other = snapshot.derived(new Key("q"), s -> "index#" + computed.incrementAndGet());

    assertThat(again).isSameAs(first);
    assertThat(other).isEqualTo("index#2");
    assertThat(computed).hasValue(2);
    // A snapshot read again is another snapshot: nothing derived carries over.
    Snapshot reread = new Snapshot(snapshot.engine(), snapshot.networks(), snapshot.containers());
    assertThat(reread).isEqualTo(snapshot);
    String fresh = reread.derived(new Key("p"), s -> "fresh");
    assertThat(fresh).isEqualTo("fresh");
  }

  @Test
  void threadsAskingAtOnceAllGetTheOneKeptResult() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> asks =
          java.util.stream.IntStream.range(0, 8)
              .<Future<?>>mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            start.await();
                            seen.add(snapshot.derived("index", s -> new Object()));
                            return null;
                          }))
              .toList();
      start.countDown();
      for (Future<?> f : asks) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(8);
    assertThat(seen.stream().distinct()).hasSize(1);
  }
}
