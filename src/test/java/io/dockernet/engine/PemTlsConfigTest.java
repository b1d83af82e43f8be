package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dockernet.testing.Cli;
import io.dockernet.testing.ServerTls;
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

  @BeforeAll
  static void ca() {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=pem-ca")
        .keyout("ca-key.pem")
        .out("ca.pem");
    signed("server", "rsa", "subjectAltName=IP:127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "rsa-pkcs1", "ec"})
  void eachKeyLayoutCompletesMutualTls(String layout) throws Exception {
    Path client = signed("client-" + layout, layout, "extendedKeyUsage=clientAuth");
    SSLContext context = new PemTlsConfig(client).getSSLContext();

    SSLContext server = serverContext();
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
    Path client = signed("client-nokey", "rsa", "extendedKeyUsage=clientAuth");
    Files.copy(client.resolve("cert.pem"), client.resolve("key.pem"), REPLACE);
    assertThatThrownBy(() -> new PemTlsConfig(client).getSSLContext())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(client.resolve("key.pem").toString());
  }

  @Test
  void aCaFileWithoutACertificateIsNamed() throws Exception {
    Path client = signed("client-noca", "rsa", "extendedKeyUsage=clientAuth");
    Files.writeString(client.resolve("ca.pem"), "not a certificate\n");
    assertThatThrownBy(() -> new PemTlsConfig(client).getSSLContext())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(client.resolve("ca.pem").toString());
  }

  private static final java.nio.file.CopyOption REPLACE =
      java.nio.file.StandardCopyOption.REPLACE_EXISTING;

  /** A folder with ca.pem, cert.pem and key.pem; the key in the given layout. */
  private static Path signed(String name, String layout, String extension) {
    try {
      Path out = Files.createDirectories(dir.resolve(name));
      Path key = out.resolve("key.pem");
      switch (layout) {
        case "rsa" ->
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048").out(key);
        case "rsa-pkcs1" ->
            Cli.run("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");
        case "ec" -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout").out(key);
        default -> throw new IllegalArgumentException(layout);
      }
      Path csr = out.resolve("req.csr");
      openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + name).out(csr);
      Path ext = out.resolve("ext");
      Files.writeString(ext, extension + "\n");
      Cli.run(
          "openssl",
          "x509",
          "-req",
          "-in",
          csr.toString(),
          "-CA",
          dir.resolve("ca.pem").toString(),
          "-CAkey",
          dir.resolve("ca-key.pem").toString(),
          "-CAcreateserial",
          "-days",
          "1",
          "-extfile",
          ext.toString(),
          "-out",
          out.resolve("cert.pem").toString());
      Files.copy(dir.resolve("ca.pem"), out.resolve("ca.pem"), REPLACE);
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static SSLContext serverContext() {
    Path server = dir.resolve("server");
    return ServerTls.context(
        server.resolve("key.pem"), server.resolve("cert.pem"), dir.resolve("ca.pem"));
  }

  private static Openssl openssl(String... args) {
    return new Openssl(args);
  }

  private record Openssl(String[] args) {
    Openssl keyout(String file) {
      String[] more = java.util.Arrays.copyOf(args, args.length + 2);
      more[args.length] = "-keyout";
      more[args.length + 1] = dir.resolve(file).toString();
      return new Openssl(more);
    }

    void out(String file) {
      out(dir.resolve(file));
    }

    void out(Path file) {
      String[] cmd = new String[args.length + 3];
      cmd[0] = "openssl";
      System.arraycopy(args, 0, cmd, 1, args.length);
      cmd[args.length + 1] = "-out";
      cmd[args.length + 2] = file.toString();
      Cli.run(cmd);
    }
  }
}
