package io.dockernet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams GET /events (networks and containers) on its own client and thread, until closed. After a
 * break it reconnects with bounded exponential backoff, asks for events {@code since} the last one
 * it delivered (the engine includes that second, so repeats are dropped), and then calls {@link
 * EngineEvents#resync()}, since the engine's event buffer may not cover the gap.
 *
 * <p>A stream can also hang silently (a stuck engine, a connection dropped without a reset): when
 * it has been quiet for {@code idle}, a light call on the ordinary client ({@code probe}) checks
 * the engine; if that fails, the stream counts as broken (listeners hear {@link
 * EngineEvents#onStreamError}) and is reconnected, instead of waiting for the next full resync.
 */
final class EventStream implements AutoCloseable {
  static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final String FILTERS =
      URLEncoder.encode("{\"type\":[\"network\",\"container\"]}", StandardCharsets.UTF_8);

  private final EngineHttp http;
  private final EngineEvents listener;
  private final Runnable probe;
  private final Duration idle;
  private final Thread thread;
  private final Thread watchdog;
  private volatile long lastActivity = System.nanoTime();
  private final CountDownLatch firstConnect = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile Response current;
  private final DeliveredEvents delivered = new DeliveredEvents();

  /**
   * @param probe a light engine call on another connection, throwing when the engine does not
   *     answer
   * @param idle how long the stream may stay silent before the probe runs
   */
  EventStream(EngineHttp http, EngineEvents listener, Runnable probe, Duration idle) {
    this.http = http;
    this.listener = listener;
    this.probe = probe;
    this.idle = idle;
    this.thread = new Thread(this::run, "dockernet-engine-events");
    thread.setDaemon(true);
    this.watchdog = new Thread(this::watch, "dockernet-engine-events-watchdog");
    watchdog.setDaemon(true);
  }

  void start() {
    thread.start();
    watchdog.start();
  }

  /** Probes the engine whenever the connected stream has been silent for {@link #idle}. */
  private void watch() {
    long step = Math.max(50, idle.toMillis() / 4);
    while (!closed) {
      try {
        Thread.sleep(step);
      } catch (InterruptedException e) {
        return;
      }
      Response connected = current;
      if (connected == null || System.nanoTime() - lastActivity < idle.toNanos()) {
        continue;
      }
      try {
        probe.run();
        lastActivity = System.nanoTime();
      } catch (RuntimeException e) {
        if (closed || current != connected) {
          continue;
        }
        LOG.warn(
            "engine event stream silent for {} and the engine does not answer ({}); reconnecting",
            idle,
            e.getMessage());
        safely(() -> listener.onStreamError(e));
        connected.close(); // the reader fails, then reconnects with backoff and resyncs
      }
    }
  }

  /** Waits until the stream is connected for the first time (events after this are not missed). */
  boolean awaitConnected(Duration timeout) throws InterruptedException {
    return firstConnect.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    Duration backoff = MIN_BACKOFF;
    boolean broken = false;
    while (!closed) {
      try (Response response = http.stream("events", path())) {
        lastActivity = System.nanoTime();
        current = response;
        if (closed) {
          return;
        }
        firstConnect.countDown();
        if (broken) {
          broken = false;
          LOG.info("engine event stream reconnected; resyncing");
          safely(listener::resync);
        }
        backoff = MIN_BACKOFF;
        read(response);
        if (!closed) {
          throw new IOException("the engine ended the event stream");
        }
      } catch (Exception e) {
        if (closed) {
          return;
        }
        if (!broken) {
          LOG.warn("engine event stream broke, reconnecting with backoff: {}", e.getMessage());
        }
        broken = true;
        safely(() -> listener.onStreamError(e));
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } finally {
        current = null;
      }
    }
  }

  private String path() {
    String path = "/events?filters=" + FILTERS;
    long since = delivered.newestNanos();
    if (since >= 0) {
      path +=
          "&since="
              + (since / 1_000_000_000L)
              + "."
              + String.format("%09d", since % 1_000_000_000L);
    }
    return path;
  }

  private void read(Response response) throws IOException {
    try (MappingIterator<JsonNode> events =
        EngineHttp.JSON.readerFor(JsonNode.class).readValues(response.getBody())) {
      while (!closed && events.hasNextValue()) {
        lastActivity = System.nanoTime();
        EngineEvent event = toEvent(events.nextValue());
        if (event != null && delivered.firstTime(event)) {
          safely(() -> listener.onEvent(event));
        }
      }
    }
  }

  /**
   * Null for events that never concern networking (exec and health checks, which tests cause by the
   * hundred).
   */
  static EngineEvent toEvent(JsonNode e) {
    String type = e.path("Type").asText();
    String action = e.path("Action").asText();
    if (!type.equals("network") && !type.equals("container")) {
      return null;
    }
    if (action.startsWith("exec_") || action.startsWith("health_status")) {
      return null;
    }
    Map<String, String> attributes =
        new HashMap<>(EngineJson.stringMap(e.path("Actor").path("Attributes")));
    long nanos =
        e.hasNonNull("timeNano")
            ? e.path("timeNano").asLong()
            : e.path("time").asLong() * 1_000_000_000L;
    return new EngineEvent(type, action, e.path("Actor").path("ID").asText(), attributes, nanos);
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // A failing listener must not kill the stream.
      LOG.warn("engine event listener failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    Response r = current;
    if (r != null) {
      r.close(); // aborts the blocked read
    }
    thread.interrupt();
    watchdog.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
