package io.dockernet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command line (docker, ip) for test setup and inspection, with a time limit. */
public final class Cli {
  private Cli() {}

  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs and returns stdout (trimmed); fails the test with the command's stderr when it exits
   * non-zero.
   */
  public static String run(String... command) {
    Result r = result(command);
    if (!r.ok()) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr().trim());
    }
    return r.stdout().trim();
  }

  public static Result result(String... command) {
    return result(120, command);
  }

  public static Result result(int timeoutSeconds, String... command) {
    ProcessBuilder pb = new ProcessBuilder(List.of(command));
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish within " + timeoutSeconds + "s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", command), e);
    }
  }

  /** docker CLI arguments as a list, for building commands. */
  static String[] docker(List<String> args) {
    List<String> all = new ArrayList<>();
    all.add("docker");
    all.addAll(args);
    return all.toArray(String[]::new);
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
