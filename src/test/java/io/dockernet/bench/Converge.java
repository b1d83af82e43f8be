package io.dockernet.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scenarios 1-3 for one size N: cold converge (product and baselines, order rotating per trial),
 * converged re-apply (product and Ansible's idempotent re-run), and an incremental change (calls
 * counted, once per size: they do not vary between trials).
 */
final class Converge {
  private static final String S1 = "1 cold converge";
  private static final String S2 = "2 re-apply";
  private static final String S3 = "3 incremental";

  private final BenchMain.Options options;
  private final BenchEngine engine;
  private final Runners runners;
  private final Path work;
  private final PrintStream log;

  Converge(
      BenchMain.Options options, BenchEngine engine, Runners runners, Path work, PrintStream log) {
    this.options = options;
    this.engine = engine;
    this.runners = runners;
    this.work = work;
    this.log = log;
  }

  private record Contender(String name, Supplier<Proc.Result> cold, boolean aliases) {}

  Map<String, Object> run(int n, Report report) throws Exception {
    Layout layout = Layout.of(options.space, n);
    Path dir = work.resolve("n" + n);
    Path manifests = dir.resolve("manifests");
    Path changed = dir.resolve("changed");
    layout.writeManifests(manifests);
    layout.changed().writeManifests(changed);
    layout.writeCalls(dir.resolve("calls.txt"));
    layout.writeCliLoop(dir.resolve("loop.sh"));
    layout.writePlaybook(dir.resolve("playbook.yml"));
    engine.removeNetworks();
    engine.startContainers(layout.containers(), options.image);
    String m = manifests.toString();

    Map<String, Stats> cold = new LinkedHashMap<>();
    Map<String, Stats> reapply = new LinkedHashMap<>();
    Map<String, Stats> callsOnly = new LinkedHashMap<>();
    Map<String, Object> calls = new LinkedHashMap<>();
    List<Contender> contenders =
        new ArrayList<>(
            List.of(
                new Contender(
                    "product (java -jar)",
                    () ->
                        runners.product(
                            "apply", "-f", m, "--project", options.space.project(), "--stats"),
                    true),
                new Contender(
                    "product (bin/dockernet, AppCDS)",
                    () -> runners.launcher("apply", "-f", m, "--project", options.space.project()),
                    true),
                new Contender(
                    "floor sequential", () -> runners.floor(dir.resolve("calls.txt"), 1), true),
                new Contender(
                    "floor 8 at a time", () -> runners.floor(dir.resolve("calls.txt"), 8), true),
                new Contender(
                    "docker CLI loop", () -> runners.shell(dir.resolve("loop.sh")), true)));
    boolean ansible = options.ansible && Runners.ansibleAvailable();
    if (ansible) {
      contenders.add(
          new Contender(
              "ansible docker_network", () -> runners.ansible(dir.resolve("playbook.yml")), false));
    }
    contenders.forEach(c -> cold.put(c.name(), new Stats()));
    int trials = options.trialsFor(n);
    for (int t = 0; t < trials; t++) {
      for (int i = 0; i < contenders.size(); i++) {
        Contender c = contenders.get((i + t) % contenders.size());
        if (c.name().startsWith("ansible") && t >= options.ansibleTrials) {
          continue;
        }
        engine.removeNetworks();
        Proc.Result r = c.cold().get().orFail("N=" + n + " " + c.name());
        requireState(layout, c.name());
        cold.get(c.name()).add(r.seconds());
        if (c.name().startsWith("floor")) {
          callsOnly
              .computeIfAbsent(c.name() + ", calls only", k -> new Stats())
              .add(Floor.callSeconds(r.out()));
        }
        log.printf("N=%d trial %d %-32s %7.2f s%n", n, t + 1, c.name(), r.seconds());
        if (c.name().equals("product (java -jar)")) {
          if (t == 0) {
            calls.put("cold", Runners.calls(r));
          }
          afterProductCold(n, t, m, changed, layout, reapply, calls);
        } else if (c.name().startsWith("ansible")) {
          Proc.Result again = runners.ansible(dir.resolve("playbook.yml")).orFail("ansible re-run");
          reapply
              .computeIfAbsent("ansible idempotent re-run", k -> new Stats())
              .add(again.seconds());
          log.printf("N=%d trial %d %-32s %7.2f s%n", n, t + 1, "ansible re-run", again.seconds());
        }
      }
    }
    engine.removeNetworks();
    return summarize(n, layout, cold, callsOnly, reapply, calls, report);
  }

