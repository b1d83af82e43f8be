package io.dockernet.engine;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dockernet.testing.Cli;
import io.dockernet.testing.ServerTls;
import io.dockernet.testing.TestCertificates;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cert folder as {@code openssl} writes it, in each private key layout it has, gives a context
 * that completes mutual TLS with a server trusting the same CA; unusable files name themselves.
 */
class PemTlsConfigTest {
  @TempDir static Path dir;
  static TestCertificates certs;

  @BeforeAll
  static void certificates() {
    certs = TestCertificates.create(dir.resolve("certs"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "rsa-pkcs1", "ec"})
  void eachKeyLayoutCompletesMutualTls(String layout) throws Exception {
    Path client = certs.clientDir("client-" + layout, key(layout));
    SSLContext context = new PemTlsConfig(client).getSSLContext();

    SSLContext server = ServerTls.context(certs.serverKey(), certs.serverCert(), certs.caCert());
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      CompletableFuture<String> peer =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.startHandshake();
                  String who = s.getSession().getPeerPrincipal().getName();
                  s.getOutputStream().write(1);
                  return who;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket s =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        s.startHandshake();
        assertThat(s.getInputStream().read()).isEqualTo(1);
        // Parsed by the JDK: a BouncyCastle certificate rebuilt its key on every handshake.
        Certificate presented = s.getSession().getLocalCertificates()[0];
        assertThat(presented.getPublicKey()).isSameAs(presented.getPublicKey());
      }
      assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo("CN=client-" + layout);
    }
  }

  @Test
  void aKeyFileWithoutAKeyIsNamed() throws Exception {
    Path client = certs.clientDir("client-nokey", key("rsa"));
    Files.copy(client.resolve("cert.pem"), client.resolve("key.pem"), REPLACE_EXISTING);
    assertThatThrownBy(() -> new PemTlsConfig(client).getSSLContext())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(client.resolve("key.pem").toString());
  }

  @Test
  void aCaFileWithoutACertificateIsNamed() throws Exception {
    Path client = certs.clientDir("client-noca", key("rsa"));
    Files.writeString(client.resolve("ca.pem"), "not a certificate\n");
    assertThatThrownBy(() -> new PemTlsConfig(client).getSSLContext())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(client.resolve("ca.pem").toString());
  }

  /** A fresh private key in one of the layouts openssl writes. */
  private static Path key(String layout) {
    Path key = dir.resolve(layout + "-" + System.nanoTime() + ".pem");
    String out = key.toString();
    switch (layout) {
      case "rsa" -> // PKCS#8
          Cli.run(
              "openssl",
              "genpkey",
              "-algorithm",
              "RSA",
              "-pkeyopt",
              "rsa_keygen_bits:2048",
              "-out",
              out);
      case "rsa-pkcs1" -> Cli.run("openssl", "genrsa", "-traditional", "-out", out, "2048");
      case "ec" -> // SEC1
          Cli.run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", out);
      default -> throw new IllegalArgumentException(layout);
    }
    return key;
  }
}
