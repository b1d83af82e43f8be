package io.dockernet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throw-away TLS material made with openssl, for an engine on {@code tcp://127.0.0.1}: a CA, a
 * server certificate for IP 127.0.0.1, a client certificate, and a second CA that signed nothing of
 * this (for "wrong CA" tests). The client side is laid out like the docker CLI's cert path (ca.pem,
 * cert.pem, key.pem).
 */
public final class TestCertificates {
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Generates everything into {@code dir} (2-day validity, RSA 2048). */
  public static TestCertificates create(Path dir) {
    TestCertificates c = new TestCertificates(dir);
    try {
      Files.createDirectories(dir);
      c.ca("ca");
      c.ca("other-ca");
      c.signed("server", "subjectAltName=IP:127.0.0.1");
      c.signed("client", "extendedKeyUsage=clientAuth");
      Path client = Files.createDirectories(dir.resolve("client"));
      Files.copy(dir.resolve("ca.pem"), client.resolve("ca.pem"));
      Files.copy(dir.resolve("client.pem"), client.resolve("cert.pem"));
      Files.copy(dir.resolve("client-key.pem"), client.resolve("key.pem"));
      // Valid client certificate, but trusting a CA that did not sign the server's.
      Path wrong = Files.createDirectories(dir.resolve("client-wrong-ca"));
      Files.copy(dir.resolve("other-ca.pem"), wrong.resolve("ca.pem"));
      Files.copy(dir.resolve("client.pem"), wrong.resolve("cert.pem"));
      Files.copy(dir.resolve("client-key.pem"), wrong.resolve("key.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }

  public Path caCert() {
    return dir.resolve("ca.pem");
  }

  public Path serverCert() {
    return dir.resolve("server.pem");
  }

  public Path serverKey() {
    return dir.resolve("server-key.pem");
  }

  /** ca.pem, cert.pem, key.pem for a client of the server: a DOCKER_CERT_PATH. */
  public Path clientDir() {
    return dir.resolve("client");
  }

  /**
   * Like {@link #clientDir()} but its ca.pem is another CA: the server's certificate must be
   * refused.
   */
  public Path wrongCaClientDir() {
    return dir.resolve("client-wrong-ca");
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ca(String name) {
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
        "/CN=dockernet-test-" + name,
        "-keyout",
        dir.resolve(name + "-key.pem").toString(),
        "-out",
        dir.resolve(name + ".pem").toString());
  }

  /**
   * A DOCKER_CERT_PATH for another client (CN={@code name}) whose private key is {@code key}, in
   * whatever layout openssl wrote it: ca.pem, cert.pem (signed by the CA), key.pem.
   */
  public Path clientDir(String name, Path key) {
    try {
      Path client = Files.createDirectories(dir.resolve(name));
      Files.copy(key, client.resolve("key.pem"));
      Files.copy(dir.resolve("ca.pem"), client.resolve("ca.pem"));
      String csr = dir.resolve(name + ".csr").toString();
      Cli.run(
          "openssl", "req", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-out", csr);
      sign(name, csr, "extendedKeyUsage=clientAuth", client.resolve("cert.pem"));
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signed(String name, String extension) throws IOException {
    String key = dir.resolve(name + "-key.pem").toString();
    String csr = dir.resolve(name + ".csr").toString();
    Cli.run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=dockernet-test-" + name,
        "-keyout",
        key,
        "-out",
        csr);
    sign(name, csr, extension, dir.resolve(name + ".pem"));
  }

  /** Signs {@code csr} with the CA, with one X.509 extension line, into {@code cert}. */
  private void sign(String name, String csr, String extension, Path cert) throws IOException {
    Path ext = dir.resolve(name + ".ext");
    Files.writeString(ext, extension + "\n");
    Cli.run(
        "openssl",
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        dir.resolve("ca.pem").toString(),
        "-CAkey",
        dir.resolve("ca-key.pem").toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        ext.toString(),
        "-out",
        cert.toString());
  }
}
