package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dockernet operator} as a separate process, unchanged, against a kubeconfig pointing at the
 * Fabric8 mock: it converges a DockerNetwork on the real engine, answers /healthz and /metrics, and
 * stops cleanly on SIGTERM. Subnet 10.123.78.0/24.
 */
class OperatorProcessIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @Test
  void runsAgainstAKubeconfigAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      Path kubeconfig = cluster.writeKubeconfig(dir);
      int port = freePort();
      Path log = dir.resolve("operator.log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.dockernet.cli.Main",
                  "operator",
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "--port",
                  Integer.toString(port),
                  "--namespaces",
                  "default")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    http.send(
                                HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/readyz"))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                        == 200);

        String dockerName = engine.name("proc");
        engine.removeNetworkAfter(dockerName);
        cluster.client.resource(network("proc", dockerName)).create();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  DockerNetwork n =
                      cluster
                          .client
                          .resources(DockerNetwork.class)
                          .inNamespace("default")
                          .withName("proc")
                          .get();
                  return n.getStatus() != null
                      && n.getStatus().getId() != null
                      && n.getStatus()
                          .getId()
                          .equals(engine.inspectNetwork(dockerName).path("Id").asText());
                });
        assertThat(
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .contains("dockernet_actions_applied_total");
      } finally {
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
      }
      assertThat(Files.readString(log)).contains("dockernet operator stopped");
    }
  }

  static DockerNetwork network(String name, String dockerName) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(dockerName);
    IpamConfig pool = new IpamConfig();
    pool.setSubnet("10.123.78.0/24");
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    n.setSpec(spec);
    return n;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
