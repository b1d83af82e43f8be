package io.dockernet.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The server side of a test's TLS, built by the JDK alone from PEM files openssl wrote. */
public final class ServerTls {
  private ServerTls() {}

  /**
   * A context presenting {@code cert} with {@code key} (any layout: openssl repackages it as
   * PKCS#12) and trusting client certificates signed by {@code ca}.
   */
  public static SSLContext context(Path key, Path cert, Path ca) {
    try {
      Path p12 = Files.createTempFile(cert.getParent(), "server", ".p12");
      Cli.run(
          "openssl",
          "pkcs12",
          "-export",
          "-passout",
          "pass:test",
          "-inkey",
          key.toString(),
          "-in",
          cert.toString(),
          "-out",
          p12.toString());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        keys.load(in, "test".toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "test".toCharArray());
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(ca)) {
        trust.setCertificateEntry(
            "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new AssertionError("cannot build the server TLS context: " + e.getMessage(), e);
    }
  }
}
