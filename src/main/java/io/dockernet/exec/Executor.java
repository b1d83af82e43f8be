package io.dockernet.exec;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineException;
import io.dockernet.plan.Action;
import io.dockernet.plan.Action.Blocked;
import io.dockernet.plan.Action.Connect;
import io.dockernet.plan.Action.CreateNetwork;
import io.dockernet.plan.Action.Disconnect;
import io.dockernet.plan.Action.RecreateNetwork;
import io.dockernet.plan.Action.RemoveNetwork;
import io.dockernet.plan.Phase;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a plan to an engine in a safe order, in parallel where the engine allows.
 *
 * <p>Actions run in {@link Phase}s — disconnects, removals, creates, recreates, connects, journal
 * drops — so that, for example, a subnet freed by a removal is free before a create asks for it.
 * Within a phase, actions run in lanes chosen by what the engine itself serialises ({@link Lanes}):
 * connects and disconnects by container (the engine takes a container's lock for each of them, so
 * one container's run in plan order, one at a time), everything else by network; lanes run in
 * parallel. Transient engine errors are retried with backoff.
 *
 * <p>A failure fails only its own resource and the actions that depend on it (connects to a network
 * that could not be created, a reconnect whose disconnect failed). Every resource of the plan gets
 * exactly one {@link ResourceResult}; the listener hears about every action, one call at a time.
 */
public final class Executor {

  /** Retries of transient engine errors: attempts in all, exponential backoff between them. */
  public record Retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    public static final Retry DEFAULT = new Retry(4, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /**
   * How many lanes of a phase run at once: {@code networks} for the phases that work on networks
   * (one lane per network: creates, removals, recreates, journal drops), {@code endpoints} for
   * connects and disconnects (one lane per container). A phase never runs more lanes than it has.
   */
  public record Lanes(int networks, int endpoints) {
    /** The default bound of either kind of lane. */
    public static final int DEFAULT_BOUND = 8;

    /**
     * The default on any engine. Creates of different networks and connects of different containers
     * overlap in the engine (on dockerd 20.10, 30 networks with one container each: 8 in flight
     * took 5.0-5.6 s against 8.8-15.3 s one at a time, docs/benchmarks.md); connects to one
     * container do not, and share a lane.
     */
    public static final Lanes DEFAULT = new Lanes(DEFAULT_BOUND, DEFAULT_BOUND);

    public Lanes {
      if (networks < 1 || endpoints < 1) {
        throw new IllegalArgumentException(
            "parallelism must be at least 1, got " + Math.min(networks, endpoints));
      }
    }

    /** The same bound for every phase (--parallelism N). */
    public static Lanes of(int parallelism) {
      return new Lanes(parallelism, parallelism);
    }

    int of(Phase phase) {
      return byContainer(phase) ? endpoints : networks;
    }
  }

  private final DockerGateway gateway;
  private final Lanes lanes;
  private final EngineCalls engine;

  public Executor(DockerGateway gateway, int parallelism) {
    this(gateway, Lanes.of(parallelism), Retry.DEFAULT);
  }

  public Executor(DockerGateway gateway, int parallelism, Retry retry) {
    this(gateway, Lanes.of(parallelism), retry);
  }

  public Executor(DockerGateway gateway, Lanes lanes) {
    this(gateway, lanes, Retry.DEFAULT);
  }

  public Executor(DockerGateway gateway, Lanes lanes, Retry retry) {
    this.gateway = gateway;
    this.lanes = lanes;
    this.engine = new EngineCalls(gateway, retry);
  }

  /** Phases whose actions each work on one container's endpoint. */
  private static boolean byContainer(Phase phase) {
    return phase == Phase.CONNECT || phase == Phase.DISCONNECT;
  }

  /** The lane of an action within its phase: its container's, or its network's. */
  private static String lane(Action action) {
    if (action instanceof Connect c) {
      return "container\u0000" + c.containerId();
    } else if (action instanceof Disconnect d) {
      return "container\u0000" + d.containerId();
    }
    return "network\u0000" + action.network();
  }

  public DockerGateway gateway() {
    return gateway;
  }

  public ApplyReport execute(Plan plan, ProgressListener listener) {
    Execution round = new Execution(plan, listener);
    Map<Phase, Map<String, List<Action>>> phases = new EnumMap<>(Phase.class);
    for (Action action : plan.actions()) {
      if (action.phase().runs()) {
        phases
            .computeIfAbsent(action.phase(), p -> new TreeMap<>())
            .computeIfAbsent(lane(action), n -> new ArrayList<>())
            .add(action);
      } else {
        round.finish(Step.blocked((Blocked) action));
      }
    }
    int threads =
        phases.entrySet().stream()
            .mapToInt(e -> Math.min(lanes.of(e.getKey()), e.getValue().size()))
            .max()
            .orElse(0);
    if (threads == 0) {
      return round.results.report();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
    try {
      for (var phase : phases.entrySet()) {
        // At most lanes.of(phase) lanes at once: each worker takes the next lane when done.
        Iterator<List<Action>> next = phase.getValue().values().iterator();
        int workers = Math.min(lanes.of(phase.getKey()), phase.getValue().size());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          running.add(
              pool.submit(
                  () -> {
                    for (List<Action> lane = take(next); lane != null; lane = take(next)) {
                      lane.forEach(a -> round.finish(round.run(a)));
                    }
                  }));
        }
        awaitAll(running);
      }
    } finally {
      pool.shutdownNow();
    }
    return round.results.report();
  }

  private static List<Action> take(Iterator<List<Action>> lanes) {
    synchronized (lanes) {
      return lanes.hasNext() ? lanes.next() : null;
    }
  }

  private static void awaitAll(List<Future<?>> running) {
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while applying a plan", e);
      } catch (ExecutionException e) {
        // run() turns every RuntimeException into a Step; anything else is a bug or an Error.
        throw new IllegalStateException("executor task failed", e.getCause());
      }
    }
  }

  /** The state of one execution: results so far, and what later actions depend on. */
  private final class Execution {
    final Results results;
    final ProgressListener listener;

    /** Networks that a failed create or recreate left missing. */
    final Set<String> missingNetworks = ConcurrentHashMap.newKeySet();

    /** "network\u0000container" of disconnects that failed. */
    final Set<String> failedDisconnects = ConcurrentHashMap.newKeySet();

    /**
     * Networks whose recreate did not restore everything: their journals must stay for the next
     * round.
     */
    final Set<String> unfinishedRecreates = ConcurrentHashMap.newKeySet();

    Execution(Plan plan, ProgressListener listener) {
      this.results = new Results(plan);
      this.listener = listener;
    }

    void finish(Step step) {
      results.add(step);
      synchronized (this) {
        listener.actionDone(step.action(), step.succeeded(), step.message());
      }
    }

    Step run(Action action) {
      try {
        if (action instanceof CreateNetwork c) {
          return create(c);
        } else if (action instanceof RemoveNetwork r && r.isJournal()) {
          return dropJournal(r);
        } else if (action instanceof RemoveNetwork r) {
          String note = engine.removeNetwork(r.networkId());
          return Step.ok(
              r,
              Outcome.REMOVED,
              "removed network " + r.networkName() + " (" + r.reason() + ")" + suffix(note));
        } else if (action instanceof RecreateNetwork r) {
          Recreation recreation = new Recreation(engine, r);
          Step step = recreation.run();
          if (recreation.networkGone()) {
            missingNetworks.add(r.config().name());
          }
          if (!step.succeeded()) {
            unfinishedRecreates.add(r.config().name());
          }
          return step;
        } else if (action instanceof Connect c) {
          return connect(c);
        } else if (action instanceof Disconnect d) {
          return disconnect(d);
        }
        return Step.failed(action, Reason.INVALID, "unknown action " + action);
      } catch (RuntimeException e) {
        return Step.failed(
            action, Reasons.of(e), action.doing() + " failed: " + Reasons.message(e));
      }
    }

    private Step create(CreateNetwork c) {
      String name = c.config().name();
      try {
        engine.createNetwork(c.config());
        return Step.ok(c, Outcome.CREATED, "created network " + name + " (" + c.reason() + ")");
      } catch (RuntimeException e) {
        missingNetworks.add(name);
        if (engine.createdByAnInterruptedRun(c.config(), e) != null) {
          missingNetworks.remove(name);
          return Step.ok(
              c,
              Outcome.CREATED,
              "created network "
                  + name
                  + " ("
                  + c.reason()
                  + "; the engine finished creating it for an earlier run that was interrupted)");
        }
        if (e instanceof EngineException ee && ee.reason() == EngineException.Reason.CONFLICT) {
          return Step.failed(
              c,
              Reason.CONFLICT,
              "network " + name + " was created by someone else meanwhile: " + Reasons.message(e));
        }
        throw e;
      }
    }

    private Step dropJournal(RemoveNetwork r) {
      String network = r.journalOf();
      if (unfinishedRecreates.contains(network)) {
        return Step.ok(
            r,
            Outcome.NOOP,
            "kept journal "
                + r.networkName()
                + ": the recreate of "
                + network
                + " did not restore everything; the next round tries again");
      }
      String note = engine.removeNetwork(r.networkId());
      return Step.ok(
          r,
          Outcome.NOOP,
          "removed journal " + r.networkName() + " (" + r.reason() + ")" + suffix(note));
    }

    private Step connect(Connect c) {
      if (missingNetworks.contains(c.network())) {
        return Step.failed(
            c,
            Reason.NOT_FOUND,
            "did not connect "
                + c.containerName()
                + ": network "
                + c.network()
                + " could not be created");
      }
      if (failedDisconnects.contains(c.network() + "\u0000" + c.containerId())) {
        return Step.failed(
            c,
            Reason.ENGINE_ERROR,
            "did not reconnect "
                + c.containerName()
                + " to "
                + c.network()
                + ": disconnecting it first failed");
      }
      String note = engine.connect(c.network(), c.containerId(), c.endpoint());
      return Step.ok(
          c,
          Outcome.CONNECTED,
          "connected "
              + c.containerName()
              + " to "
              + c.network()
              + " ("
              + c.reason()
              + ")"
              + suffix(note));
    }

    private Step disconnect(Disconnect d) {
      try {
        String note = engine.disconnect(d.network(), d.containerId());
        return Step.ok(
            d,
            Outcome.DISCONNECTED,
            "disconnected "
                + d.containerName()
                + " from "
                + d.network()
                + " ("
                + d.reason()
                + ")"
                + suffix(note));
      } catch (RuntimeException e) {
        failedDisconnects.add(d.network() + "\u0000" + d.containerId());
        throw e;
      }
    }
  }

  private static String suffix(String note) {
    return note == null ? "" : "; " + note;
  }

  /** Daemon worker threads with recognisable names. */
  private static final class Workers implements java.util.concurrent.ThreadFactory {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int pool = POOLS.incrementAndGet();
    private final AtomicInteger threads = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "dockernet-exec-" + pool + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
