package io.dockernet.engine;

import static org.awaitility.Awaitility.await;

import io.dockernet.reliability.StallProxy;
import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event stream that hangs silently (every byte held by a stall proxy: the connection stays open,
 * nothing arrives, no error) is noticed by the stream's watchdog, reported as broken, and
 * reconnected with a resync once the engine answers again. Subnet 10.202.0.0/24.
 */
class EventStreamLivenessIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @Test
  void aSilentlyHangingStreamIsNoticedThenReconnected() throws Exception {
    try (EngineProxy front = new EngineProxy();
        StallProxy stall = new StallProxy(front.port())) {
      // Calls (and so the silence allowed to the stream) time out after 1 s here; 30 s by default.
      EngineConfig config =
          EngineConfig.forHost(stall.host())
              .withAllowInsecure(true)
              .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
      AtomicInteger errors = new AtomicInteger();
      AtomicInteger resyncs = new AtomicInteger();
      List<EngineEvent> events = new CopyOnWriteArrayList<>();
      try (DockerJavaGateway gateway = new DockerJavaGateway(config);
          AutoCloseable stream =
              gateway.events(
                  new EngineEvents() {
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
                  })) {
        stall.stall(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> errors.get() > 0);
        stall.stall(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> resyncs.get() > 0);

        String name = engine.name("liveness");
        engine.removeNetworkAfter(name);
        engine.createUnmanagedNetwork(name, "--subnet", "10.202.0.0/24");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> events.stream().anyMatch(e -> name.equals(e.attributes().get("name"))));
      }
    }
  }
}
