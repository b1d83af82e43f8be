package io.dockernet.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cold floor of a fleet: a fresh JVM that drives one or more engines side by side with
 * docker-java, each with its own TLS client issuing its {@link Floor} calls 8 at a time, and exits.
 * Nothing else: no manifests, no snapshot, no plan. Timed from the outside like the product, so its
 * figure includes what any JVM tool started cold pays per engine (class loading, JIT, TLS
 * handshakes) on top of the engines' own work.
 *
 * <p>{@code java -cp ... io.dockernet.bench.FleetFloor HOST CERT_DIR CALLS_FILE [HOST CERT_DIR
 * CALLS_FILE ...]}
 */
public final class FleetFloor {
  static final int PARALLELISM = 8;

  private FleetFloor() {}

  static final String USAGE =
      "usage: FleetFloor HOST CERT_DIR CALLS_FILE [HOST CERT_DIR CALLS_FILE ...]";

  public static void main(String[] args) throws Exception {
    if (!wellFormed(args)) {
      System.err.println(USAGE);
      System.exit(2);
    }
    ExecutorService side = Executors.newFixedThreadPool(args.length / 3);
    try {
      List<Future<Double>> running = new ArrayList<>();
      for (int i = 0; i < args.length; i += 3) {
        String host = args[i];
        String certs = args[i + 1];
        List<String> calls = Files.readAllLines(Path.of(args[i + 2]));
        running.add(
            side.submit(
                () -> {
                  try (DockerClient docker =
                      Floor.client(
                          DefaultDockerClientConfig.createDefaultConfigBuilder()
                              .withDockerHost(host)
                              .withDockerTlsVerify(true)
                              .withDockerCertPath(certs)
                              .build(),
                          PARALLELISM)) {
                    return Floor.calls(docker, calls, PARALLELISM);
                  }
                }));
      }
      for (Future<Double> f : running) {
        f.get();
      }
    } finally {
      side.shutdown();
    }
  }

  /** One or more HOST CERT_DIR CALLS_FILE triples. */
  static boolean wellFormed(String[] args) {
    return args.length > 0 && args.length % 3 == 0;
  }
}
