package io.dockernet.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.reliability.StallProxy;
import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote engines only over verified TLS: the CLI converges a private dockerd that demands TLS
 * client certificates ({@code --tlsverify} on 127.0.0.1, certificates made with openssl in the
 * test); with a CA that did not sign the server's certificate, or a client certificate the server
 * does not trust, it fails closed (exit 1, nothing changed, no key material in any output); plain
 * {@code tcp://} is refused before any connection unless {@code --allow-insecure-tcp}. Subnets
 * (host bridges of the private engine): 10.123.184.0/24.
 */
class TlsIT {
  private static SecondDockerd dockerd;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    dockerd = SecondDockerd.start();
  }

  @AfterAll
  static void stop() {
    if (dockerd != null) {
      dockerd.close();
    }
  }

  private static Map<String, String> tls(String host, Path certs) {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_HOST", host);
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", certs.toString());
    env.put("DOCKERNET_DEBUG", "1"); // stack traces too: they must not leak key material either
    return env;
  }

  @Test
  void verifiedTlsConverges() throws IOException {
    Path dir = network(tmp.resolve("ok"), "tls-ok", "10.123.184.0/26");
    Dockernet.Run run =
        Dockernet.subprocess(
            tls(dockerd.host(), dockerd.certificates().clientDir()),
            60,
            "apply",
            "-f",
            dir.toString(),
            "--project",
            "tls");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(dockerd.networkExists("tls-ok")).isTrue();
    assertNoKeyMaterial(run);
  }

  @Test
  void aServerCertificateFromAnotherCaFailsClosed() throws IOException {
    Path dir = network(tmp.resolve("wrong-ca"), "tls-wrong-ca", "10.123.184.64/26");
    Dockernet.Run run =
        Dockernet.subprocess(
            tls(dockerd.host(), dockerd.certificates().wrongCaClientDir()),
            60,
            "apply",
            "-f",
            dir.toString(),
            "--project",
            "tls");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the Docker engine");
    assertThat(dockerd.networkExists("tls-wrong-ca")).as("nothing changed").isFalse();
    assertNoKeyMaterial(run);
  }

  @Test
  void aClientCertificateTheServerDoesNotTrustFailsClosed() throws IOException {
    Path certs = Files.createDirectories(tmp.resolve("untrusted-client"));
    Files.copy(dockerd.certificates().caCert(), certs.resolve("ca.pem"));
    Cli.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=intruder",
        "-keyout",
        certs.resolve("key.pem").toString(),
        "-out",
        certs.resolve("cert.pem").toString());
    Path dir = network(tmp.resolve("untrusted"), "tls-untrusted", "10.123.184.128/26");
    Dockernet.Run run =
        Dockernet.subprocess(
            tls(dockerd.host(), certs), 60, "apply", "-f", dir.toString(), "--project", "tls");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(dockerd.networkExists("tls-untrusted")).as("nothing changed").isFalse();
    assertThat(run.out() + run.err())
        .doesNotContain(
            TestCertificates.read(certs.resolve("key.pem"))
                .lines()
                .filter(l -> !l.startsWith("-----"))
                .findFirst()
                .orElseThrow());
  }

  @Test
  void plainTcpIsRefusedBeforeConnectingUnlessExplicitlyAllowed() throws IOException {
    Path dir = network(tmp.resolve("plain"), "tls-plain", "10.123.184.192/26");
    try (StallProxy counting = new StallProxy(dockerd.port())) {
      Dockernet.Run refused =
          Dockernet.subprocess(
              Map.of(),
              60,
              "apply",
              "-f",
              dir.toString(),
              "--project",
              "tls",
              "--host",
              counting.host());
      assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err()).contains("refusing plain " + counting.host() + " without TLS");
      assertThat(counting.connections()).as("not even a connection").isZero();

      // Allowed, but the engine speaks only TLS: still no way in.
      Dockernet.Run allowed =
          Dockernet.subprocess(
              Map.of(),
              60,
              "apply",
              "-f",
              dir.toString(),
              "--project",
              "tls",
              "--host",
              counting.host(),
              "--allow-insecure-tcp");
      assertThat(allowed.exit()).as(allowed.toString()).isEqualTo(1);
      assertThat(dockerd.networkExists("tls-plain")).isFalse();
    }
    // An engine that really serves plain tcp (a front for the local socket) works once allowed.
    try (EngineProxy plain = new EngineProxy()) {
      Dockernet.Run get =
          Dockernet.subprocess(
              Map.of(), 60, "get", "networks", "--host", plain.host(), "--allow-insecure-tcp");
      assertThat(get.exit()).as(get.toString()).isZero();
      assertThat(get.out()).contains("bridge");
    }
  }

  /** No line of the client's private key, nor its PEM header, in anything the CLI printed. */
  private static void assertNoKeyMaterial(Dockernet.Run run) {
    String all = run.out() + run.err();
    assertThat(all).doesNotContain("PRIVATE KEY");
    List<String> keyLines =
        TestCertificates.read(dockerd.certificates().clientDir().resolve("key.pem"))
            .lines()
            .filter(l -> !l.startsWith("-----"))
            .toList();
    for (String line : keyLines) {
      assertThat(all).doesNotContain(line);
    }
  }

  private static Path network(Path dir, String name, String subnet) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("n.yaml"),
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: %s}
        spec: {ipam: {config: [{subnet: %s}]}}
        """
            .formatted(name, subnet));
    return dir;
  }
}
