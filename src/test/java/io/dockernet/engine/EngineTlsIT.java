package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dockernet.testing.Cli;
import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.ServerTls;
import io.dockernet.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS like {@code DOCKER_TLS_VERIFY=1}: a TLS front (certificates made with openssl) stands in for
 * an engine on tcp://…:2376, so the shared engine's configuration stays untouched.
 */
class EngineTlsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  @TempDir static Path dir;
  static Path clientCerts;
  static Path otherCaCerts;

  @BeforeAll
  static void certificates() throws Exception {
    ca("ca");
    ca("other-ca");
    signed("server", "ca", "subjectAltName=IP:127.0.0.1");
    signed("wrong-name", "ca", "subjectAltName=DNS:engine.example");
    signed("client", "ca", "extendedKeyUsage=clientAuth");
    clientCerts = Files.createDirectories(dir.resolve("client-dir"));
    Files.copy(dir.resolve("ca.pem"), clientCerts.resolve("ca.pem"));
    Files.copy(dir.resolve("client.pem"), clientCerts.resolve("cert.pem"));
    Files.copy(dir.resolve("client-key.pem"), clientCerts.resolve("key.pem"));
    // A client that trusts another CA, with an otherwise valid client certificate.
    otherCaCerts = Files.createDirectories(dir.resolve("other-dir"));
    Files.copy(dir.resolve("other-ca.pem"), otherCaCerts.resolve("ca.pem"));
    Files.copy(dir.resolve("client.pem"), otherCaCerts.resolve("cert.pem"));
    Files.copy(dir.resolve("client-key.pem"), otherCaCerts.resolve("key.pem"));
  }

  @Test
  void verifiedTlsWithClientCertificateWorks() {
    try (EngineProxy proxy = EngineProxy.tls(serverContext("server"), true)) {
      DockerJavaGateway gateway =
          engine.newGateway(EngineConfig.forHost(proxy.host()).withTls(clientCerts));
      assertThat(gateway.info().apiVersion()).isNotBlank();
      assertThat(gateway.snapshot().network("bridge")).isPresent();
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    try (EngineProxy proxy = EngineProxy.tls(serverContext("server"), true)) {
      DockerJavaGateway gateway =
          engine.newGateway(EngineConfig.forHost(proxy.host()).withTls(otherCaCerts));
      assertThatThrownBy(gateway::info)
          .isInstanceOfSatisfying(
              EngineException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(EngineException.Reason.UNAVAILABLE);
                assertThat(e.getMessage())
                    .contains(
                        "TLS with the engine at " + proxy.host() + " failed",
                        "unable to find valid certification path");
              });
    }
  }

  @Test
  void aServerCertificateForAnotherHostIsRefused() {
    try (EngineProxy proxy = EngineProxy.tls(serverContext("wrong-name"), true)) {
      DockerJavaGateway gateway =
          engine.newGateway(EngineConfig.forHost(proxy.host()).withTls(clientCerts));
      assertThatThrownBy(gateway::info)
          .isInstanceOfSatisfying(
              EngineException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(EngineException.Reason.UNAVAILABLE);
                assertThat(e.getMessage())
                    .contains("doesn't match any of the subject alternative names");
              });
    }
  }

  @Test
  void fromTheEnvironmentLikeTheDockerCli() {
    try (EngineProxy proxy = EngineProxy.tls(serverContext("server"), true)) {
      EngineConfig config =
          EngineConfig.fromEnvironment(
              proxy.host(),
              java.util.Map.of(
                  "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", clientCerts.toString()));
      assertThat(engine.newGateway(config).info().engineVersion()).isNotBlank();
    }
  }

  private static void ca(String name) {
    Cli.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-keyout",
        dir.resolve(name + "-key.pem").toString(),
        "-out",
        dir.resolve(name + ".pem").toString());
  }

  private static void signed(String name, String ca, String extension) throws Exception {
    String key = dir.resolve(name + "-key.pem").toString();
    String csr = dir.resolve(name + ".csr").toString();
    Path ext = dir.resolve(name + ".ext");
    Files.writeString(ext, extension + "\n");
    Cli.run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + name,
        "-keyout",
        key,
        "-out",
        csr);
    Cli.run(
        "openssl",
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        dir.resolve(ca + ".pem").toString(),
        "-CAkey",
        dir.resolve(ca + "-key.pem").toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        ext.toString(),
        "-out",
        dir.resolve(name + ".pem").toString());
  }

  /** The server side: its key and certificate, trusting client certificates signed by our CA. */
  private static SSLContext serverContext(String name) {
    return ServerTls.context(
        dir.resolve(name + "-key.pem"), dir.resolve(name + ".pem"), dir.resolve("ca.pem"));
  }
}
