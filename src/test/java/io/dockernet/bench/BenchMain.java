package io.dockernet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The benchmark harness (issue 5). Every scenario runs the product and its baselines in the same
 * run, on the same engine, in an order that rotates each trial, so that noise from other work on
 * the machine hits all of them; figures are medians. Prints a table and writes JSON.
 *
 * <pre>
 * java -cp TEST_CLASSPATH io.dockernet.bench.BenchMain [--sizes 10,50,200] [--trials 10:5,50:5,200:3]
 *   [--ansible-trials 3] [--no-ansible] [--drift-trials 20] [--footprint-trials 10] [--jmh]
 *   [--no-operator | --operator-only]
 *   [--only operator-scale [--scale-resources 10000] [--scale-hosts 10] [--scale-engines 10]
 *     [--scale-real 1.0] [--scale-idle-seconds 60] [--scale-drift-trials 10]]
 *   [--jar target/dockernet.jar] [--out target/bench/results.json]
 *   [--only parallel [--parallel-trials 3] | --only fleet [--fleet-trials 3] [--fleet-no-cli | --fleet-no-operator]
 *      [--fleet-warm | --fleet-warm-rounds N] [--fleet-profile libasyncProfiler.so]
 *    | --only startup [--startup-trials 10] [--startup-java /usr/lib/jvm/JDK/bin/java | none]]
 * </pre>
 */
public final class BenchMain {

  /** What to run; defaults are the full run that docs/benchmarks.md reports. */
  static final class Options {
    List<Integer> sizes = List.of(10, 50, 200);
    Map<Integer, Integer> trials = new TreeMap<>(Map.of(10, 5, 50, 5, 200, 3));
    int defaultTrials = 3;
    int ansibleTrials = 3;
    boolean ansible = true;
    int driftTrials = 20;
    int footprintTrials = 10;
    boolean jmh;
    Path jar = Path.of("target/dockernet.jar");
    Path launcher = Path.of("bin/dockernet");
    Path seed = Path.of("examples/seed");
    Path crds = Path.of("crds");
    boolean operator = true;
    int operatorResources = 1000;

    /**
     * The shipped options (Dockerfile, deploy/deployment.yaml, the chart), with MaxRAM standing in
     * for the 512 MiB container limit the JVM would see there: 25 % of it, a 128 MiB heap.
     */
    String operatorJvm =
        "-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:MaxRAM=512m -XX:+ExitOnOutOfMemoryError";

    boolean cli = true;

    // Issue 15's engine scenarios, each alone: --only parallel (ParallelBench), --only fleet
    // (FleetBench).
    String only;
    int parallelTrials = 3;
    int fleetTrials = 3;
    // --only fleet's contenders: the CLI (apply) and the operator; either can be left out.
    boolean fleetCli = true;
    boolean fleetOperator = true;

    /** Operator trials converge and remove their networks once, untimed, before the clock. */
    /** Untimed converge-and-remove rounds of the whole fleet before each operator trial's clock. */
    int fleetWarm = 0;

    /** async-profiler's library: profile each operator trial's timed window (FleetBench). */
    Path fleetProfile;

    // Issue 15 target 4 (OperatorFleet): --only operator-scale.
    int scaleResources = 10_000;
    int scaleHosts = 10;
    int scaleEngines = 10;
    double scaleReal = 1.0;
    int scaleIdleSeconds = 60;
    int scaleDriftTrials = 10;
    int scaleTimeoutSeconds = 900;

    // Scenario 7, start-up (Startup): in the full run, or alone with --only startup.
    int startupTrials = 10;
    Path startupJava = Startup.newerJava();

    Path out = Path.of("target/bench/results.json");
    Layout.Space space = Layout.Space.FULL;
    String image = System.getProperty("dockernet.test.image", "dockernet/busybox:local");

