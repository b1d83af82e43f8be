package io.dockernet.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6 (CLI part): wall time and peak RSS of {@code plan} on examples/seed, JVM start
 * included, with and without the launcher's AppCDS archive, alternating.
 */
final class Footprint {
  private static final String S6 = "6 footprint";

  private final BenchMain.Options options;
  private final Runners runners;
  private final Path work;
  private final PrintStream log;

  Footprint(BenchMain.Options options, Runners runners, Path work, PrintStream log) {
    this.options = options;
    this.runners = runners;
    this.work = work;
    this.log = log;
  }

  Map<String, Object> run(Report report) {
    String seed = options.seed.toAbsolutePath().toString();
    String jar = options.jar.toAbsolutePath().toString();
    String launcher = options.launcher.toAbsolutePath().toString();
    Map<String, Stats> wall = new LinkedHashMap<>();
    Map<String, Stats> rss = new LinkedHashMap<>();
    List<String> names = List.of("java -jar", "bin/dockernet (AppCDS)");
    names.forEach(
        n -> {
          wall.put(n, new Stats());
          rss.put(n, new Stats());
        });
    for (int t = 0; t < options.footprintTrials; t++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + t) % names.size());
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "rss-kb=%M"));
        cmd.addAll(
            name.equals("java -jar") ? List.of("java", "-jar", jar) : List.of("sh", launcher));
        cmd.addAll(List.of("plan", "-f", seed, "--project", options.space.project() + "-seed"));
        Proc.Result r =
            Proc.run(
                work,
                name.equals("java -jar")
                    ? Map.of("XDG_CACHE_HOME", runners.cache().toString())
                    : runners.launcherEnv(),
                cmd);
        if (r.exit()
            > 2) { // 1: blocked (e.g. the seed network exists under another project), 2: changes
          // pending
          r.orFail("plan " + name);
        }
        wall.get(name).add(r.seconds());
        rss.get(name).add(rssMiB(r.err()));
        log.printf("plan examples/seed trial %d %-24s %.2f s%n", t + 1, name, r.seconds());
      }
    }
    for (String n : names) {
      report.add(
          S6,
          "plan examples/seed, " + n + ": median wall / peak RSS",
          Report.sec(wall.get(n).median())
              + " / "
              + String.format("%.0f MiB", rss.get(n).median()));
    }
    report.add(
        S6,
        "AppCDS / plain",
        Report.ratio(wall.get(names.get(1)).median() / wall.get(names.get(0)).median()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("planWall", Converge.samples(wall));
    json.put("planRssMiB", Converge.samples(rss));
    return json;
  }

  private static double rssMiB(String err) {
    for (String line : err.split("\n")) {
      if (line.startsWith("rss-kb=")) {
        return Long.parseLong(line.substring(7).trim()) / 1024.0;
      }
    }
    return Double.NaN;
  }
}
