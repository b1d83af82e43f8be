package io.dockernet.operator;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineConfig;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.exec.Executor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines this deployment talks to, by host key ("" = the default engine, else {@code
 * host/<DockerHost name>}): one gateway and ONE event stream per engine, fanned out to the
 * reconcilers' event sources. An engine whose config changed (endpoint edited, TLS Secret rotated)
 * is closed and opened again. When a stream breaks, and again when it is back, every listener is
 * asked to resync that engine.
 */
public final class Engines implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

  /** The daemon mostly serialises network calls; a few in flight still overlap client latency. */
  static final int PARALLELISM = 4;

  /** Receives every engine's events, tagged with the engine's host key. */
  public interface Listener {
    void onEvent(String hostKey, EngineEvent event);

    void resync(String hostKey);
  }

  /**
   * What every host key naming one engine address shares ({@link EngineConfig#address}): the lock
   * its rounds take, and the count of changes that makes cached snapshots stale ({@link
   * SnapshotCache}). A DockerHost may name the engine the default host uses, or another
   * DockerHost's. With a lock and a cache each, their rounds overlapped on the one engine and
   * planned against each other's half-done changes: a recreate restored no endpoint, then could not
   * remove the network ("has active endpoints").
   */
  private record Address(ReentrantLock lock, AtomicLong changes) {}

  /**
   * One open engine. Rounds on one engine run one at a time ({@link #lock()}, shared by every host
   * key with its address), so plans see each other's results.
   */
  public static final class Engine {
    private final String key;
    private final EngineConfig config;
    private final String fingerprint;
    private final DockerGateway gateway;
    private final Executor executor;
    private final ReentrantLock lock;
    private volatile AutoCloseable events;
    private volatile boolean streamBroken;
    private final AtomicLong streamChanges = new AtomicLong();

    Engine(
        String key,
        EngineConfig config,
        String fingerprint,
        DockerGateway gateway,
        ReentrantLock lock) {
      this.key = key;
      this.config = config;
      this.fingerprint = fingerprint;
      this.gateway = gateway;
      this.executor = new Executor(gateway, PARALLELISM);
      this.lock = lock;
    }

    public String key() {
      return key;
    }

    public EngineConfig config() {
      return config;
    }

    public DockerGateway gateway() {
      return gateway;
    }

    public Executor executor() {
      return executor;
    }

    public ReentrantLock lock() {
      return lock;
    }

    /**
     * How many times the event stream broke or came back since the engine was opened: equal counts
     * and an unbroken stream mean the engine answered throughout (the stream probes a silent
     * engine).
     */
    long streamChanges() {
      return streamChanges.get();
    }

    boolean streamBroken() {
      return streamBroken;
    }

    void close() {
      try {
        if (events != null) {
          events.close();
        }
      } catch (Exception e) {
        LOG.debug("closing event stream of {}", key, e);
      }
      gateway.close();
    }
  }

  /**
   * Reconciler threads one host may hold at once: one in its round, one waiting for the engine's
   * lock to take the next. Rounds on an engine run one at a time anyway; more threads waiting there
   * would only be taken from the other hosts (JOSDK's pool is shared, 50 threads by default), and a
   * hung engine would keep every one of them until its calls time out.
   */
  static final int ROUNDS_PER_HOST = 2;

  /** Whether a round may go to its engine now ({@link #admit}). */
  public sealed interface Admission {}

  /** Go ahead; call {@link #release} after. */
  public record Admitted() implements Admission {}

  /** The host has its share of threads: the caller is woken when one is free. */
  public record Deferred() implements Admission {}

  /** The engine did not answer the last round, and another round is trying it again. */
  public record Unreachable(String message) implements Admission {}

  /** How the round that was admitted ended, engine-wise. */
  public enum Outcome {
    /** The engine answered (whatever it said). */
    REACHED,
    /** It could not be reached or timed out. */
    UNREACHABLE,
    /** The round never went to the engine (refused, not served). */
    NOT_TRIED
  }

  /** Per host key: the threads in a round, who waits for one, and whether the engine is down. */
  private static final class Gate {
    int inside;
    final Map<Object, BooleanSupplier> waiting = new java.util.LinkedHashMap<>();
    String down;
  }

  private final Map<String, Gate> gates = new ConcurrentHashMap<>();

  private final GatewayFactory factory;
  private final OperatorMetrics metrics;
  private final Map<String, Engine> engines = new ConcurrentHashMap<>();
  private final Map<String, Address> addresses = new ConcurrentHashMap<>();
  private final Map<String, Object> opening = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public Engines(GatewayFactory factory, OperatorMetrics metrics) {
    this.factory = factory;
    this.metrics = metrics;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * The engine for {@code key}, opened (and its event stream started) on first use. {@code
   * fingerprint} identifies the config (and TLS material): a different one reopens. Opening waits
   * for the event stream (up to the connect timeout) under this key's lock only, so a hung engine
   * does not hold up rounds on the others.
   */
  public Engine get(String key, EngineConfig config, String fingerprint) {
    Engine open = engines.get(key);
    if (open != null && open.fingerprint.equals(fingerprint)) {
      return open;
    }
    synchronized (opening.computeIfAbsent(key, k -> new Object())) {
      return open(key, config, fingerprint);
    }
  }

  private Engine open(String key, EngineConfig config, String fingerprint) {
    Engine current = engines.get(key);
    if (current != null && current.fingerprint.equals(fingerprint)) {
      return current;
    }
    if (current != null) {
      LOG.info("engine {} changed, reconnecting", key);
      engines.remove(key);
      current.close();
    }
    // Rounds share one snapshot while the event stream reports no change (SnapshotCache).
    Address address =
        addresses.computeIfAbsent(
            config.address(), a -> new Address(new ReentrantLock(), new AtomicLong()));
    Engine engine =
        new Engine(
            key,
            config,
            fingerprint,
            new SnapshotCache(
                factory.open(config), address.changes(), System::nanoTime, metrics::snapshot),
            address.lock());
    AtomicBoolean broken = new AtomicBoolean();
    engine.events =
        engine.gateway.events(
            new EngineEvents() {
              @Override
              public void onEvent(EngineEvent event) {
                listeners.forEach(l -> l.onEvent(key, event));
              }

              @Override
              public void resync() {
                broken.set(false);
                engine.streamBroken = false;
                engine.streamChanges.incrementAndGet();
                listeners.forEach(l -> l.resync(key));
              }

              @Override
              public void onStreamError(Throwable error) {
                // Called on every failed reconnect attempt; act once per break. Reconciling
                // everything now
                // lets resources report EngineUnavailable (and retry with backoff) while the engine
                // is down,
                // instead of looking Ready until the next resync period.
                if (broken.compareAndSet(false, true)) {
                  engine.streamBroken = true;
                  engine.streamChanges.incrementAndGet();
                  LOG.warn(
                      "event stream of engine {} broke ({}); reconnecting", key, error.toString());
                  listeners.forEach(l -> l.resync(key));
                } else {
                  LOG.debug("event stream of engine {} still broken: {}", key, error.toString());
                }
              }
            });
    engines.put(key, engine);
    return engine;
  }

  /**
   * Lets a round on host {@code key} start, or says why not without blocking: the host already has
   * {@link #ROUNDS_PER_HOST} threads (then {@code wake} runs when one leaves: the caller reconciles
   * again), or its engine did not answer the last round and another round is probing it (fail now,
   * retry later). A round that is admitted must {@link #release} the host.
   */
  public Admission admit(String key, Object who, BooleanSupplier wake) {
    Gate gate = gates.computeIfAbsent(key, k -> new Gate());
    synchronized (gate) {
      if (gate.down != null && gate.inside > 0) {
        gate.waiting.remove(who);
        return new Unreachable(gate.down);
      }
      if (gate.inside >= ROUNDS_PER_HOST) {
        gate.waiting.put(who, wake);
        return new Deferred();
      }
      gate.waiting.remove(who);
      gate.inside++;
      return new Admitted();
    }
  }

  /**
   * Ends an admitted round. Wakes the next deferred caller; when the engine has just become
   * unreachable, wakes every one (they fail at once and say so); when it answers again after being
   * down, has every resource on the host reconciled (they were backing off).
   */
  public void release(String key, Outcome outcome, String message) {
    Gate gate = gates.get(key);
    boolean recovered = false;
    List<BooleanSupplier> everyone = List.of();
    synchronized (gate) {
      gate.inside--;
      if (outcome == Outcome.UNREACHABLE) {
        gate.down = message;
        everyone = new java.util.ArrayList<>(gate.waiting.values());
        gate.waiting.clear();
      } else if (outcome == Outcome.REACHED && gate.down != null) {
        gate.down = null;
        recovered = true;
      }
    }
    everyone.forEach(BooleanSupplier::getAsBoolean);
    if (everyone.isEmpty()) {
      wakeNext(gate);
    }
    if (recovered) {
      LOG.info("engine {} answers again; reconciling its resources", key);
      listeners.forEach(l -> l.resync(key));
    }
  }

  /**
   * Wakes the first waiting resource that still exists. A wake-up is the only way a put-aside
   * resource is reconciled again (short of the resync period), so one whose resource is gone must
   * not end the chain: the next one is woken instead.
   */
  private static void wakeNext(Gate gate) {
    while (true) {
      BooleanSupplier next;
      synchronized (gate) {
        var first = gate.waiting.entrySet().iterator();
        if (!first.hasNext()) {
          return;
        }
        next = first.next().getValue();
        first.remove();
      }
      if (next.getAsBoolean()) {
        return;
      }
    }
  }

  /** Who waits for a round on host {@code key} now, in the order they are to be woken. */
  List<Object> waiting(String key) {
    Gate gate = gates.get(key);
    if (gate == null) {
      return List.of();
    }
    synchronized (gate) {
      return List.copyOf(gate.waiting.keySet());
    }
  }

  /** The engine open for {@code key} with this config, or null (none, or another config). */
  Engine current(String key, String fingerprint) {
    Engine open = engines.get(key);
    return open != null && open.fingerprint.equals(fingerprint) ? open : null;
  }

  /** The host keys of the engines open now (tests check what a deployment holds). */
  java.util.Set<String> openKeys() {
    return java.util.Set.copyOf(engines.keySet());
  }

  public void forget(String key) {
    synchronized (opening.computeIfAbsent(key, k -> new Object())) {
      Engine engine = engines.remove(key);
      if (engine != null) {
        engine.close();
      }
    }
  }

  @Override
  public synchronized void close() {
    engines.values().forEach(Engine::close);
    engines.clear();
  }
}