  /** Scenario 2 (each trial) and 3 (first trial) on the state the product just converged. */
  private void afterProductCold(
      int n,
      int t,
      String m,
      Path changed,
      Layout layout,
      Map<String, Stats> reapply,
      Map<String, Object> calls) {
    // The first re-apply inspects the containers the cold apply connected (their endpoints are
    // new);
    // from the second on, the endpoint cache answers and a re-apply reads 3 calls.
    Proc.Result first =
        runners
            .product("apply", "-f", m, "--project", options.space.project(), "--stats")
            .orFail("re-apply");
    Proc.Result cds =
        runners
            .launcher("apply", "-f", m, "--project", options.space.project(), "--stats")
            .orFail("re-apply (launcher)");
    Proc.Result plain =
        runners
            .product("apply", "-f", m, "--project", options.space.project(), "--stats")
            .orFail("re-apply");
    reapply
        .computeIfAbsent("product (java -jar), first after cold", k -> new Stats())
        .add(first.seconds());
    reapply.computeIfAbsent("product (bin/dockernet, AppCDS)", k -> new Stats()).add(cds.seconds());
    reapply.computeIfAbsent("product (java -jar)", k -> new Stats()).add(plain.seconds());
    log.printf(
        "N=%d trial %d %-32s %7.2f s first %s, %.2f s (AppCDS), %.2f s %s%n",
        n,
        t + 1,
        "product re-apply",
        first.seconds(),
        Runners.calls(first),
        cds.seconds(),
        plain.seconds(),
        Runners.calls(plain));
    if (t == 0) {
      calls.put("reapplyFirst", Runners.calls(first));
      calls.put("reapply", Runners.calls(plain));
      Proc.Result inc =
          runners
              .product(
                  "apply",
                  "-f",
                  changed.toString(),
                  "--project",
                  options.space.project(),
                  "--stats")
              .orFail("incremental apply");
      calls.put("incremental", Runners.calls(inc));
      calls.put("incrementalSeconds", inc.seconds());
      requireState(layout, "incremental apply");
      Proc.Result after =
          runners
              .product(
                  "apply",
                  "-f",
                  changed.toString(),
                  "--project",
                  options.space.project(),
                  "--stats")
              .orFail("apply after incremental");
      calls.put("afterIncremental", Runners.calls(after));
    }
  }

