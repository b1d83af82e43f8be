package io.dockernet.engine;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of a {@code DOCKER_CERT_PATH}-style folder (ca.pem, cert.pem, key.pem), as the
 * docker CLI reads it: trusts ca.pem only and presents cert.pem with key.pem.
 *
 * <p>Certificates are parsed by the JDK, not by BouncyCastle as docker-java's {@code
 * LocalDirectorySSLConfig} does: a BouncyCastle certificate rebuilds its public key on every call,
 * and the JDK asks for the CA's and the client's public keys on every handshake, which made that
 * rebuilding over half of a handshake's CPU. Only the private key goes through docker-java's
 * BouncyCastle reader, which knows every PEM layout OpenSSL writes (PKCS#1, PKCS#8, EC).
 */
final class PemTlsConfig implements SSLConfig {
  private static final char[] IN_MEMORY = "dockernet".toCharArray();

  private final Path dir;

  PemTlsConfig(Path dir) {
    this.dir = dir;
  }

  @Override
  public SSLContext getSSLContext() {
    try {
      List<Certificate> chain = certificates("cert.pem");
      // JKS: held in memory only, and PKCS12 would encrypt the key with 10,000 PBE rounds.
      KeyStore keys = KeyStore.getInstance("JKS");
      keys.load(null, null);
      keys.setKeyEntry("client", privateKey(), IN_MEMORY, chain.toArray(Certificate[]::new));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, IN_MEMORY);

      KeyStore trusted = KeyStore.getInstance("JKS");
      trusted.load(null, null);
      List<Certificate> cas = certificates("ca.pem");
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private List<Certificate> certificates(String name) throws IOException, GeneralSecurityException {
    Path file = dir.resolve(name);
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> found =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (found.isEmpty()) {
        throw new IOException(file + " holds no PEM certificate");
      }
      return found;
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private PrivateKey privateKey() throws IOException {
    Path file = dir.resolve("key.pem");
    PrivateKey key;
    try {
      key = CertificateUtils.loadPrivateKey(Files.readString(file));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + " is not a usable private key: " + e.getMessage(), e);
    }
    if (key == null) {
      throw new IOException(file + " holds no PEM private key");
    }
    return key;
  }
}
