package io.dockernet.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor: a minimal docker-java program that issues exactly the calls of a {@link Layout} (all
 * creates, then all connects; "connect NETWORK CONTAINER ALIAS [IPV4]"), either one after another
 * or {@code parallelism} at a time. Run as its own JVM so that, like the product, its figure
 * includes JVM start.
 *
 * <p>{@code java -cp ... io.dockernet.bench.Floor CALLS_FILE PARALLELISM}
 */
public final class Floor {
  private Floor() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    int parallelism = Integer.parseInt(args[1]);
    // DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, when set.
    try (DockerClient docker =
        client(DefaultDockerClientConfig.createDefaultConfigBuilder().build(), parallelism)) {
      System.out.println("call-seconds=" + calls(docker, lines, parallelism));
    }
  }

  /** A client with {@code parallelism} connections (TLS as the config says). */
  static DockerClient client(DefaultDockerClientConfig config, int parallelism) {
    return DockerClientImpl.getInstance(
        config,
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(Math.max(parallelism, 2))
            .build());
  }

  /** Issues the calls (all creates, then all connects) and returns the seconds they took. */
  static double calls(DockerClient docker, List<String> lines, int parallelism) throws Exception {
    List<Runnable> creates = new ArrayList<>();
    List<Runnable> connects = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f[0].equals("create")) {
        creates.add(
            () ->
                docker
                    .createNetworkCmd()
                    .withName(f[1])
                    .withLabels(Map.of(Layout.LABEL, f[3]))
                    .withIpam(
                        new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(f[2])))
                    .exec());
      } else if (f[0].equals("connect")) {
        ContainerNetwork endpoint = new ContainerNetwork().withAliases(f[3]);
        if (f.length > 4) { // a static address
          endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(f[4]));
        }
        connects.add(
            () ->
                docker
                    .connectToNetworkCmd()
                    .withNetworkId(f[1])
                    .withContainerId(f[2])
                    .withContainerNetwork(endpoint)
                    .exec());
      }
    }
    long start = System.nanoTime();
    run(creates, parallelism);
    run(connects, parallelism);
    return (System.nanoTime() - start) / 1e9;
  }

  /** The time the calls took, without JVM start and client setup, from a run's output. */
  static double callSeconds(String out) {
    for (String line : out.split("\n")) {
      if (line.startsWith("call-seconds=")) {
        return Double.parseDouble(line.substring("call-seconds=".length()).trim());
      }
    }
    return Double.NaN;
  }

  private static void run(List<Runnable> calls, int parallelism) throws Exception {
    if (parallelism <= 1) {
      calls.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<?>> done = new ArrayList<>();
      calls.forEach(c -> done.add(pool.submit(c)));
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
