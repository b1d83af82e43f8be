package io.dockernet.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.testing.SecondDockerd;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Issue 15, target 3 ({@code --only fleet}): one {@code apply} over a fleet of 4 engines (private
 * dockerds over TLS, as the reliability tests start them), 30 networks each, against each engine
 * converged alone by the same command; order rotating every trial. Target: the fleet ≤ 1.2 × the
 * slowest single engine (engines converge side by side, not one after another). The sum of the
 * single engines is what converging them in sequence would cost. Beside the CLI, in its rotation,
 * the cold floor ({@link FleetFloor}: the smallest JVM tool that does the same creates). The same
 * for {@code dockernet operator} serving 4 DockerHosts ({@link #operator}), in the same run on the
 * same engines. Subnets 10.236.128-247.0/24.
 */
final class FleetBench {
  static final int ENGINES = 4;
  static final int NETWORKS = 30;
  static final String TARGET = "≤ 1.20×";
  static final double BOUND = 1.2;
  private static final List<Integer> ALL = IntStream.range(0, ENGINES).boxed().toList();

  private final BenchMain.Options options;
  private final Path work;
  private final PrintStream log;

  FleetBench(BenchMain.Options options, Path work, PrintStream log) {
    this.options = options;
    this.work = work;
    this.log = log;
  }

  Map<String, Object> run(Report report) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("load", ParallelBench.load());
    List<SecondDockerd> engines = new ArrayList<>();
    try {
      for (int k = 0; k < ENGINES; k++) {
        engines.add(SecondDockerd.start());
      }
      Path dir = work.resolve("fleet");
      Path tls = dir.resolve("tls");
      List<String> fleetArgs = new ArrayList<>(List.of("apply"));
      List<List<String>> singles = new ArrayList<>();
      for (int k = 0; k < ENGINES; k++) {
        Path host = dir.resolve("e" + k);
        writeEngine(k, engines.get(k), host, tls.resolve("e" + k));
        singles.add(List.of("apply", "-f", host.toString(), "--project", "bench-fleet"));
        fleetArgs.addAll(List.of("-f", host.toString()));
      }
      fleetArgs.addAll(List.of("--project", "bench-fleet"));
      Map<String, String> env = Map.of("DOCKERNET_TLS_DIR", tls.toString());

      json.put("engines", ENGINES);
      json.put("networksPerEngine", NETWORKS);
      json.put("floor", floor(engines, tls, report));
      if (options.fleetCli) {
        String jar = options.jar.toAbsolutePath().toString();
        List<String> names = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        for (int k = 0; k < ENGINES; k++) {
          names.add("engine " + k + " alone");
          commands.add(concat(List.of("java", "-jar", jar), singles.get(k)));
        }
        names.add("fleet of " + ENGINES);
        commands.add(concat(List.of("java", "-jar", jar), fleetArgs));
        // The cold floors, in the same rotation: a bare JVM per contender (FleetFloor), with
        // docker-java, and with the JDK's own TLS sockets.
        for (String floor : List.of(COLD, JDK_COLD)) {
          List<String> java = coldFloorJava(floor.equals(JDK_COLD));
          List<String> floorFleet = new ArrayList<>();
          for (int k = 0; k < ENGINES; k++) {
            List<String> triple = coldFloorArgs(k, engines.get(k), dir, tls.resolve("e" + k));
            names.add(floor + "engine " + k + " alone");
            commands.add(concat(java, triple));
            floorFleet.addAll(triple);
          }
          names.add(floor + "fleet of " + ENGINES);
          commands.add(concat(java, floorFleet));
        }
        Map<String, Stats> times = statsFor(names);
        for (int t = 0; t < options.fleetTrials; t++) {
          for (int i = 0; i < names.size(); i++) {
            int c = (i + t) % names.size();
            engines.forEach(FleetBench::removeNetworks);
            Proc.Result r = Proc.run(work, env, commands.get(c)).orFail("fleet: " + names.get(c));
            int expected = names.get(c).endsWith("alone") ? NETWORKS : NETWORKS * ENGINES;
            int found = engines.stream().mapToInt(e -> e.customNetworks().size()).sum();
            if (found != expected) {
              throw new IllegalStateException(
                  names.get(c) + " left " + found + " networks, expected " + expected);
            }
            times.get(names.get(c)).add(r.seconds());
            log.printf(
                "fleet trial %d %-30s %6.2f s (load %s)%n",
                t + 1, names.get(c), r.seconds(), ParallelBench.load());
          }
        }
        engines.forEach(FleetBench::removeNetworks);

        String scenario = "9 fleet, " + ENGINES + " engines × " + NETWORKS + " networks";
        Map<String, Stats> product = new LinkedHashMap<>();
        Map<String, Stats> cold = new LinkedHashMap<>();
        Map<String, Stats> jdk = new LinkedHashMap<>();
        times.forEach(
            (n, v) ->
                (n.startsWith(COLD) ? cold : n.startsWith(JDK_COLD) ? jdk : product).put(n, v));
        double coldRatio = coldRatio(report, scenario, COLD, cold);
        double jdkRatio = coldRatio(report, scenario, JDK_COLD, jdk);
        Singles alone = medians(report, scenario, product, names);
        double slowest = alone.slowest();
        double sum = alone.sum();
        double fleet = times.get("fleet of " + ENGINES).median();
        double ratio = fleet / slowest;
        report.add(
            scenario, "fleet / slowest single engine", Report.ratio(ratio), TARGET, ratio <= BOUND);
        report.add(
            scenario, "fleet / sum of single engines (in sequence)", Report.ratio(fleet / sum));
        json.put("times", Converge.samples(product));
        json.put("slowestSingle", slowest);
        json.put("sumOfSingles", sum);
        json.put("ratioToSlowest", ratio);
        json.put("target", TARGET);
        json.put("verdict", ratio <= BOUND ? "met" : "missed");
        Map<String, Object> coldJson = new LinkedHashMap<>();
        coldJson.put(
            "what",
            "FleetFloor: a fresh JVM (java -cp, as java -jar: no archive, C2) per contender,"
                + " docker-java over TLS, 30 creates 8 at a time per engine, engines side by side;"
                + " JVM start included");
        coldJson.put("times", Converge.samples(cold));
        coldJson.put("ratioToSlowest", coldRatio);
        json.put("coldFloor", coldJson);
        Map<String, Object> jdkJson = new LinkedHashMap<>();
        jdkJson.put(
            "what",
            "FleetFloor --jdk: as the cold floor, the creates over the JDK's own TLS sockets with"
                + " HTTP/1.1 by hand (8 kept-alive connections per engine), no docker-java");
        jdkJson.put("times", Converge.samples(jdk));
        jdkJson.put("ratioToSlowest", jdkRatio);
        json.put("jdkColdFloor", jdkJson);
      }
      if (options.fleetOperator) {
        OperatorFleet harness = new OperatorFleet(options, dir, log);
        json.put("controllerFloor", controllerFloor(engines, tls, harness, report));
        json.put("operator", operator(engines, harness, report));
      }
    } finally {
      engines.forEach(SecondDockerd::close);
    }
    json.put("loadAfter", ParallelBench.load());
    return json;
  }

  /** An empty {@link Stats} per contender, in their order. */
  private static Map<String, Stats> statsFor(List<String> names) {
    Map<String, Stats> stats = new LinkedHashMap<>();
    names.forEach(n -> stats.put(n, new Stats()));
    return stats;
  }

  private static final String COLD = "cold floor: ";
  private static final String JDK_COLD = "JDK cold floor: ";

  /** Reports a cold floor's medians; returns its fleet over its slowest single engine. */
  private static double coldRatio(
      Report report, String scenario, String floor, Map<String, Stats> times) {
    List<String> names = new ArrayList<>(times.keySet()); // the singles, then the fleet
    String name = floor.substring(0, floor.length() - 2);
    double ratio =
        times.get(names.get(ENGINES)).median()
            / medians(report, scenario + " (" + name + ")", times, names).slowest();
    report.add(
        scenario + " (" + name + ")",
        name + ": fleet / slowest single engine",
        Report.ratio(ratio));
    return ratio;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> coldFloorJava(boolean jdk) {
    List<String> java =
        new ArrayList<>(
            List.of(
                "java", "-cp", System.getProperty("java.class.path"), FleetFloor.class.getName()));
    if (jdk) {
      java.add(FleetFloor.JDK);
    }
    return java;
  }

  /** FleetFloor's arguments for engine k: its address, its TLS material, its 30 creates. */
  private static List<String> coldFloorArgs(int k, SecondDockerd engine, Path dir, Path tls)
      throws IOException {
    Path calls = dir.resolve("floor-e" + k + ".calls");
    Files.write(calls, creates(k));
    return List.of(engine.host(), tls.toString(), calls.toString());
  }

  /** {@link Floor}'s calls for engine k: its 30 creates. */
  private static List<String> creates(int k) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < NETWORKS; i++) {
      lines.add("create dnf-" + k + "-" + i + " " + subnet(k, i) + " fleet");
    }
    return lines;
  }

  /** The single engines' medians: the slowest, and their sum (converging them in sequence). */
  private record Singles(double slowest, double sum) {}

  /**
   * Reports every contender's median; {@code names} lists the single engines first, then the fleet.
   */
  private static Singles medians(
      Report report, String scenario, Map<String, Stats> times, List<String> names) {
    for (var e : times.entrySet()) {
      report.add(
          scenario,
          e.getKey() + " median of " + e.getValue().samples.size(),
          Report.sec(e.getValue().median()));
    }
    double slowest = 0;
    double sum = 0;
    for (int k = 0; k < ENGINES; k++) {
      double m = times.get(names.get(k)).median();
      slowest = Math.max(slowest, m);
      sum += m;
    }
    return new Singles(slowest, sum);
  }

  /**
   * The engines' own floor on this machine: {@link Floor#calls} (docker-java, the 30 creates 8 at a
   * time as the product's executor runs them) against one engine alone, or against all four at
   * once, from this JVM with a warm client per engine: the calls only, no JVM start. What the
   * floor's fleet costs over its slowest single engine is what 4 dockerds on one machine allow,
   * whatever drives them; the product's ratio is read against it.
   */
  private Map<String, Object> floor(List<SecondDockerd> engines, Path tls, Report report)
      throws Exception {
    List<String> names = new ArrayList<>();
    List<List<String>> calls = new ArrayList<>();
    for (int k = 0; k < ENGINES; k++) {
      calls.add(creates(k));
      names.add("floor: engine " + k + " alone");
    }
    List<DockerClient> clients = warmClients(engines, tls);
    names.add("floor: fleet of " + ENGINES);
    Map<String, Stats> times = statsFor(names);
    Map<String, Stats> cpu = statsFor(names);
    ExecutorService side = Executors.newFixedThreadPool(ENGINES);
    try {
      for (int t = 0; t < options.fleetTrials; t++) {
        for (int i = 0; i < names.size(); i++) {
          int c = (i + t) % names.size();
          List<Integer> hosts = c < ENGINES ? List.of(c) : ALL;
          engines.forEach(FleetBench::removeNetworks);
          List<Long> dockerds = new ArrayList<>();
          hosts.forEach(k -> dockerds.addAll(dockerdPids(engines.get(k))));
          long ticks0 = ticks(dockerds);
          long start = System.nanoTime();
          List<Future<Double>> running = new ArrayList<>();
          for (int k : hosts) {
            running.add(side.submit(() -> Floor.calls(clients.get(k), calls.get(k), 8)));
          }
          for (Future<Double> f : running) {
            f.get();
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          double dockerdSeconds = (ticks(dockerds) - ticks0) / TICKS;
          int found = 0;
          for (int k : hosts) {
            found += engines.get(k).customNetworks().size();
          }
          if (found != NETWORKS * hosts.size()) {
            throw new IllegalStateException(names.get(c) + " left " + found + " networks");
          }
          times.get(names.get(c)).add(seconds);
          cpu.get(names.get(c)).add(dockerdSeconds);
          log.printf(
              "fleet trial %d %-27s %6.2f s (CPU of its dockerds %.2f s; load %s)%n",
              t + 1, names.get(c), seconds, dockerdSeconds, ParallelBench.load());
        }
      }
    } finally {
      side.shutdownNow();
      for (DockerClient client : clients) {
        client.close();
      }
      engines.forEach(FleetBench::removeNetworks);
    }
    String scenario = "9 fleet (floor), " + ENGINES + " engines × " + NETWORKS + " networks";
    double slowest = medians(report, scenario, times, names).slowest();
    double ratio = times.get(names.get(ENGINES)).median() / slowest;
    report.add(scenario, "floor: fleet / slowest single engine", Report.ratio(ratio));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "what", "docker-java, warm clients in the bench's JVM, 30 creates 8 at a time per engine");
    json.put("times", Converge.samples(times));
    // What the engines themselves spend: the part of any contender's CPU no client can remove.
    json.put("dockerdCpuSeconds", Converge.samples(cpu));
    json.put("slowestSingle", slowest);
    json.put("ratioToSlowest", ratio);
    return json;
  }

  /** A docker-java client per engine, 8 connections, its connection and TLS set up. */
  private static List<DockerClient> warmClients(List<SecondDockerd> engines, Path tls) {
    List<DockerClient> clients = new ArrayList<>();
    for (int k = 0; k < engines.size(); k++) {
      DockerClient client =
          Floor.client(
              DefaultDockerClientConfig.createDefaultConfigBuilder()
                  .withDockerHost(engines.get(k).host())
                  .withDockerTlsVerify(true)
                  .withDockerCertPath(tls.resolve("e" + k).toString())
                  .build(),
              8);
      client.listNetworksCmd().exec(); // before any clock runs
      clients.add(client);
    }
    return clients;
  }

  private static final String CONTROLLER = "controller floor: ";
  private static final String NO_SETTLE = "controller floor, no settle: ";

  /**
   * The operator's floor ({@link ControllerFloor}: informer, the operator's settle window, create,
   * status; nothing else, warm, in this JVM) on the operator's clock ({@link #converge}: a fresh
   * mock API server per trial, the same writers, the engines' create events), with the settle
   * window and without. What its fleet costs over its slowest single engine is what the API server
   * and the engines allow any operator on this machine; the operator's ratio is read against it.
   */
  private Map<String, Object> controllerFloor(
      List<SecondDockerd> engines, Path tls, OperatorFleet harness, Report report)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (String prefix : List.of(CONTROLLER, NO_SETTLE)) {
      for (int k = 0; k < ENGINES; k++) {
        names.add(prefix + "engine " + k + " alone");
      }
      names.add(prefix + "fleet of " + ENGINES);
    }
    Map<String, Stats> times = statsFor(names);
    Map<String, Stats> creates = statsFor(names);
    Map<String, Stats> firsts = statsFor(names);
    List<DockerClient> clients = warmClients(engines, tls);
    List<DockerJavaGateway> readers = new ArrayList<>();
    try {
      for (SecondDockerd e : engines) {
        readers.add(new DockerJavaGateway(e.config()));
      }
      // Its code warm before any clock, as the warm floor's is.
      engines.forEach(FleetBench::removeNetworks);
      floorTrial(harness, clients, readers, ALL, false);
      for (int t = 0; t < options.fleetTrials; t++) {
        for (int i = 0; i < names.size(); i++) {
          int c = (i + t) % names.size();
          int inGroup = c % (ENGINES + 1);
          List<Integer> hosts = inGroup < ENGINES ? List.of(inGroup) : ALL;
          engines.forEach(FleetBench::removeNetworks);
          boolean settle = names.get(c).startsWith(CONTROLLER);
          double[] r = floorTrial(harness, clients, readers, hosts, settle);
          times.get(names.get(c)).add(r[0]);
          creates.get(names.get(c)).add(r[1]);
          firsts.get(names.get(c)).add(r[2]);
          log.printf(
              "fleet trial %d %-40s %6.2f s (creates %.2f s; first network %.2f s; load %s)%n",
              t + 1, names.get(c), r[0], r[1], r[2], ParallelBench.load());
        }
      }
    } finally {
      readers.forEach(DockerJavaGateway::close);
      for (DockerClient client : clients) {
        client.close();
      }
      engines.forEach(FleetBench::removeNetworks);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "what",
        "ControllerFloor: a Fabric8 informer, the operator's settle window (or none), a warm"
            + " docker-java create 8 at a time per engine and one status JSON Patch per network, in"
            + " the bench's JVM; the operator's clock and writers, a fresh mock API server per"
            + " trial");
    json.put("times", Converge.samples(times));
    json.put("createSeconds", Converge.samples(creates));
    json.put("firstNetworkSeconds", Converge.samples(firsts));
    for (String prefix : List.of(CONTROLLER, NO_SETTLE)) {
      List<String> group = names.stream().filter(n -> n.startsWith(prefix)).toList();
      Map<String, Stats> of = new LinkedHashMap<>();
      group.forEach(n -> of.put(n, times.get(n)));
      String scenario =
          "9 fleet ("
              + prefix.substring(0, prefix.length() - 2)
              + "), "
              + ENGINES
              + " engines × "
              + NETWORKS
              + " networks";
      double ratio =
          of.get(group.get(ENGINES)).median() / medians(report, scenario, of, group).slowest();
      report.add(scenario, prefix + "fleet / slowest single engine", Report.ratio(ratio));
      json.put(prefix.equals(CONTROLLER) ? "ratioToSlowest" : "ratioToSlowestNoSettle", ratio);
    }
    return json;
  }

  /** One trial of the controller floor: seconds until converged, and seconds the creates took. */
  private double[] floorTrial(
      OperatorFleet harness,
      List<DockerClient> clients,
      List<DockerJavaGateway> readers,
      List<Integer> hosts,
      boolean settle)
      throws Exception {
    KubernetesMockServer server = OperatorFleet.mockServer();
    try {
      KubernetesClient client = harness.cluster(server);
      try (ControllerFloor floor = new ControllerFloor(client, clients, settle).start()) {
        return converge(client, floor::check, readers, hosts);
      }
    } finally {
      server.destroy();
    }
  }

  /**
   * The operator's half: {@code dockernet operator} (the jar, {@link OperatorFleet}'s harness: the
   * mock API server in CRUD mode, the shipped JVM options) serving 4 DockerHosts, one per engine,
   * converging the 30 DockerNetworks of one engine alone, or of all four. Each trial starts a fresh
   * API server and operator and waits until every DockerHost is Reachable (its engine opened); the
   * clock runs from the first DockerNetwork created (one writer per host, as {@code kubectl apply
   * -f} over each host's files side by side would) until every network's engine reports it created
   * in its event stream (not from status; read back from the engines after the clock).
   */
  private Map<String, Object> operator(
      List<SecondDockerd> engines, OperatorFleet harness, Report report) throws Exception {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < ENGINES; k++) {
      names.add("operator: engine " + k + " alone");
    }
    names.add("operator: fleet of " + ENGINES);
    Map<String, Stats> times = statsFor(names);
    Map<String, Stats> creates = statsFor(names);
    Map<String, Stats> cpu = statsFor(names);
    Map<String, Stats> reconciles = statsFor(names);
    Map<String, Stats> reads = statsFor(names);
    Map<String, Stats> firsts = statsFor(names);
    List<DockerJavaGateway> readers = new ArrayList<>();
    try {
      for (SecondDockerd e : engines) {
        readers.add(new DockerJavaGateway(e.config()));
      }
      for (int t = 0; t < options.fleetTrials; t++) {
        for (int i = 0; i < names.size(); i++) {
          int c = (i + t) % names.size();
          List<Integer> hosts = c < ENGINES ? List.of(c) : ALL;
          engines.forEach(FleetBench::removeNetworks);
          double[] r = operatorTrial(harness, engines, readers, hosts);
          times.get(names.get(c)).add(r[0]);
          creates.get(names.get(c)).add(r[1]);
          cpu.get(names.get(c)).add(r[2]);
          reconciles.get(names.get(c)).add(r[3]);
          reads.get(names.get(c)).add(r[4]);
          firsts.get(names.get(c)).add(r[6]);
          log.printf(
              "fleet trial %d %-27s %6.2f s (creates %.2f s; first network %.2f s; CPU of the"
                  + " operator and its engines %.2f s; DockerNetwork reconciles %.0f (deferred"
                  + " included), snapshots read %.0f, reused %.0f; load %s)%n",
              t + 1, names.get(c), r[0], r[1], r[6], r[2], r[3], r[4], r[5], ParallelBench.load());
        }
      }
    } finally {
      readers.forEach(DockerJavaGateway::close);
      engines.forEach(FleetBench::removeNetworks);
    }
    String scenario =
        "9 fleet (operator"
            + (options.fleetWarm > 0 ? ", warm ×" + options.fleetWarm : "")
            + "), "
            + ENGINES
            + " engines × "
            + NETWORKS
            + " networks";
    Singles singles = medians(report, scenario, times, names);
    double slowest = singles.slowest();
    double sum = singles.sum();
    double fleet = times.get(names.get(ENGINES)).median();
    double ratio = fleet / slowest;
    report.add(
        scenario,
        "operator: fleet / slowest single engine",
        Report.ratio(ratio),
        TARGET,
        ratio <= BOUND);
    report.add(
        scenario,
        "operator: fleet / sum of single engines (in sequence)",
        Report.ratio(fleet / sum));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("jvm", options.operatorJvm);
    json.put("warmRounds", options.fleetWarm);
    json.put(
        "measuredUntil",
        "every network's create reported by its engine's event stream (then read back from the"
            + " engines, after the clock)");
    json.put("times", Converge.samples(times));
    json.put("createSeconds", Converge.samples(creates));
    // When the first network was created on an engine: the end of the settle window, in effect.
    json.put("firstNetworkSeconds", Converge.samples(firsts));
    // CPU seconds of the operator's JVM and the dockerds of the engines converged, over the timed
    // window: on 2 shared cores, the fleet cannot take less than its CPU over the cores it gets.
    json.put("cpuSeconds", Converge.samples(cpu));
    json.put("dockerNetworkReconciles", Converge.samples(reconciles));
    json.put("snapshotsRead", Converge.samples(reads));
    json.put("loadAfter", ParallelBench.load());
    json.put("slowestSingle", slowest);
    json.put("sumOfSingles", sum);
    json.put("ratioToSlowest", ratio);
    json.put("target", TARGET);
    json.put("verdict", ratio <= BOUND ? "met" : "missed");
    return json;
  }

  /**
   * With {@code --fleet-profile}: loads async-profiler into the operator ({@code jcmd
   * JVMTI.agent_load}, the options quoted as jcmd wants them) to start or stop it, so that a
   * profile covers the timed window only.
   */
  private void profile(Process operator, String command) throws Exception {
    if (options.fleetProfile == null) {
      return;
    }
    Proc.Result r =
        Proc.run(
                work,
                Map.of(),
                List.of(
                    "jcmd",
                    Long.toString(operator.pid()),
                    "JVMTI.agent_load",
                    options.fleetProfile.toAbsolutePath().toString(),
                    "\"" + command + "\""))
            .orFail("async-profiler " + command);
    if (!r.out().contains("return code: 0")) {
      throw new IllegalStateException("async-profiler " + command + ": " + r.out() + r.err());
    }
  }

  /** One trial: seconds until converged, and seconds the creates took in the API server. */
  private double[] operatorTrial(
      OperatorFleet harness,
      List<SecondDockerd> engines,
      List<DockerJavaGateway> readers,
      List<Integer> hosts)
      throws Exception {
    KubernetesMockServer server = OperatorFleet.mockServer();
    Process operator = null;
    try {
      KubernetesClient client = harness.cluster(server);
      for (int k = 0; k < ENGINES; k++) {
        client
            .resource(
                OperatorFleet.tlsSecret("engine-" + k, engines.get(k).certificates().clientDir()))
            .create();
        client.resource(OperatorFleet.host(k, engines.get(k), k)).create();
      }
      int port = OperatorFleet.freePort();
      operator = harness.startOperator(client, port);
      harness.awaitReady(operator, port);
      awaitHostsReachable(client, operator);

      // A long-running operator has served its hosts many times before: converge and remove the
      // whole fleet's networks (every contender alike, so each clock starts on the same JVM state)
      // untimed, --fleet-warm-rounds times.
      for (int w = 0; w < options.fleetWarm; w++) {
        converge(client, alive(operator), readers, ALL);
        client.resources(DockerNetwork.class).inNamespace(OperatorFleet.NS).delete();
        awaitRemoved(client, alive(operator), readers, ALL);
      }
      List<Long> watched = new ArrayList<>(List.of(operator.pid()));
      for (int k : hosts) {
        watched.addAll(dockerdPids(engines.get(k)));
      }
      profile(operator, "start,event=cpu,interval=1ms,threads");
      long ticks0 = ticks(watched);
      Map<String, Double> m0 = OperatorFleet.metrics(port);
      double[] r = converge(client, alive(operator), readers, hosts);
      double cpuSeconds = (ticks(watched) - ticks0) / TICKS;
      Map<String, Double> m1 = OperatorFleet.metrics(port);
      String contender = hosts.size() == 1 ? "engine" + hosts.get(0) : "fleet";
      profile(
          operator,
          "stop,collapsed,file="
              + work.resolve("fleet")
                  .resolve("window-" + contender + "-" + operator.pid() + ".txt"));
      // What the operator did for it: DockerNetwork reconciles finished (a deferred one included:
      // its host was busy), and the snapshots rounds planned against, read from the engines or
      // reused from the cache.
      return new double[] {
        r[0],
        r[1],
        cpuSeconds,
        OperatorFleet.reconciles(m0, m1),
        OperatorFleet.diff(m0, m1, "dockernet_engine_snapshots_total", "source=\"engine\""),
        OperatorFleet.diff(m0, m1, "dockernet_engine_snapshots_total", "source=\"cache\""),
        r[2]
      };
    } finally {
      if (operator != null) {
        operator.destroy();
        if (!operator.waitFor(30, TimeUnit.SECONDS)) {
          operator.destroyForcibly();
        }
      }
      server.destroy();
    }
  }

  /**
   * Creates the hosts' networks (one writer per host, each creating its host's 30 one after
   * another: the fleet's apply takes as long as one host's, as the CLI's does, not 4 x 30 POSTs to
   * a mock that answers slowly on a loaded machine) and waits until every one's engine reports it
   * created ({@link Created}): seconds until then, and seconds the creates took. That they exist is
   * checked after the clock, read from the engines.
   */
  private double[] converge(
      KubernetesClient client, Runnable alive, List<DockerJavaGateway> readers, List<Integer> hosts)
      throws Exception {
    Map<Integer, Created> watching = new LinkedHashMap<>();
    List<AutoCloseable> streams = new ArrayList<>();
    for (int k : hosts) {
      Created c = new Created();
      watching.put(k, c);
      streams.add(readers.get(k).events(c)); // returns once the stream is connected
    }
    ExecutorService writers = Executors.newFixedThreadPool(hosts.size());
    long start = System.nanoTime();
    try {
      List<Future<?>> writing = new ArrayList<>();
      for (int k : hosts) {
        writing.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < NETWORKS; i++) {
                    OperatorFleet.create(client, network(k, i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : writing) {
        f.get();
      }
      double created = (System.nanoTime() - start) / 1e9;
      long done = awaitCreated(alive, watching, hosts);
      awaitOnEngines(alive, readers, hosts, NETWORKS, "converge"); // checked, after the clock
      long first = hosts.stream().mapToLong(k -> watching.get(k).firstAt).min().orElseThrow();
      return new double[] {(done - start) / 1e9, created, (first - start) / 1e9};
    } finally {
      writers.shutdownNow();
      for (AutoCloseable stream : streams) {
        stream.close();
      }
    }
  }

  /**
   * Counts the fleet networks an engine's event stream reports created, and when the last of its
   * {@link #NETWORKS} came. The clock stops on these rather than on reads: a snapshot per engine
   * every 100 ms (each with GET /info, which dockerd answers by starting runc and docker-init) took
   * ~20 ms of CPU each, 4 times as much beside the fleet as beside one engine, on the 2 cores the
   * contenders share.
   */
  private static final class Created implements EngineEvents {
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private volatile long firstAt;
    private volatile long allAt;
    private volatile boolean broken;

    @Override
    public void onEvent(EngineEvent event) {
      String name = event.attributes().get("name");
      if ("network".equals(event.type())
          && "create".equals(event.action())
          && name != null
          && name.startsWith("dnf-")
          && names.add(name)) {
        long now = System.nanoTime();
        if (names.size() == 1) {
          firstAt = now;
        }
        if (names.size() == NETWORKS) {
          allAt = now;
        }
      }
    }

    @Override
    public void resync() {
      broken = true; // events may be lost: the trial cannot be timed by them
    }
  }

  /** When the last of the hosts' networks was reported created (its engine's event). */
  private long awaitCreated(Runnable alive, Map<Integer, Created> watching, List<Integer> hosts)
      throws InterruptedException {
    try {
      awaitConverger(
          alive,
          hosts,
          "converge",
          () -> {
            for (int k : hosts) {
              if (watching.get(k).broken) {
                throw new IllegalStateException("the event stream of engine " + k + " broke");
              }
            }
            return hosts.stream().allMatch(k -> watching.get(k).allAt != 0);
          });
    } catch (IllegalStateException e) {
      Map<Integer, Integer> seen = new LinkedHashMap<>();
      hosts.forEach(k -> seen.put(k, watching.get(k).names.size()));
      throw new IllegalStateException(
          e.getMessage() + " (creates seen per engine: " + seen + ")", e);
    }
    return hosts.stream().mapToLong(k -> watching.get(k).allAt).max().orElseThrow();
  }

  /** The DockerNetworks deleted: gone from the engines and, their finalizers done, from the API. */
  private void awaitRemoved(
      KubernetesClient client, Runnable alive, List<DockerJavaGateway> readers, List<Integer> hosts)
      throws InterruptedException {
    awaitOnEngines(alive, readers, hosts, 0, "remove the networks of");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!client
        .resources(DockerNetwork.class)
        .inNamespace(OperatorFleet.NS)
        .list()
        .getItems()
        .isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("DockerNetworks still in the API after their delete");
      }
      Thread.sleep(100);
    }
  }

  private void awaitOnEngines(
      Runnable alive, List<DockerJavaGateway> readers, List<Integer> hosts, int count, String what)
      throws InterruptedException {
    awaitConverger(
        alive,
        hosts,
        what,
        () ->
            hosts.stream()
                .allMatch(
                    k ->
                        count == 0
                            ? onEngine(readers.get(k)) == 0
                            : onEngine(readers.get(k)) >= count));
  }

  /**
   * Waits until {@code done}; {@code alive} throws when what converges has failed (the operator
   * exited, the controller floor's call failed). Fails after 10 minutes.
   */
  private void awaitConverger(
      Runnable alive, List<Integer> hosts, String what, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    while (!done.getAsBoolean()) {
      alive.run();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "10 minutes, and still did not " + what + " engines " + hosts);
      }
      Thread.sleep(100); // the event clock takes its time in the listener, not here
    }
  }

  /** Throws when the operator has exited, pointing at its output. */
  private Runnable alive(Process operator) {
    return () -> {
      if (!operator.isAlive()) {
        throw new IllegalStateException(
            "the operator exited; see " + work.resolve("fleet").resolve("operator-fleet.out"));
      }
    };
  }

  private static final double TICKS = 100.0; // USER_HZ

  /** The dockerd of an engine (found by its listening address), for its CPU time. */
  private static List<Long> dockerdPids(SecondDockerd engine) {
    String address = engine.host();
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String cmd = p.info().commandLine().orElse("");
              return cmd.contains("dockerd") && cmd.contains("-H " + address + " ");
            })
        .map(ProcessHandle::pid)
        .toList();
  }

  /** utime + stime of these processes, in clock ticks (from /proc). */
  private static long ticks(List<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException gone) {
        // exited
      }
    }
    return sum;
  }

  /** Every DockerHost says Reachable: the operator has opened its engine. */
  private static void awaitHostsReachable(KubernetesClient client, Process operator)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && operator.isAlive()) {
      long reachable =
          client.resources(DockerHost.class).list().getItems().stream()
              .filter(
                  h -> h.getStatus() != null && Boolean.TRUE.equals(h.getStatus().getReachable()))
              .count();
      if (reachable == ENGINES) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the operator did not reach every DockerHost's engine");
  }

  private static long onEngine(DockerJavaGateway engine) {
    return engine.snapshot().networks().stream().filter(n -> n.name().startsWith("dnf-")).count();
  }

  private static DockerNetwork network(int k, int i) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(
        new ObjectMetaBuilder()
            .withName("dnf-" + k + "-" + i)
            .withNamespace(OperatorFleet.NS)
            .build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setHost("dnf-h" + k);
    spec.setLabels(Map.of(Layout.LABEL, "fleet"));
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(subnet(k, i));
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    n.setSpec(spec);
    return n;
  }

  private static String subnet(int k, int i) {
    return "10.236." + (128 + k * NETWORKS + i) + ".0/24";
  }

  /** A DockerHost {@code e<k>} for the engine, its TLS material, and its 30 networks. */
  private static void writeEngine(int k, SecondDockerd engine, Path dir, Path tls)
      throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(tls);
    for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.copy(
          engine.certificates().clientDir().resolve(f),
          tls.resolve(f),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    StringBuilder s =
        new StringBuilder(
            "apiVersion: dockernet.io/v1alpha1\nkind: DockerHost\nmetadata:\n  name: e"
                + k
                + "\nspec:\n  endpoint: "
                + engine.host()
                + "\n  tlsSecretName: e"
                + k
                + "\n");
    for (int i = 0; i < NETWORKS; i++) {
      s.append(
              "---\napiVersion: dockernet.io/v1alpha1\nkind: DockerNetwork\nmetadata:\n  name: dnf-")
          .append(k)
          .append('-')
          .append(i)
          .append("\nspec:\n  host: e")
          .append(k)
          .append("\n  labels:\n    ")
          .append(Layout.LABEL)
          .append(": fleet\n  ipam:\n    config:\n      - subnet: ")
          .append(subnet(k, i))
          .append('\n');
    }
    Files.writeString(dir.resolve("fleet.yaml"), s);
  }

  private static void removeNetworks(SecondDockerd engine) {
    List<String> ids = engine.customNetworks();
    if (!ids.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("network", "rm"));
      args.addAll(ids);
      engine.docker(args.toArray(String[]::new));
    }
  }
}
