package io.dockernet.packaging;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the Kubernetes API requests the OPERATOR sends to a {@link KubernetesMockServer}, as
 * {@code METHOD /path?query} lines in {@code target/k8s-requests.log}, for RbacMatchesRequestsIT.
 *
 * <p>Use from any mock-server test: give the operator the client from {@link #operatorClient}
 * (its User-Agent marks its requests; the test's own client stays unmarked and unrecorded), and
 * call {@link #drain} once the operator stopped.
 */
public final class RequestLog {
  public static final Path FILE = Path.of("target", "k8s-requests.log");
  public static final String USER_AGENT = "dockernet-operator-rbac-probe";

  private RequestLog() {}

  /** A client for the operator under test, whose requests {@link #drain} records. */
  public static KubernetesClient operatorClient(KubernetesMockServer server) {
    Config config = server.createClient().getConfiguration();
    config.setUserAgent(USER_AGENT);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Takes every request the server received so far and appends the operator's ones to the log.
   * @return the operator's requests, as logged
   */
  public static List<String> drain(KubernetesMockServer server) {
    List<String> lines = new ArrayList<>();
    try {
      for (var r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
        String agent = r.getHeader("User-Agent");
        if (agent != null && agent.contains(USER_AGENT)) {
          lines.add(r.getMethod() + " " + r.getPath());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    append(lines);
    return lines;
  }

  static synchronized void append(List<String> lines) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.write(FILE, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> read() {
    try {
      return Files.exists(FILE) ? Files.readAllLines(FILE) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
