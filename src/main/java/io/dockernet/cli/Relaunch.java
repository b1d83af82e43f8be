package io.dockernet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code java -jar dockernet.jar CMD}: a JVM started without the class-data archive that {@code
 * bin/dockernet} maps loads and verifies some 2,000 classes from the jar, about twice a short
 * command's work. When an archive for this jar and this JVM exists (built next to the jar by {@code
 * mvn package}, or recorded by {@code bin/dockernet} in its cache), this JVM starts the same JVM
 * again on the archive, runs the command there and exits with its code: a tenth of a second for the
 * second start buys back the half a second the archive saves.
 *
 * <p>Archives are looked up by the launcher's naming rule ({@link #archiveName}), so both find the
 * same files. Nothing happens for {@code watch} and {@code operator} (long-running: start-up does
 * not matter, and one process is easier to supervise), when the JVM already maps an archive or was
 * given {@code -Xshare}, with {@code DOCKERNET_CDS=0}, or when this is not a {@code -jar} start.
 * Any failure to start the second JVM runs the command here, as before.
 *
 * <p>The second JVM follows the first: if the first is killed, even with SIGKILL, the second halts
 * within a few tenths of a second (see {@link #followParent()}), so a supervisor that kills the
 * command it started does not leave the work running.
 */
final class Relaunch {
  /** Set on the second JVM: it runs the command itself and follows its parent. */
  static final String CHILD = "dockernet.relaunched";

  /** Set by bin/dockernet, which maps the archive itself. */
  static final String LAUNCHER = "dockernet.launcher";

  private Relaunch() {}

  /** The second JVM's exit code when the command ran there; empty to run it in this JVM. */
  static OptionalInt intoArchive(String[] args) {
    if (System.getProperty(CHILD) != null) {
      followParent();
      return OptionalInt.empty();
    }
    if (System.getProperty(LAUNCHER) != null) {
      return OptionalInt.empty(); // bin/dockernet chose the archive already
    }
    List<String> command = command(args, System.getenv(), jvmArguments());
    if (command.isEmpty()) {
      return OptionalInt.empty();
    }
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
    // SIGTERM or SIGINT to this JVM ends the command too.
    Thread stop = new Thread(child::destroy, "dockernet-relaunch-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    while (true) {
      try {
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        return OptionalInt.of(code);
      } catch (InterruptedException e) {
        // keep waiting: the command's exit code is ours
      } catch (IllegalStateException e) {
        return OptionalInt.of(child.exitValue()); // shutting down already
      }
    }
  }

  /**
   * The second JVM's command line, or empty when the command should run in this JVM: this JVM's
   * java and options, the archive and the launcher's short-command options, then {@code -jar JAR}
   * and the arguments.
   */
  static List<String> command(
      String[] args, java.util.Map<String, String> env, List<String> jvmArguments) {
    if ("0".equals(env.get("DOCKERNET_CDS")) || longRunning(args)) {
      return List.of();
    }
    int jarFlag = jvmArguments.indexOf("-jar");
    if (jarFlag < 0 || jarFlag + 1 >= jvmArguments.size()) {
      return List.of();
    }
    List<String> options = jvmArguments.subList(0, jarFlag);
    for (String option : options) {
      if (option.startsWith("-XX:SharedArchiveFile")
          || option.startsWith("-XX:AOT")
          || option.startsWith("-XX:ArchiveClassesAtExit")
          || option.startsWith("-Xshare")
          || option.startsWith("-D" + CHILD)) {
        return List.of();
      }
    }
    Path jar = Path.of(jvmArguments.get(jarFlag + 1)).toAbsolutePath();
    String runtime = System.getProperty("java.runtime.version");
    Optional<Path> archive = archive(jar, runtime, env);
    if (archive.isEmpty()) {
      return List.of();
    }
    boolean aot = Runtime.version().feature() >= 24;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive.get());
    // As bin/dockernet: the JVM's archive warnings would spoil -o json on stdout; short commands
    // wait on the engine, so the client compiler alone and one GC thread. The user's options
    // come after and win.
    command.addAll(
        aot
            ? List.of("-Xlog:aot=off", "-Xlog:cds=off")
            : List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
    command.addAll(options);
    command.add("-D" + CHILD + "=1");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  private static boolean longRunning(String[] args) {
    String named = Main.named(args);
    return "watch".equals(named) || "operator".equals(named);
  }

  /** This JVM's own command line after the java executable (empty when the OS does not say). */
  private static List<String> jvmArguments() {
    return ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
  }

  /**
   * The archive for this jar and JVM, where {@code bin/dockernet} keeps them: next to the jar, then
   * in {@code DOCKERNET_ARCHIVE_DIR}, else {@code ${XDG_CACHE_HOME:-$HOME/.cache}/dockernet}.
   */
  static Optional<Path> archive(Path jar, String runtime, java.util.Map<String, String> env) {
    String name;
    try {
      name =
          archiveName(Files.size(jar), Files.getLastModifiedTime(jar).toMillis() / 1000, runtime);
    } catch (IOException e) {
      return Optional.empty();
    }
    String cache = env.get("DOCKERNET_ARCHIVE_DIR");
    if (cache == null) {
      String xdg = env.get("XDG_CACHE_HOME");
      String base = xdg != null ? xdg : env.getOrDefault("HOME", "/tmp") + "/.cache";
      cache = base + "/dockernet";
    }
    for (Path dir : List.of(jar.getParent(), Path.of(cache))) {
      Path archive = dir.resolve(name);
      if (Files.isRegularFile(archive)) {
        return Optional.of(archive);
      }
    }
    return Optional.empty();
  }

  /**
   * The launcher's rule: {@code dockernet-SIZE-MTIME-RUNTIME.jsa} (Java 17-23) or {@code .aot} (24
   * and later), the runtime version with every character but letters, digits and dots made '_'.
   */
  static String archiveName(long size, long mtimeSeconds, String runtime) {
    String safe = runtime.replaceAll("[^A-Za-z0-9.]", "_");
    int feature = Integer.parseInt(runtime.split("[^0-9]", 2)[0]);
    return "dockernet-"
        + size
        + "-"
        + mtimeSeconds
        + "-"
        + safe
        + (feature >= 24 ? ".aot" : ".jsa");
  }

  /**
   * In the second JVM: halt as soon as the first is gone, as if both had been killed. A dead parent
   * is seen by this process being handed to another one (the kernel does that at once, before the
   * parent is even reaped).
   */
  private static void followParent() {
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    if (parent <= 1) {
      return;
    }
    Thread watch =
        new Thread(
            () -> {
              while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)
                  == parent) {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
              Runtime.getRuntime().halt(137);
            },
            "dockernet-follow-parent");
    watch.setDaemon(true);
    watch.start();
  }
}
