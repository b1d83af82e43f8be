package io.dockernet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 15, target 2 ({@code --only parallel}): cold converge on two shapes, against the
 * docker-java floor one call at a time and 8 at a time, measured in the same run with the order
 * rotating every trial. Shape "one per network": 30 networks, each with its own container at a
 * static address. Shape "many networks": 30 networks and 6 containers, each container on 10
 * networks (the rule of {@link Layout}). Target: the product ≤ 1.05 × the better floor on both.
 * {@code --parallelism 1} (the CLI's former default) runs beside it as the "before". Its own names
 * ({@code dnp-}), label value ({@code parallel}) and subnets (10.236.32-93.0/24).
 */
final class ParallelBench {
  static final Layout.Space SPACE = new Layout.Space("dnp-", "parallel", 0, 0, 0, 0);
  static final String TARGET = "≤ 1.05×";
  static final double BOUND = 1.05;

  record Net(String name, String subnet) {}

  record Attachment(String name, String network, String container, String alias, String ip) {}

  record Shape(
      String key,
      String title,
      List<Net> nets,
      List<String> containers,
      List<Attachment> attachments) {}

  static Shape onePerNetwork(int n) {
    List<Net> nets = new ArrayList<>();
    List<String> containers = new ArrayList<>();
    List<Attachment> atts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Net net = new Net(SPACE.prefix() + "a" + i, "10.236." + (32 + i) + ".0/24");
      nets.add(net);
      String c = SPACE.prefix() + "ac" + i;
      containers.add(c);
      atts.add(new Attachment(net.name(), net.name(), c, "a" + i, "10.236." + (32 + i) + ".10"));
    }
    return new Shape(
        "onePerNetwork", "one container per network, static address", nets, containers, atts);
  }

  static Shape manyNetworks(int n) {
    int c = Math.max(2, n / 5);
    List<String> containers = new ArrayList<>();
    for (int j = 0; j < c; j++) {
      containers.add(SPACE.prefix() + "bc" + j);
    }
    List<Net> nets = new ArrayList<>();
    List<Attachment> atts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Net net = new Net(SPACE.prefix() + "b" + i, "10.236." + (64 + i) + ".0/24");
      nets.add(net);
      for (int k = 0; k < 2; k++) {
        atts.add(
            new Attachment(
                net.name() + "-" + k,
                net.name(),
                containers.get((2 * i + k) % c),
                "b" + i + "-" + k,
                null));
      }
    }
    return new Shape("manyNetworks", "containers on ~10 networks each", nets, containers, atts);
  }

  private final BenchMain.Options options;
  private final Runners runners;
  private final Path work;
  private final PrintStream log;

  ParallelBench(BenchMain.Options options, Runners runners, Path work, PrintStream log) {
    this.options = options;
    this.runners = runners;
    this.work = work;
    this.log = log;
  }

  private record Contender(String name, Supplier<Proc.Result> cold) {}

  Map<String, Object> run(Report report) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("load", load());
    try (BenchEngine engine = new BenchEngine(SPACE)) {
      for (Shape shape : List.of(onePerNetwork(30), manyNetworks(30))) {
        json.put(shape.key(), run(engine, shape, report));
      }
      engine.removeContainers();
    }
    json.put("loadAfter", load());
    return json;
  }

  private Map<String, Object> run(BenchEngine engine, Shape shape, Report report)
      throws IOException {
    Path dir = work.resolve("parallel-" + shape.key());
    Path manifests = dir.resolve("manifests");
    writeManifests(shape, manifests);
    Path calls = dir.resolve("calls.txt");
    writeCalls(shape, calls);
    engine.removeNetworks();
    engine.startContainers(shape.containers(), options.image);
    String m = manifests.toString();
    String project = "bench-parallel";
    // Untimed: the launcher records its class-data archive on its first run.
    runners.launcher("plan", "-f", m, "--project", project).orFail("launcher warm-up");
    List<Contender> contenders =
        List.of(
            new Contender(
                "product (java -jar)",
                () -> runners.product("apply", "-f", m, "--project", project)),
            new Contender(
                "product (java -jar) --parallelism 1",
                () ->
                    runners.product("apply", "-f", m, "--project", project, "--parallelism", "1")),
            new Contender(
                "product (bin/dockernet)",
                () -> runners.launcher("apply", "-f", m, "--project", project)),
            new Contender("floor sequential", () -> runners.floor(calls, 1)),
            new Contender("floor 8 at a time", () -> runners.floor(calls, 8)));
    Map<String, Stats> cold = new LinkedHashMap<>();
    contenders.forEach(c -> cold.put(c.name(), new Stats()));
    for (int t = 0; t < options.parallelTrials; t++) {
      for (int i = 0; i < contenders.size(); i++) {
        Contender c = contenders.get((i + t) % contenders.size());
        engine.removeNetworks();
        Proc.Result r = c.cold().get().orFail(shape.key() + " " + c.name());
        BenchEngine.State s = engine.state();
        if (s.networks() != shape.nets().size() || s.endpoints() != shape.attachments().size()) {
          throw new IllegalStateException(
              shape.key()
                  + " "
                  + c.name()
                  + " left "
                  + s
                  + ", expected "
                  + shape.nets().size()
                  + " networks and "
                  + shape.attachments().size()
                  + " endpoints");
        }
        cold.get(c.name()).add(r.seconds());
        log.printf(
            "parallel %s trial %d %-38s %6.2f s (load %s)%n",
            shape.key(), t + 1, c.name(), r.seconds(), load());
      }
    }
    engine.removeNetworks();

    String scenario = "8 parallelism, " + shape.title();
    for (var e : cold.entrySet()) {
      report.add(
          scenario,
          e.getKey() + " median of " + e.getValue().samples.size(),
          Report.sec(e.getValue().median()));
    }
    double better =
        Math.min(cold.get("floor sequential").median(), cold.get("floor 8 at a time").median());
    Map<String, Object> ratios = new LinkedHashMap<>();
    Map<String, Object> verdicts = new LinkedHashMap<>();
    for (String p : List.of("product (java -jar)", "product (bin/dockernet)")) {
      double r = cold.get(p).median() / better;
      report.add(scenario, p + " / better floor", Report.ratio(r), TARGET, r <= BOUND);
      ratios.put(p, r);
      verdicts.put(p, r <= BOUND ? "met" : "missed");
    }
    double before = cold.get("product (java -jar) --parallelism 1").median() / better;
    report.add(
        scenario,
        "product (java -jar) --parallelism 1 / better floor (before)",
        Report.ratio(before));
    ratios.put("product (java -jar) --parallelism 1", before);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("networks", shape.nets().size());
    json.put("containers", shape.containers().size());
    json.put("attachments", shape.attachments().size());
    json.put("cold", Converge.samples(cold));
    json.put("betterFloor", better);
    json.put("ratioToBetterFloor", ratios);
    json.put("target", TARGET);
    json.put("verdict", verdicts);
    return json;
  }

  static void writeManifests(Shape shape, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder s = new StringBuilder();
    for (Net net : shape.nets()) {
      s.append("---\napiVersion: dockernet.io/v1alpha1\nkind: DockerNetwork\nmetadata:\n  name: ")
          .append(net.name())
          .append("\nspec:\n  labels:\n    ")
          .append(Layout.LABEL)
          .append(": \"")
          .append(SPACE.labelValue())
          .append("\"\n  ipam:\n    config:\n      - subnet: ")
          .append(net.subnet())
          .append('\n');
    }
    for (Attachment a : shape.attachments()) {
      s.append(
              "---\napiVersion: dockernet.io/v1alpha1\nkind: NetworkAttachment\nmetadata:\n  name: ")
          .append(a.name())
          .append("\nspec:\n  network: ")
          .append(a.network())
          .append("\n  container: ")
          .append(a.container())
          .append("\n  aliases: [")
          .append(a.alias())
          .append("]\n");
      if (a.ip() != null) {
        s.append("  ipv4Address: ").append(a.ip()).append('\n');
      }
    }
    Files.writeString(dir.resolve("all.yaml"), s);
  }

  /** Input of {@link Floor}: the same creates and connects. */
  static void writeCalls(Shape shape, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder s = new StringBuilder();
    shape
        .nets()
        .forEach(
            n ->
                s.append("create ")
                    .append(n.name())
                    .append(' ')
                    .append(n.subnet())
                    .append(' ')
                    .append(SPACE.labelValue())
                    .append('\n'));
    shape
        .attachments()
        .forEach(
            a -> {
              s.append("connect ")
                  .append(a.network())
                  .append(' ')
                  .append(a.container())
                  .append(' ')
                  .append(a.alias());
              if (a.ip() != null) {
                s.append(' ').append(a.ip());
              }
              s.append('\n');
            });
    Files.writeString(file, s);
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, every figure says how busy. */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
