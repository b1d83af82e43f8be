package io.dockernet.bench;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: {@code dockernet watch} runs; by hand (docker CLI) we cut an endpoint (even trials)
 * or remove a network (odd trials). Time from the engine's event for the drift (disconnect /
 * destroy) to its event for the repair (connect / create), both seen on one event stream. Removed
 * networks have no endpoints (the engine refuses to remove a network in use, and watch would
 * reconnect a disconnected endpoint before the remove could run).
 */
final class Drift {
  private static final String S4 = "4 drift healing (watch)";
  private static final double TIMEOUT_S = 15;

  private final BenchMain.Options options;
  private final BenchEngine engine;
  private final Runners runners;
  private final Path work;
  private final PrintStream log;

  Drift(
      BenchMain.Options options, BenchEngine engine, Runners runners, Path work, PrintStream log) {
    this.options = options;
    this.engine = engine;
    this.runners = runners;
    this.work = work;
    this.log = log;
  }

  private record Seen(Event event, long nanos) {}

  Map<String, Object> run(Report report) throws Exception {
    Layout.Space space = options.space;
    Layout layout = Layout.of(space, 10);
    Path dir = work.resolve("drift");
    layout.writeManifests(dir);
    StringBuilder empty = new StringBuilder();
    List<String> emptyNets = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      String name = space.prefix() + "e" + k;
      emptyNets.add(name);
      empty
          .append(
              "---\napiVersion: dockernet.io/v1alpha1\nkind: DockerNetwork\nmetadata:\n  name: ")
          .append(name)
          .append("\nspec:\n  labels:\n    ")
          .append(Layout.LABEL)
          .append(": \"")
          .append(space.labelValue())
          .append("\"\n  ipam:\n    config:\n      - subnet: 10.124.")
          .append(space.emptyBase() + k)
          .append(".0/24\n");
    }
    Files.writeString(dir.resolve("empty-networks.yaml"), empty);
    engine.removeNetworks();
    engine.startContainers(layout.containers(), options.image);
    Map<String, String> ids = new LinkedHashMap<>();
    for (String c : layout.containers()) {
      ids.put(c, engine.client().inspectContainerCmd(c).exec().getId());
    }

    BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
    Closeable stream =
        engine
            .client()
            .eventsCmd()
            .withEventTypeFilter(EventType.NETWORK)
            .exec(
                new ResultCallback.Adapter<Event>() {
                  @Override
                  public void onNext(Event e) {
                    events.add(new Seen(e, System.nanoTime()));
                  }
                });
    Path out = work.resolve("watch.out");
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "-jar",
                options.jar.toAbsolutePath().toString(),
                "watch",
                "-f",
                dir.toString(),
                "--project",
                options.space.project() + "-watch")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Process watch = pb.start();
    Stats cut = new Stats();
    Stats removed = new Stats();
    Stats fromCli = new Stats();
    int failures = 0;
    try {
      awaitConverged(layout, emptyNets.size(), watch);
      for (int t = 0; t < options.driftTrials; t++) {
        events.clear();
        boolean cutTrial = t % 2 == 0;
        String network;
        String expectDrift;
        String expectRepair;
        String container = null;
        Proc.Result manual;
        if (cutTrial) {
          Layout.Attachment a = layout.attachments().get((t / 2 * 7) % layout.attachments().size());
          network = a.network();
          container = ids.get(a.container());
          manual =
              Proc.run(
                  work,
                  Map.of(),
                  List.of("docker", "network", "disconnect", network, a.container()));
          expectDrift = "disconnect";
          expectRepair = "connect";
        } else {
          network = emptyNets.get((t / 2) % emptyNets.size());
          manual = Proc.run(work, Map.of(), List.of("docker", "network", "rm", network));
          expectDrift = "destroy";
          expectRepair = "create";
        }
        long cliReturned = System.nanoTime();
        manual.orFail("drift by hand");
        Long driftAt = null;
        Long repairedAt = null;
        long deadline = System.nanoTime() + (long) (TIMEOUT_S * 1e9);
        while (repairedAt == null && System.nanoTime() < deadline) {
          Seen s = events.poll(100, TimeUnit.MILLISECONDS);
          if (s == null) {
            continue;
          }
          if (!network.equals(attr(s.event(), "name"))) {
            continue;
          }
          boolean sameContainer =
              container == null || container.equals(attr(s.event(), "container"));
          if (driftAt == null && expectDrift.equals(s.event().getAction()) && sameContainer) {
            driftAt = s.nanos();
          } else if (driftAt != null
              && expectRepair.equals(s.event().getAction())
              && sameContainer) {
            repairedAt = s.nanos();
          }
        }
        if (driftAt == null || repairedAt == null) {
          failures++;
          log.printf(
              "drift trial %d (%s %s): not healed within %.0f s%n",
              t + 1, expectDrift, network, TIMEOUT_S);
          (cutTrial ? cut : removed).add(TIMEOUT_S);
          continue;
        }
        double healed = (repairedAt - driftAt) / 1e9;
        (cutTrial ? cut : removed).add(healed);
        fromCli.add(Math.max(0, (repairedAt - cliReturned) / 1e9));
        log.printf(
            "drift trial %d %-10s %-8s healed in %.3f s (%.3f s after the docker CLI returned)%n",
            t + 1, expectDrift, network, healed, (repairedAt - cliReturned) / 1e9);
        awaitConverged(layout, emptyNets.size(), watch);
      }
    } finally {
      watch.destroy(); // SIGTERM: watch stops cleanly
      watch.waitFor(15, TimeUnit.SECONDS);
      stream.close();
      engine.removeNetworks();
    }
    Stats all = new Stats();
    cut.samples.forEach(all::add);
    removed.samples.forEach(all::add);
    report.add(
        S4,
        "endpoint cut: median / worst of " + cut.samples.size(),
        Report.sec(cut.median()) + " / " + Report.sec(cut.max()));
    report.add(
        S4,
        "network removed: median / worst of " + removed.samples.size(),
        Report.sec(removed.median()) + " / " + Report.sec(removed.max()));
    report.add(S4, "all trials median", Report.sec(all.median()), "≤ 1 s", all.median() <= 1.0);
    report.add(
        S4, "all trials worst", Report.sec(all.max()), "≤ 3 s", all.max() <= 3.0 && failures == 0);
    report.add(S4, "from the docker CLI's return: median", Report.sec(fromCli.median()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("endpointCut", cut.samples);
    json.put("networkRemoved", removed.samples);
    json.put("fromCliReturn", fromCli.samples);
    json.put("failures", failures);
    return json;
  }

  private static String attr(Event e, String key) {
    return e.getActor() == null || e.getActor().getAttributes() == null
        ? null
        : e.getActor().getAttributes().get(key);
  }

  private void awaitConverged(Layout layout, int emptyNetworks, Process watch)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!watch.isAlive()) {
        throw new IllegalStateException(
            "watch exited " + watch.exitValue() + "; see " + work.resolve("watch.out"));
      }
      BenchEngine.State s = engine.state();
      if (s.networks() == layout.networks().size() + emptyNetworks
          && s.endpoints() == layout.attachments().size()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("watch did not converge; see " + work.resolve("watch.out"));
  }
}
