package io.dockernet.packaging;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes API requests the OPERATOR sends to a {@link KubernetesMockServer}, as {@code
 * METHOD /path?query} lines, for RbacMatchesRequestsIT: give the operator the client from {@link
 * #operatorClient} (its User-Agent marks its requests; the test's own client stays unmarked and
 * unrecorded), and call {@link #drain} once the operator stopped.
 */
public final class RequestLog {
  public static final String USER_AGENT = "dockernet-operator-rbac-probe";

  private RequestLog() {}

  /** A client for the operator under test, whose requests {@link #drain} records. */
  public static KubernetesClient operatorClient(KubernetesMockServer server) {
    Config config = server.createClient().getConfiguration();
    config.setUserAgent(USER_AGENT);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Takes every request the server received so far.
   *
   * @return the operator's requests
   */
  public static List<String> drain(KubernetesMockServer server) {
    List<String> lines = new ArrayList<>();
    try {
      for (var r = server.takeRequest(10, TimeUnit.MILLISECONDS);
          r != null;
          r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
        String agent = r.getHeader("User-Agent");
        if (agent != null && agent.contains(USER_AGENT)) {
          lines.add(r.getMethod() + " " + r.getPath());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lines;
  }
}
