package io.dockernet.bench;

import io.dockernet.testing.SecondDockerd;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 15, target 3 ({@code --only fleet}): one {@code apply} over a fleet of 4 engines (private
 * dockerds over TLS, as the reliability tests start them), 30 networks each, against each engine
 * converged alone by the same command; order rotating every trial. Target: the fleet ≤ 1.2 × the
 * slowest single engine (engines converge side by side, not one after another). The sum of the
 * single engines is what converging them in sequence would cost. Subnets 10.236.128-247.0/24.
 */
final class FleetBench {
  static final int ENGINES = 4;
  static final int NETWORKS = 30;
  static final String TARGET = "≤ 1.20×";
  static final double BOUND = 1.2;

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

      List<String> names = new ArrayList<>();
      List<List<String>> commands = new ArrayList<>();
      for (int k = 0; k < ENGINES; k++) {
        names.add("engine " + k + " alone");
        commands.add(singles.get(k));
      }
      names.add("fleet of " + ENGINES);
      commands.add(fleetArgs);
      Map<String, Stats> times = new LinkedHashMap<>();
      names.forEach(n -> times.put(n, new Stats()));
      for (int t = 0; t < options.fleetTrials; t++) {
        for (int i = 0; i < names.size(); i++) {
          int c = (i + t) % names.size();
          engines.forEach(FleetBench::removeNetworks);
          List<String> cmd =
              new ArrayList<>(List.of("java", "-jar", options.jar.toAbsolutePath().toString()));
          cmd.addAll(commands.get(c));
          Proc.Result r = Proc.run(work, env, cmd).orFail("fleet: " + names.get(c));
          int expected = c < ENGINES ? NETWORKS : NETWORKS * ENGINES;
          int found = engines.stream().mapToInt(e -> e.customNetworks().size()).sum();
          if (found != expected) {
            throw new IllegalStateException(
                names.get(c) + " left " + found + " networks, expected " + expected);
          }
          times.get(names.get(c)).add(r.seconds());
          log.printf(
              "fleet trial %d %-18s %6.2f s (load %s)%n",
              t + 1, names.get(c), r.seconds(), ParallelBench.load());
        }
      }
      engines.forEach(FleetBench::removeNetworks);

      String scenario = "9 fleet, " + ENGINES + " engines × " + NETWORKS + " networks";
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
      double fleet = times.get("fleet of " + ENGINES).median();
      double ratio = fleet / slowest;
      report.add(
          scenario, "fleet / slowest single engine", Report.ratio(ratio), TARGET, ratio <= BOUND);
      report.add(
          scenario, "fleet / sum of single engines (in sequence)", Report.ratio(fleet / sum));
      json.put("engines", ENGINES);
      json.put("networksPerEngine", NETWORKS);
      json.put("times", Converge.samples(times));
      json.put("slowestSingle", slowest);
      json.put("sumOfSingles", sum);
      json.put("ratioToSlowest", ratio);
      json.put("target", TARGET);
      json.put("verdict", ratio <= BOUND ? "met" : "missed");
    } finally {
      engines.forEach(SecondDockerd::close);
    }
    json.put("loadAfter", ParallelBench.load());
    return json;
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
          .append(": fleet\n  ipam:\n    config:\n      - subnet: 10.236.")
          .append(128 + k * NETWORKS + i)
          .append(".0/24\n");
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
