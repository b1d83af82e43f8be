package io.dockernet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with its output in files, and times it (wall clock, process start to
 * exit).
 */
final class Proc {
  private Proc() {}

  record Result(int exit, double seconds, String out, String err) {
    Result orFail(String what) {
      if (exit != 0) {
        throw new IllegalStateException(
            what + " exited " + exit + ":\n" + tail(err) + "\n" + tail(out));
      }
      return this;
    }

    private static String tail(String s) {
      return s.length() > 3000 ? "..." + s.substring(s.length() - 3000) : s;
    }
  }

  static Result run(Path workDir, Map<String, String> env, List<String> command) {
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Result r = new Result(p.exitValue(), seconds, Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
