package io.dockernet.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A one-node swarm on loopback shared by every test JVM on this machine. Swarm state is global to
 * the engine and test classes of several helpers run at once, so users register a pid file under a
 * cross-process file lock: the first one in inits the swarm, the last one out leaves it. A swarm we
 * did not init (someone's real swarm) is never left.
 */
final class SharedSwarm {
  private static final Path DIR =
      Path.of(System.getProperty("java.io.tmpdir"), "dockernet-test-swarm");
  private static final Path LOCK = DIR.resolve("lock");

  /** Marks that tests created the swarm (so tests may leave it). */
  private static final Path OURS = DIR.resolve("created-by-tests");

  private static final String ME = "user-" + ProcessHandle.current().pid() + "-";

  private SharedSwarm() {}

  static synchronized void acquire(String user) {
    locked(
        () -> {
          Files.writeString(DIR.resolve(ME + user), "");
          if (!active()) {
            Cli.run("docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
            Files.writeString(OURS, "");
          }
        });
  }

  static synchronized void release(String user) {
    locked(
        () -> {
          Files.deleteIfExists(DIR.resolve(ME + user));
          removeDeadUsers();
          boolean anyUser;
          try (Stream<Path> files = Files.list(DIR)) {
            anyUser = files.anyMatch(p -> p.getFileName().toString().startsWith("user-"));
          }
          if (!anyUser && Files.exists(OURS)) {
            Cli.result("docker", "swarm", "leave", "--force");
            Files.deleteIfExists(OURS);
          }
        });
  }

  static boolean active() {
    return Cli.run("docker", "info", "--format", "{{.Swarm.LocalNodeState}}").equals("active");
  }

  private static void removeDeadUsers() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith("user-")) {
          long pid = Long.parseLong(name.split("-")[1]);
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void locked(IoAction action) {
    try {
      Files.createDirectories(DIR);
      try (FileChannel channel =
              FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        action.run();
      }
    } catch (IOException e) {
      throw new AssertionError("swarm bookkeeping in " + DIR + " failed: " + e.getMessage(), e);
    }
  }
}
