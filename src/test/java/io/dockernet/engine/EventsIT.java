package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The events stream: hand-made changes arrive quickly, and the stream survives breaks. Subnets
 * 10.123.13-14.x.
 */
class EventsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  /** Records everything the gateway reports. */
  static final class Recorder implements EngineEvents {
    final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();

    @Override
    public void onEvent(EngineEvent event) {
      events.add(event);
    }

    @Override
    public void resync() {
      resyncs.incrementAndGet();
    }

    @Override
    public void onStreamError(Throwable error) {
      errors.incrementAndGet();
    }

    long count(Predicate<EngineEvent> p) {
      return events.stream().filter(p).count();
    }

    void awaitEvent(Duration within, Predicate<EngineEvent> p) {
      await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> count(p) > 0);
    }
  }

  static Predicate<EngineEvent> network(String action, String name) {
    return e ->
        e.type().equals("network")
            && e.action().equals(action)
            && name.equals(e.attributes().get("name"));
  }

  @Test
  void aNetworkRemovedByHandArrivesWithinASecond() throws Exception {
    String net = engine.name("ev-rm");
    String id = engine.createUnmanagedNetwork(net, "--subnet", "10.123.13.0/26");
    Recorder recorder = new Recorder();
    try (AutoCloseable stream = engine.gateway().events(recorder)) {
      engine.docker("network", "rm", net);
      recorder.awaitEvent(Duration.ofSeconds(1), network("destroy", net));
      EngineEvent destroy =
          recorder.events.stream().filter(network("destroy", net)).findFirst().orElseThrow();
      assertThat(destroy.actorId()).isEqualTo(id);
      assertThat(destroy.attributes()).containsEntry("type", "bridge");
    }
  }

  @Test
  void aContainerDisconnectedByHandArrivesWithinASecond() throws Exception {
    String net = engine.name("ev-dc");
    engine.createUnmanagedNetwork(net, "--subnet", "10.123.13.64/26");
    String c = engine.name("ev-dc-c");
    String cid = engine.runContainer(c, net);
    Recorder recorder = new Recorder();
    try (AutoCloseable stream = engine.gateway().events(recorder)) {
      engine.docker("network", "disconnect", net, c);
      recorder.awaitEvent(
          Duration.ofSeconds(1),
          network("disconnect", net).and(e -> cid.equals(e.attributes().get("container"))));
      engine.docker("network", "connect", net, c);
      recorder.awaitEvent(
          Duration.ofSeconds(1),
          network("connect", net).and(e -> cid.equals(e.attributes().get("container"))));
    }
  }

  @Test
  void containerEventsCarryTheContainerLabels() throws Exception {
    Recorder recorder = new Recorder();
    try (AutoCloseable stream = engine.gateway().events(recorder)) {
      String c = engine.name("ev-labels");
      String cid = engine.runContainer(c, java.util.Map.of("app", "web"));
      recorder.awaitEvent(
          Duration.ofSeconds(1),
          e ->
              e.type().equals("container")
                  && e.action().equals("start")
                  && e.actorId().equals(cid));
      EngineEvent start =
          recorder.events.stream()
              .filter(e -> e.action().equals("start") && e.actorId().equals(cid))
              .findFirst()
              .orElseThrow();
      assertThat(start.attributes())
          .containsEntry("name", c)
          .containsEntry("app", "web")
          .containsEntry(TestEngine.TEST_LABEL, "true");
      assertThat(start.timeNanos()).isPositive();
      // Exec events (a ping) never concern networking and are left out.
      engine.ping(c, "127.0.0.1");
      Thread.sleep(300);
      assertThat(recorder.count(e -> e.action().startsWith("exec_"))).isZero();
    }
  }

  @Test
  void theStreamReconnectsAfterABreakReplaysWhatItMissedOnceAndResyncs() throws Exception {
    try (EngineProxy proxy = new EngineProxy()) {
      DockerJavaGateway gateway =
          engine.newGateway(EngineConfig.forHost(proxy.host()).withAllowInsecure(true));
      Recorder recorder = new Recorder();
      try (AutoCloseable stream = gateway.events(recorder)) {
        String before = engine.name("ev-before");
        engine.createUnmanagedNetwork(before, "--subnet", "10.123.14.0/28");
        recorder.awaitEvent(Duration.ofSeconds(1), network("create", before));

        proxy.pause(); // the engine "goes away"
        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.errors.get() > 0);
        String during = engine.name("ev-during");
        engine.createUnmanagedNetwork(during, "--subnet", "10.123.14.16/28");
        Thread.sleep(300); // a few failed reconnects with backoff
        assertThat(recorder.count(network("create", during))).isZero();
        proxy.resume();

        await().atMost(Duration.ofSeconds(8)).until(() -> recorder.resyncs.get() == 1);
        // Missed while down, replayed from "since"; what was seen before is not delivered again.
        recorder.awaitEvent(Duration.ofSeconds(2), network("create", during));
        assertThat(recorder.count(network("create", before))).isEqualTo(1);

        // And the stream is live again.
        String after = engine.name("ev-after");
        engine.createUnmanagedNetwork(after, "--subnet", "10.123.14.32/28");
        recorder.awaitEvent(Duration.ofSeconds(1), network("create", after));

        // A connection dropped without the engine going down is also survived.
        proxy.dropConnections();
        await().atMost(Duration.ofSeconds(8)).until(() -> recorder.resyncs.get() == 2);
        engine.docker("network", "rm", after);
        recorder.awaitEvent(Duration.ofSeconds(1), network("destroy", after));
        assertThat(gateway.calls().snapshot().get("events")).isGreaterThanOrEqualTo(3L);
      }
    }
  }

  @Test
  void closingTheHandleStopsTheStreamAndItsThread() throws Exception {
    long threadsBefore = eventThreads();
    Recorder recorder = new Recorder();
    AutoCloseable stream = engine.gateway().events(recorder);
    assertThat(eventThreads()).isEqualTo(threadsBefore + 1);

    stream.close();

    await().atMost(Duration.ofSeconds(2)).until(() -> eventThreads() == threadsBefore);
    String net = engine.name("ev-closed");
    engine.createUnmanagedNetwork(net, "--subnet", "10.123.13.128/26");
    Thread.sleep(500);
    assertThat(recorder.count(network("create", net))).isZero();
    assertThat(recorder.errors.get()).isZero();
    stream.close(); // closing twice is harmless
  }

  private static long eventThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("dockernet-engine-events"))
        .count();
  }
}
