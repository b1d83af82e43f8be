package io.dockernet.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.dockernet.testing.ServerTls;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The cold floor of a fleet: a fresh JVM that drives one or more engines side by side with
 * docker-java, each with its own TLS client issuing its {@link Floor} calls 8 at a time, and exits.
 * Nothing else: no manifests, no snapshot, no plan. Timed from the outside like the product, so its
 * figure includes what any JVM tool started cold pays per engine (class loading, JIT, TLS
 * handshakes) on top of the engines' own work.
 *
 * <p>With {@code --jdk} first, the same creates go out with nothing but the JDK: its TLS sockets (8
 * kept-alive connections per engine) and HTTP/1.1 written by hand. That is the least a JVM tool can
 * load and compile for them, so it tells docker-java's share of the cold floor from the JVM's.
 *
 * <p>{@code java -cp ... io.dockernet.bench.FleetFloor [--jdk] HOST CERT_DIR CALLS_FILE [HOST
 * CERT_DIR CALLS_FILE ...]}
 */
public final class FleetFloor {
  static final int PARALLELISM = 8;

  private FleetFloor() {}

  static final String USAGE =
      "usage: FleetFloor [--jdk] HOST CERT_DIR CALLS_FILE [HOST CERT_DIR CALLS_FILE ...]";

  /** The option that sends the creates with the JDK alone. */
  static final String JDK = "--jdk";

  public static void main(String[] given) throws Exception {
    boolean jdk = given.length > 0 && JDK.equals(given[0]);
    String[] args = jdk ? Arrays.copyOfRange(given, 1, given.length) : given;
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
                  if (jdk) {
                    return jdkCalls(host, Path.of(certs), calls);
                  }
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

  /**
   * The creates among {@code lines} ({@link Floor}'s format), {@link #PARALLELISM} at a time over
   * the JDK's TLS sockets; returns the seconds they took.
   */
  static double jdkCalls(String host, Path certs, List<String> lines) throws Exception {
    URI engine = URI.create(host.replace("tcp://", "https://"));
    SSLSocketFactory sockets =
        ServerTls.context(
                certs.resolve("key.pem"), certs.resolve("cert.pem"), certs.resolve("ca.pem"))
            .getSocketFactory();
    Queue<String> creates = new ConcurrentLinkedQueue<>();
    lines.stream().filter(l -> l.startsWith("create ")).forEach(creates::add);
    long start = System.nanoTime();
    ExecutorService lanes = Executors.newFixedThreadPool(PARALLELISM);
    try {
      List<Future<Object>> done = new ArrayList<>();
      for (int i = 0; i < PARALLELISM; i++) {
        done.add(
            lanes.submit(
                () -> {
                  try (SSLSocket socket =
                      (SSLSocket) sockets.createSocket(engine.getHost(), engine.getPort())) {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    for (String line = creates.poll(); line != null; line = creates.poll()) {
                      create(out, in, line.split(" "));
                    }
                  }
                  return null;
                }));
      }
      for (Future<Object> f : done) {
        f.get();
      }
    } finally {
      lanes.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** POST /networks/create for {@code create NAME SUBNET LABEL_VALUE}; throws unless 201. */
  private static void create(OutputStream out, InputStream in, String[] f) throws IOException {
    byte[] body =
        ("{\"Name\":\""
                + f[1]
                + "\",\"CheckDuplicate\":true,\"Labels\":{\""
                + Layout.LABEL
                + "\":\""
                + f[3]
                + "\"},\"IPAM\":{\"Config\":[{\"Subnet\":\""
                + f[2]
                + "\"}]}}")
            .getBytes(StandardCharsets.UTF_8);
    out.write(
        ("POST /v1.41/networks/create HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
    String status = line(in);
    int length = 0;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String name = h.substring(0, Math.max(h.indexOf(':'), 0)).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(h.indexOf(':') + 1).trim();
      if (name.equals("content-length")) {
        length = Integer.parseInt(value);
      } else if (name.equals("transfer-encoding")) {
        chunked = value.equalsIgnoreCase("chunked");
      }
    }
    if (chunked) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; ) {
        in.readNBytes(size + 2); // the chunk and its CRLF
        size = Integer.parseInt(line(in).trim(), 16);
      }
      line(in); // the empty trailer
    } else {
      in.readNBytes(length);
    }
    if (!status.startsWith("HTTP/1.1 201")) {
      throw new IllegalStateException("create " + f[1] + ": " + status);
    }
  }

  /** One CRLF-terminated line, without it. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the engine closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** One or more HOST CERT_DIR CALLS_FILE triples. */
  static boolean wellFormed(String[] args) {
    return args.length > 0 && args.length % 3 == 0;
  }
}
