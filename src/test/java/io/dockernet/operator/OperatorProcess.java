package io.dockernet.operator;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dockernet operator} run unchanged in its own JVM (this test classpath), its stdout and
 * stderr (slf4j-simple logs to stderr) captured in a file that tests can read.
 */
public final class OperatorProcess implements AutoCloseable {
  final Process process;
  final Path log;
  final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts it with {@code --kubeconfig} and a free {@code --port} plus {@code args}, and waits for
   * /readyz.
   */
  public static OperatorProcess start(
      Path kubeconfig, Path log, List<String> jvmOptions, String... args) {
    OperatorProcess op = launch(kubeconfig, log, jvmOptions, args);
    op.awaitReady();
    return op;
  }

  /**
   * Starts it like {@link #start} without waiting (for tests that may kill it before it is ready).
   */
  public static OperatorProcess launch(
      Path kubeconfig, Path log, List<String> jvmOptions, String... args) {
    return launch(kubeconfig, log, jvmOptions, Map.of(), args);
  }

  /** Like {@link #start}, with environment variables added to (or replacing) this JVM's. */
  public static OperatorProcess start(
      Path kubeconfig,
      Path log,
      List<String> jvmOptions,
      Map<String, String> environment,
      String... args) {
    OperatorProcess op = launch(kubeconfig, log, jvmOptions, environment, args);
    op.awaitReady();
    return op;
  }

  private static OperatorProcess launch(
      Path kubeconfig,
      Path log,
      List<String> jvmOptions,
      Map<String, String> environment,
      String... args) {
    int port = freePort();
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.dockernet.cli.Main",
            "operator",
            "--kubeconfig",
            kubeconfig.toString(),
            "--port",
            Integer.toString(port)));
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(environment);
      Process p = pb.start();
      return new OperatorProcess(p, log, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (at most 40 s) until /readyz answers 200; fails at once if the process exits. */
  public void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(40))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "the operator exited " + process.exitValue() + ":\n" + log());
              }
              return get("/readyz").statusCode() == 200;
            });
  }

  public Process process() {
    return process;
  }

  /** kill -9: no shutdown hook, no cleanup, like a crash or an OOM kill. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String metrics() {
    try {
      return get("/metrics").body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as Kubernetes stops a pod; true when it exited within 20 s. */
  public boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      if (!stop()) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
