package io.dockernet.testing;

import io.dockernet.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs the dockernet CLI as a user does: in-process (fast, for many runs) or as a separate JVM on
 * the packaged jar (when the test must kill it, stop it with a signal, or give it an environment).
 */
public final class Dockernet {
  public record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Dockernet() {}

  /**
   * In-process, through the same picocli command line as {@code main}: as a user would type it,
   * output and exit code captured.
   */
  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Writes a manifest file (overwriting) and returns its directory. */
  public static Path write(Path dir, String file, String yaml) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), yaml);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packaged jar ({@code -Ddockernet.jar}, default target/dockernet.jar). */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("dockernet.jar", "target/dockernet.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: run mvn package first");
    }
    return jar;
  }

  /**
   * Starts {@code java -jar dockernet.jar args} with extra environment; stdout and stderr are
   * collected separately.
   */
  public static Child start(Map<String, String> env, List<String> args) {
    // -Xshare:auto also keeps the command in this JVM (no second JVM on the archive, see
    // cli.Relaunch): crash tests kill exactly this process.
    List<String> cmd =
        new ArrayList<>(
            List.of("java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar().toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    try {
      return new Child(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the jar to the end (at most {@code timeoutSeconds}). */
  public static Run subprocess(Map<String, String> env, int timeoutSeconds, String... args) {
    Child child = start(env, List.of(args));
    return child.await(timeoutSeconds);
  }

  /** A running dockernet JVM whose output is read as it comes. */
  public static final class Child {
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    Child(Process process) {
      this.process = process;
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // nothing to say to it
      }
      outReader =
          pump(
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
              out);
      errReader =
          pump(
              new BufferedReader(
                  new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
              err);
    }

    public Process process() {
      return process;
    }

    public String out() {
      return out.toString();
    }

    public String err() {
      return err.toString();
    }

    /** stdout and stderr so far, for assertion messages. */
    public String output() {
      return "--- stdout\n" + out + "--- stderr\n" + err;
    }

    public boolean alive() {
      return process.isAlive();
    }

    /** kill -9: no shutdown hook, no cleanup, exactly like a crash. */
    public void kill9() {
      process.toHandle().destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** SIGTERM (Process.destroy would also close our end of its pipes). */
    public void terminate() {
      process.toHandle().destroy();
    }

    public Run await(int timeoutSeconds) {
      try {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          kill9();
          throw new AssertionError(
              "dockernet did not finish within " + timeoutSeconds + "s\n" + output());
        }
        outReader.join(5000);
        errReader.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      return new Run(process.exitValue(), out.toString(), err.toString());
    }

    private static Thread pump(BufferedReader reader, StringBuffer into) {
      Thread t =
          new Thread(
              () -> {
                try (reader) {
                  for (String line; (line = reader.readLine()) != null; ) {
                    into.append(line).append('\n');
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              },
              "dockernet-output");
      t.setDaemon(true);
      t.start();
      return t;
    }
  }
}