  private void requireState(Layout layout, String what) {
    engine.requireConverged(layout, "N=" + layout.n() + " " + what);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> summarize(
      int n,
      Layout layout,
      Map<String, Stats> cold,
      Map<String, Stats> callsOnly,
      Map<String, Stats> reapply,
      Map<String, Object> calls,
      Report report) {
    String p = "product (java -jar)";
    String s1 = S1 + " N=" + n;
    for (var e : cold.entrySet()) {
      report.add(
          s1,
          e.getKey() + " median of " + e.getValue().samples.size(),
          Report.sec(e.getValue().median()));
    }
    for (var e : callsOnly.entrySet()) {
      report.add(s1, e.getKey() + " (no JVM start), median", Report.sec(e.getValue().median()));
    }
    double seqFloor = cold.get("floor sequential").median();
    double parFloor = cold.get("floor 8 at a time").median();
    double loop = cold.get("docker CLI loop").median();
    Stats ansibleCold = cold.get("ansible docker_network");
    for (String variant : List.of(p, "product (bin/dockernet, AppCDS)")) {
      double v = cold.get(variant).median();
      String who = variant.equals(p) ? "product" : "bin/dockernet";
      report.add(
          s1,
          who + " / floor sequential",
          Report.ratio(v / seqFloor),
          "≤ 1.00×",
          v / seqFloor <= 1.0);
      report.add(
          s1,
          who + " / floor 8 at a time",
          Report.ratio(v / parFloor),
          "≤ 1.15×",
          v / parFloor <= 1.15);
      report.add(
          s1, who + " / docker CLI loop", Report.ratio(v / loop), "≤ 0.75×", v / loop <= 0.75);
      if (ansibleCold != null) {
        double r = v / ansibleCold.median();
        report.add(s1, who + " / ansible", Report.ratio(r), "≤ 0.30×", r <= 0.30);
      }
    }
    // The engine's own time for these calls (the faster floor without JVM start or manifests): the
    // lowest ratio any tool could reach against the baselines on this engine.
    double engineAlone =
        callsOnly.values().stream().mapToDouble(Stats::median).min().orElse(Double.NaN);
    report.add(
        s1,
        "engine alone (faster floor, calls only) / docker CLI loop",
        Report.ratio(engineAlone / loop));
    if (ansibleCold != null) {
      report.add(
          s1,
          "engine alone (faster floor, calls only) / ansible",
          Report.ratio(engineAlone / ansibleCold.median()));
    }
    Map<String, Long> coldCalls = (Map<String, Long>) calls.get("cold");
    report.add(s1, "product engine calls", describe(coldCalls));

    String s2 = S2 + " N=" + n;
    Map<String, Long> reFirst = (Map<String, Long>) calls.get("reapplyFirst");
    Map<String, Long> re = (Map<String, Long>) calls.get("reapply");
    report.add(s2, "product engine calls, first re-apply after cold", describe(reFirst));
    report.add(s2, "product engine calls, later re-apply", describe(re));
    report.add(
        s2,
        "product writes",
        Long.toString(Runners.writes(reFirst) + Runners.writes(re)),
        "0",
        Runners.writes(reFirst) + Runners.writes(re) == 0);
    report.add(
        s2,
        "product reads, later re-apply",
        Long.toString(Runners.reads(re)),
        "constant (3)",
        Runners.reads(re) == 3);
    for (var e : reapply.entrySet()) {
      report.add(
          s2,
          e.getKey() + " median of " + e.getValue().samples.size(),
          Report.sec(e.getValue().median()));
    }
    double reProduct = reapply.get(p).median();
    double reCds = reapply.get("product (bin/dockernet, AppCDS)").median();
    report.add(s2, "product (java -jar) wall", Report.sec(reProduct), "≤ 1.5 s", reProduct <= 1.5);
    report.add(
        s2, "product (bin/dockernet, AppCDS) wall", Report.sec(reCds), "≤ 1.5 s", reCds <= 1.5);
    Stats ansibleRe = reapply.get("ansible idempotent re-run");
    if (ansibleRe != null) {
      double r = reProduct / ansibleRe.median();
      report.add(s2, "product / ansible re-run", Report.ratio(r), "≤ 0.25×", r <= 0.25);
    }

    String s3 = S3 + " N=" + n;
    Map<String, Long> inc = (Map<String, Long>) calls.get("incremental");
    int touched = layout.attachmentsTouchedByChange();
    // Each touched attachment: disconnect + connect; the re-subnetted network: remove + create, and
    // create + remove of its recreate journal (a config-only network recording the endpoints).
    long expectedWrites = 2L * touched + 4;
    report.add(s3, "product engine calls", describe(inc));
    report.add(
        s3,
        "product writes",
        Long.toString(Runners.writes(inc)),
        "= " + expectedWrites + " (" + touched + " endpoints × 2 + remove/create + journal)",
        Runners.writes(inc) == expectedWrites);
    Map<String, Long> after = (Map<String, Long>) calls.get("afterIncremental");
    report.add(
        s3,
        "writes of the apply after it",
        Long.toString(Runners.writes(after)),
        "0",
        Runners.writes(after) == 0);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n", n);
    json.put("containers", layout.containers().size());
    json.put("attachments", layout.attachments().size());
    json.put("cold", samples(cold));
    json.put("floorCallsOnly", samples(callsOnly));
    json.put("reapply", samples(reapply));
    json.put("calls", calls);
    return json;
  }

  static String describe(Map<String, Long> calls) {
    return Runners.writes(calls) + " writes, " + Runners.reads(calls) + " reads " + calls;
  }

  static Map<String, Object> samples(Map<String, Stats> stats) {
    Map<String, Object> r = new LinkedHashMap<>();
    stats.forEach(
        (k, s) -> r.put(k, Map.of("median", s.median(), "max", s.max(), "samples", s.samples)));
    return r;
  }
}