    int trialsFor(int n) {
      return trials.getOrDefault(n, defaultTrials);
    }

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--sizes" -> o.sizes = ints(args[++i]);
          case "--trials" -> {
            o.trials = new TreeMap<>();
            for (String part : args[++i].split(",")) {
              if (part.contains(":")) {
                o.trials.put(
                    Integer.parseInt(part.split(":")[0]), Integer.parseInt(part.split(":")[1]));
              } else {
                o.defaultTrials = Integer.parseInt(part);
              }
            }
          }
          case "--ansible-trials" -> o.ansibleTrials = Integer.parseInt(args[++i]);
          case "--no-ansible" -> o.ansible = false;
          case "--drift-trials" -> o.driftTrials = Integer.parseInt(args[++i]);
          case "--footprint-trials" -> o.footprintTrials = Integer.parseInt(args[++i]);
          case "--jmh" -> o.jmh = true;
          case "--jar" -> o.jar = Path.of(args[++i]);
          case "--launcher" -> o.launcher = Path.of(args[++i]);
          case "--seed" -> o.seed = Path.of(args[++i]);
          case "--out" -> o.out = Path.of(args[++i]);
          case "--smoke-space" -> o.space = Layout.Space.SMOKE;
          case "--no-operator" -> o.operator = false;
          case "--operator-resources" -> o.operatorResources = Integer.parseInt(args[++i]);
          case "--operator-jvm" -> o.operatorJvm = args[++i];
          case "--operator-only" -> o.cli = false;
          case "--only" -> {
            o.only = args[++i];
            if (!List.of("parallel", "fleet", "operator-scale", "startup").contains(o.only)) {
              throw new IllegalArgumentException(
                  "--only takes: parallel, fleet, operator-scale, startup");
            }
            o.cli = false;
            o.operator = false;
          }
          case "--parallel-trials" -> o.parallelTrials = Integer.parseInt(args[++i]);
          case "--fleet-trials" -> o.fleetTrials = Integer.parseInt(args[++i]);
          case "--fleet-no-cli" -> o.fleetCli = false;
          case "--fleet-no-operator" -> o.fleetOperator = false;
          case "--fleet-warm" -> o.fleetWarm = Math.max(o.fleetWarm, 1);
          case "--fleet-warm-rounds" -> {
            o.fleetWarm = Integer.parseInt(args[++i]);
            if (o.fleetWarm < 0) {
              throw new IllegalArgumentException(
                  "--fleet-warm-rounds takes 0 or more, not " + args[i]);
            }
          }
          case "--fleet-profile" -> {
            // Checked now: jcmd would only refuse it minutes into the run, at the first trial.
            o.fleetProfile = Path.of(args[++i]);
            if (!Files.isRegularFile(o.fleetProfile)) {
              throw new IllegalArgumentException(
                  "--fleet-profile: no such file "
                      + o.fleetProfile
                      + " (async-profiler's libasyncProfiler.so)");
            }
          }
          case "--scale-resources" -> o.scaleResources = Integer.parseInt(args[++i]);
          case "--scale-hosts" -> o.scaleHosts = Integer.parseInt(args[++i]);
          case "--scale-engines" -> o.scaleEngines = Integer.parseInt(args[++i]);
          case "--scale-real" -> o.scaleReal = Double.parseDouble(args[++i]);
          case "--scale-idle-seconds" -> o.scaleIdleSeconds = Integer.parseInt(args[++i]);
          case "--scale-drift-trials" -> o.scaleDriftTrials = Integer.parseInt(args[++i]);
          case "--scale-timeout-seconds" -> o.scaleTimeoutSeconds = Integer.parseInt(args[++i]);
          case "--startup-trials" -> o.startupTrials = Integer.parseInt(args[++i]);
          case "--startup-java" ->
              o.startupJava = args[++i].equals("none") ? null : Path.of(args[i]);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return o;
    }

    private static List<Integer> ints(String csv) {
      List<Integer> r = new ArrayList<>();
      for (String s : csv.split(",")) {
        if (!s.isBlank() && !s.trim().equals("none")) {
          r.add(Integer.parseInt(s.trim()));
        }
      }
      return r;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> results = run(options, System.out);
    System.out.println("results: " + options.out.toAbsolutePath());
    System.exit(Boolean.TRUE.equals(results.get("ok")) ? 0 : 1);
  }

