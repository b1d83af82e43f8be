package io.dockernet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How each contender is started: as its own process, timed from start to exit. */
final class Runners {
  private final BenchMain.Options options;
  private final Path work;
  private final Map<String, String> launcherEnv;

  Runners(BenchMain.Options options, Path work) {
    this.options = options;
    this.work = work;
    // bin/dockernet with its AppCDS archive in our own cache directory.
    this.launcherEnv =
        Map.of(
            "DOCKERNET_JAR",
            options.jar.toAbsolutePath().toString(),
            "XDG_CACHE_HOME",
            work.resolve("cache").toString());
  }

  /**
   * {@code java -jar dockernet.jar ARGS --stats}: the product, JVM start included, no class-data
   * archive.
   */
  Proc.Result product(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("java", "-jar", options.jar.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return Proc.run(work, Map.of("XDG_CACHE_HOME", cache().toString()), cmd);
  }

  /** {@code bin/dockernet ARGS}: the launcher users run, with its AppCDS archive. */
  Proc.Result launcher(String... args) {
    List<String> cmd = new ArrayList<>(List.of("sh", options.launcher.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return Proc.run(work, launcherEnv, cmd);
  }

  /**
   * The product's cache directory (AppCDS archive, endpoint cache), shared by both ways of starting
   * it.
   */
  Path cache() {
    return work.resolve("cache");
  }

  Map<String, String> launcherEnv() {
    return launcherEnv;
  }

  Proc.Result floor(Path calls, int parallelism) {
    return Proc.run(
        work,
        Map.of(),
        List.of(
            "java",
            "-cp",
            System.getProperty("java.class.path"),
            Floor.class.getName(),
            calls.toString(),
            Integer.toString(parallelism)));
  }

  Proc.Result shell(Path script) {
    return Proc.run(work, Map.of(), List.of("sh", script.toString()));
  }

  Proc.Result ansible(Path playbook) {
    return Proc.run(
        work,
        Map.of(
            "ANSIBLE_PYTHON_INTERPRETER",
            "auto_silent",
            "ANSIBLE_NOCOLOR",
            "1",
            "ANSIBLE_RETRY_FILES_ENABLED",
            "0"),
        List.of("ansible-playbook", "-i", "localhost,", playbook.toString()));
  }

  static boolean ansibleAvailable() {
    try {
      return Proc.run(
                  Path.of(System.getProperty("java.io.tmpdir")),
                  Map.of(),
                  List.of("ansible-playbook", "--version"))
              .exit()
          == 0;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The engine calls a {@code --stats} run reported, by kind. */
  static Map<String, Long> calls(Proc.Result r) {
    Map<String, Long> calls = new TreeMap<>();
    for (String line : r.err().split("\n")) {
      if (line.startsWith("dockernet-stats: {")) {
        String body = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
        for (String pair : body.split(",")) {
          if (!pair.isBlank()) {
            String[] kv = pair.split(":");
            calls.put(kv[0].replace("\"", ""), Long.parseLong(kv[1].trim()));
          }
        }
      }
    }
    return calls;
  }

  static long writes(Map<String, Long> calls) {
    return calls.entrySet().stream()
        .filter(e -> isWrite(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static long reads(Map<String, Long> calls) {
    return calls.entrySet().stream()
        .filter(e -> !isWrite(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static boolean isWrite(String kind) {
    return kind.endsWith(".create")
        || kind.endsWith(".remove")
        || kind.endsWith(".connect")
        || kind.endsWith(".disconnect");
  }

  /**
   * Untimed: starts the containers of a small layout, and runs the launcher once so that its
   * class-data archive exists before any timed run (as it would after a user's first command).
   */
  void warmUp(BenchEngine engine, java.io.PrintStream log) throws Exception {
    log.println("warm-up: containers, class-data archive");
    // The launcher's archive, recorded now as mvn package records it (a first run would train in
    // the background and the timed runs of the next seconds would go without it).
    List<String> train =
        new ArrayList<>(List.of("sh", options.launcher.toAbsolutePath().toString(), "--train"));
    Map<String, String> env = new java.util.HashMap<>(launcherEnv);
    env.put("DOCKERNET_ARCHIVE_DIR", cache().resolve("dockernet").toString());
    Proc.run(work, env, train).orFail("launcher training run");
    engine.removeNetworks();
    Layout small = Layout.of(options.space, 3);
    engine.startContainers(small.containers(), options.image);
    Path dir = work.resolve("warmup");
    small.writeManifests(dir);
    launcher("apply", "-f", dir.toString(), "--project", options.space.project())
        .orFail("warm-up apply");
    launcher("delete", "-f", dir.toString(), "--project", options.space.project())
        .orFail("warm-up delete");
    engine.removeNetworks();
  }
}
