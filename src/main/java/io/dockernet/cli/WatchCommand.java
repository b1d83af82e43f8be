package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.engine.EngineException;
import io.dockernet.exec.ApplyReport;
import io.dockernet.exec.Outcome;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.manifest.Manifests;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Reason;
import io.dockernet.policy.Family;
import io.dockernet.policy.Netfilter;
import io.dockernet.policy.NetfilterChange;
import io.dockernet.policy.PolicyEnforcer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Apply, then keep converging: on engine events (drift), on changed manifests, and periodically."
            + " Stops cleanly on SIGINT/SIGTERM.")
final class WatchCommand implements Callable<Integer> {
  /** Engine actions that can make the engine differ from the manifests. */
  private static final Set<String> NETWORK_ACTIONS =
      Set.of("create", "destroy", "remove", "connect", "disconnect");

  private static final Set<String> CONTAINER_ACTIONS =
      Set.of("start", "create", "rename", "destroy", "die");

  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;
  @Mixin ParallelismOption parallelism;

  @Option(
      names = "--prune",
      description =
          "Also remove networks and endpoints of this project that the manifests no longer declare.")
  boolean prune;

  @Option(
      names = "--resync",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description =
          "Full resync interval, a safety net besides events (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  Duration resync;

  @Option(
      names = "--poll",
      defaultValue = "500ms",
      paramLabel = "DURATION",
      hidden = true,
      description = "How often manifest files are checked for changes.",
      converter = DurationConverter.class)
  Duration poll;

  /** Passes of one round at most, when the engine moved under it (NotFound). */
  private static final int PASSES = 3;

  private static final Duration RETRY_MIN = Duration.ofSeconds(1);
  private static final Duration RETRY_MAX = Duration.ofSeconds(30);

  private final Trigger trigger = new Trigger();
  private final PolicyStep policies = new PolicyStep();

  /**
   * The policy rules of the last round; netfilter is compared with them on every pass (no events
   * for it).
   */
  private volatile PolicyEnforcer.Enforcement enforced;

  /** Rounds that failed in a row (engine unreachable or stuck). */
  private int failures;

  private volatile boolean running = true;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              running = false;
              trigger.fire();
              try {
                stopped.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "dockernet-watch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (DockerGateway gateway = engine.connect();
        AutoCloseable events = gateway.events(new DriftListener())) {
      Manifests loaded = manifests.load(spec.commandLine().getErr());
      if (loaded.all().stream().anyMatch(r -> !Fleet.host(r).isEmpty())) {
        throw new InvalidInputException(
            "watch converges the one engine -H/--context choose; resources with"
                + " spec.host are converged on their DockerHost by apply, plan and delete");
      }
      policies.preflight(loaded, engine.config());
      String fingerprint = fingerprint();
      log(out, "watching " + manifests.paths + " (project " + manifests.project + ")");
      long nextResync = System.nanoTime() + resync.toNanos();
      while (running) {
        try {
          converge(gateway, loaded, out);
          enforce(gateway, loaded, out);
          failures = 0;
        } catch (InvalidInputException e) {
          e.problems().forEach(err::println);
          log(err, e.getMessage() + "; keeping the last good manifests");
        } catch (RuntimeException e) {
          // Back off while the engine stays unreachable (1 s, 2 s, 4 s ... 30 s): a round against a
          // dead or stuck engine must not spin. Its event stream's reconnect triggers a round
          // anyway.
          Duration wait = RETRY_MIN.multipliedBy(1L << Math.min(failures, 5));
          wait = wait.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait;
          failures++;
          log(
              err,
              "round failed ("
                  + failures
                  + " in a row), retrying in "
                  + wait.toSeconds()
                  + "s: "
                  + (e instanceof EngineException ee
                          && ee.reason() == EngineException.Reason.UNAVAILABLE
                      ? "cannot reach the Docker engine: "
                      : "")
                  + e.getMessage());
          nextResync = System.nanoTime() + wait.toNanos();
        }
        err.flush();
        // Wait for drift, a manifest change, the resync period, or shutdown. The files are checked
        // on every pass, so that a busy engine's stream of events cannot starve manifest changes.
        while (running) {
          boolean drift = trigger.await(poll);
          boolean edited = false;
          String now = fingerprint();
          if (!now.equals(fingerprint)) {
            fingerprint = now;
            try {
              loaded = manifests.load(spec.commandLine().getErr());
              log(out, "manifests changed");
              edited = true;
            } catch (InvalidInputException e) {
              e.problems().forEach(err::println);
              log(err, e.getMessage() + "; keeping the last good manifests");
            }
          }
          if (drift || edited || policyDrift(err)) {
            break;
          }
          if (System.nanoTime() > nextResync) {
            nextResync = System.nanoTime() + resync.toNanos();
            break;
          }
        }
      }
      log(out, "stopped");
      return ExitCodes.OK;
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running: it waits for the latch above.
      }
    }
  }

  /**
   * Converges and prints one line per resource that changed or failed. A NotFound means the engine
   * moved under the pass (a network removed by hand after the snapshot); it is healed by planning
   * again on a fresh snapshot, so the pass is retried before anything is printed and only each
   * resource's final outcome is reported.
   */
  private void converge(DockerGateway gateway, Manifests loaded, PrintWriter out) {
    Map<ResourceRef, ResourceResult> outcomes =
        new TreeMap<>(Comparator.comparing(Object::toString));
    for (int pass = 0; pass < PASSES; pass++) {
      Round round =
          Converge.plan(
              gateway, manifests, loaded, PlanOptions.apply(prune), Fleet.local(engine.config()));
      if (round.plan().converged()) {
        // What failed earlier in this pass is converged now.
        outcomes.values().removeIf(r -> r.outcome().isFailure());
        break;
      }
      ApplyReport report = Converge.apply(gateway, round, parallelism.lanes(), null);
      for (ResourceResult r : report.results()) {
        if (r.outcome() != Outcome.NOOP) {
          outcomes.put(r.resource(), r);
        } else if (outcomes.containsKey(r.resource())
            && outcomes.get(r.resource()).outcome().isFailure()) {
          outcomes.remove(r.resource());
        }
      }
      if (report.results().stream().noneMatch(r -> r.reason() == Reason.NOT_FOUND)) {
        break;
      }
    }
    outcomes
        .values()
        .forEach(
            r ->
                log(
                    out,
                    r.resource()
                        + " "
                        + r.outcome().label()
                        + (r.reason() == null ? "" : " " + r.reason())
                        + (r.messages().isEmpty() ? "" : ": " + String.join("; ", r.messages()))));
  }

  /**
   * Policies after the networks: rules flushed, jumps removed or containers come and gone are
   * healed here.
   */
  private void enforce(DockerGateway gateway, Manifests loaded, PrintWriter out) {
    PolicyEnforcer.Enforcement e =
        policies.run(gateway, loaded, manifests.project, engine.config(), false, false);
    enforced = e;
    if (e != null && e.changed()) {
      log(
          out,
          "netfilter: "
              + e.summary().size()
              + " change(s) for "
              + loaded.policies().size()
              + " policies");
    }
  }

  /**
   * Whether our chains or jumps differ from what the last round installed (someone changed
   * netfilter).
   */
  private boolean policyDrift(PrintWriter err) {
    PolicyEnforcer.Enforcement e = enforced;
    if (e == null || (e.compiled().ipv4().isEmpty() && e.compiled().ipv6().isEmpty())) {
      return false;
    }
    try {
      for (Family f : Family.values()) {
        if (!NetfilterChange.between(e.compiled().rules(f), new Netfilter().read(f)).isEmpty()) {
          log(err, "netfilter drift (" + f.tool() + "): policy rules changed outside dockernet");
          return true;
        }
      }
    } catch (Netfilter.NetfilterException ex) {
      return true;
    }
    return false;
  }

  /** The files -f names (standard input is read once), with their times and sizes. */
  private String fingerprint() {
    TreeMap<String, String> files = new TreeMap<>();
    for (Path root : manifests.paths) {
      if (root.equals(ManifestLoader.STDIN)) {
        continue;
      }
      try {
        List<Path> read =
            Files.isDirectory(root)
                ? ManifestLoader.manifestFiles(root, manifests.recursive)
                : List.of(root);
        for (Path p : read) {
          try {
            files.put(p.toString(), Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p));
          } catch (IOException e) {
            files.put(p.toString(), "unreadable");
          }
        }
      } catch (UncheckedIOException e) {
        files.put(root.toString(), "missing");
      }
    }
    return files.toString();
  }

  private static void log(PrintWriter w, String message) {
    w.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
    w.flush();
  }

  /**
   * Any network change or container start may be drift (or a new selector match): converge again.
   */
  private final class DriftListener implements EngineEvents {
    @Override
    public void onEvent(EngineEvent event) {
      boolean relevant =
          "network".equals(event.type())
              ? NETWORK_ACTIONS.contains(event.action())
              : CONTAINER_ACTIONS.contains(event.action());
      if (relevant) {
        trigger.fire();
      }
    }

    @Override
    public void resync() {
      trigger.fire();
    }
  }

  /** Coalesces many events into one pending round. */
  static final class Trigger {
    private boolean fired;

    synchronized void fire() {
      fired = true;
      notifyAll();
    }

    /** Waits up to {@code timeout}; true when fired (and resets). */
    synchronized boolean await(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!fired) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      fired = false;
      return true;
    }
  }
}