  /** Runs what the options ask for; returns the JSON tree it also writes to {@code options.out}. */
  public static Map<String, Object> run(Options options, PrintStream log) throws Exception {
    Files.createDirectories(options.out.toAbsolutePath().getParent());
    Path work = options.out.toAbsolutePath().getParent().resolve("work");
    Files.createDirectories(work);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe(work));
    json.put(
        "options",
        Map.of(
            "sizes",
            options.sizes,
            "trials",
            options.trials,
            "ansible",
            options.ansible,
            "ansibleTrials",
            options.ansibleTrials,
            "driftTrials",
            options.driftTrials));
    Report report = new Report();
    try (BenchEngine engine = new BenchEngine(options.space)) {
      Runners runners = new Runners(options, work);
      if (options.cli) {
        runners.warmUp(engine, log);
      }
      Converge converge = new Converge(options, engine, runners, work, log);
      if (options.cli) {
        List<Object> sizes = new ArrayList<>();
        for (int n : options.sizes) {
          sizes.add(converge.run(n, report));
          json.put("converge", sizes);
          write(options, json); // partial results survive a later failure
        }
        if (options.driftTrials > 0) {
          json.put("drift", new Drift(options, engine, runners, work, log).run(report));
        }
        if (options.footprintTrials > 0) {
          json.put("footprint", new Footprint(options, runners, work, log).run(report));
        }
        if (options.startupTrials > 0) {
          json.put("startup", new Startup(options, work, log).run(report));
          write(options, json);
        }
      }
      if (options.cli) {
        engine.removeContainers();
      }
      if (options.operator) {
        json.put("operator", new OperatorScale(options, work, log).run(report));
      }
      if ("operator-scale".equals(options.only)) {
        json.put("operatorAtScale", new OperatorFleet(options, work, log).run(report));
        write(options, json);
      }
    }
    if (options.jmh && options.cli) {
      json.put("planner", PlannerScale.run(options, work, log, report));
    }
    if ("parallel".equals(options.only)) {
      json.put(
          "parallel",
          new ParallelBench(options, new Runners(options, work), work, log).run(report));
    } else if ("fleet".equals(options.only)) {
      json.put("fleet", new FleetBench(options, work, log).run(report));
    } else if ("startup".equals(options.only)) {
      json.put("startup", new Startup(options, work, log).run(report));
    }
    json.put("table", report.rows());
    json.putAll(verdict(json));
    report.print(log);
    log.println(
        "ok: "
            + json.get("ok")
            + " problems: "
            + json.get("problems")
            + " targets: "
            + json.get("targets"));
    write(options, json);
    return json;
  }

  /**
   * Computed from what the run observed: {@code ok} only when every scenario checked its own result
   * (a converged re-apply writes nothing, every drift trial healed, every operator resource Ready),
   * with the failures in {@code problems}; {@code targets} counts the table's targets met and names
   * the missed ones (a missed target is a finding, not a broken run).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> verdict(Map<String, Object> json) {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> size :
        (List<Map<String, Object>>) json.getOrDefault("converge", List.of())) {
      Map<String, Object> calls = (Map<String, Object>) size.getOrDefault("calls", Map.of());
      for (String run : List.of("reapply", "afterIncremental")) {
        Object c = calls.get(run);
        long writes = c == null ? -1 : Runners.writes((Map<String, Long>) c);
        if (writes != 0) {
          problems.add(
              "converge N="
                  + size.get("n")
                  + ": "
                  + run
                  + (c == null ? " not measured" : " wrote " + writes + " times"));
        }
      }
    }
    failures(json.get("drift"), "drift", problems);
    Object operator = json.get("operator");
    if (operator instanceof Map<?, ?> op) {
      failures(op.get("drift"), "operator drift", problems);
      if (op.get("scale") instanceof Map<?, ?> scale
          && !Objects.equals(scale.get("ready"), scale.get("resources"))) {
        problems.add(
            "operator scale: " + scale.get("ready") + " of " + scale.get("resources") + " Ready");
      }
    }
    OperatorFleet.problems(json.get("operatorAtScale"), problems);
    int met = 0;
    List<String> missed = new ArrayList<>();
    for (Map<String, String> row :
        (List<Map<String, String>>) json.getOrDefault("table", List.of())) {
      if ("yes".equals(row.get("met"))) {
        met++;
      } else if ("NO".equals(row.get("met"))) {
        missed.add(
            row.get("scenario")
                + ": "
                + row.get("figure")
                + " = "
                + row.get("value")
                + " (target "
                + row.get("target")
                + ")");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", problems.isEmpty());
    out.put("problems", problems);
    out.put("targets", Map.of("met", met, "missed", missed));
    return out;
  }

  private static void failures(Object scenario, String name, List<String> problems) {
    if (scenario instanceof Map<?, ?> m && !Objects.equals(m.get("failures"), 0)) {
      problems.add(name + ": " + m.get("failures") + " trials did not heal");
    }
  }

  private static void write(Options options, Map<String, Object> json) throws java.io.IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.out.toFile(), json);
  }
}
