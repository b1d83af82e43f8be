package io.dockernet.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one Docker engine, with the docker CLI's conventions: {@code DOCKER_HOST}, {@code
 * DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} (holding {@code ca.pem}, {@code cert.pem}, {@code
 * key.pem}), or an explicit host (as {@code --host} gives it).
 *
 * <p>Plain {@code tcp://} hands the engine (root on the host) to anyone on the network, so it is
 * refused unless {@code allowInsecure} is set. With TLS the server certificate is verified against
 * {@code ca.pem} and the host name.
 *
 * @param host {@code unix:///path} or {@code tcp://host:port}
 * @param tlsCertPath directory with ca.pem, cert.pem and key.pem; null = no TLS
 * @param allowInsecure permit {@code tcp://} without TLS
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for an answer to one call (the events stream waits
 *     forever)
 */
public record EngineConfig(
    String host,
    Path tlsCertPath,
    boolean allowInsecure,
    Duration connectTimeout,
    Duration responseTimeout) {

  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
  static final List<String> CERT_FILES = List.of("ca.pem", "cert.pem", "key.pem");

  public EngineConfig {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
    connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    responseTimeout = Objects.requireNonNullElse(responseTimeout, DEFAULT_RESPONSE_TIMEOUT);
  }

  /** The local engine on the default unix socket. */
  public static EngineConfig local() {
    return new EngineConfig(DEFAULT_HOST, null, false, null, null);
  }

  /** An explicit host, no TLS (tcp then also needs {@link #withAllowInsecure}). */
  public static EngineConfig forHost(String host) {
    return new EngineConfig(host, null, false, null, null);
  }

  /** From this process's environment, like the docker CLI. */
  public static EngineConfig fromEnvironment() {
    return fromEnvironment(null, System.getenv());
  }

  /**
   * Like the docker CLI: {@code explicitHost} (from {@code --host}) wins over {@code DOCKER_HOST};
   * {@code DOCKER_TLS_VERIFY} (any value but empty, "0" or "false") turns TLS on, with certificates
   * from {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
   */
  public static EngineConfig fromEnvironment(String explicitHost, Map<String, String> env) {
    String host =
        explicitHost != null && !explicitHost.isBlank() ? explicitHost : env.get("DOCKER_HOST");
    String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
    boolean tls = !verify.isEmpty() && !verify.equals("0") && !verify.equalsIgnoreCase("false");
    Path certPath = null;
    if (tls) {
      String dir = env.get("DOCKER_CERT_PATH");
      certPath =
          dir == null || dir.isEmpty()
              ? Path.of(System.getProperty("user.home"), ".docker")
              : Path.of(dir);
    }
    return new EngineConfig(host, certPath, false, null, null);
  }

  public EngineConfig withTls(Path certPath) {
    return new EngineConfig(host, certPath, allowInsecure, connectTimeout, responseTimeout);
  }

  public EngineConfig withAllowInsecure(boolean allow) {
    return new EngineConfig(host, tlsCertPath, allow, connectTimeout, responseTimeout);
  }

  public EngineConfig withTimeouts(Duration connect, Duration response) {
    return new EngineConfig(host, tlsCertPath, allowInsecure, connect, response);
  }

  public boolean tls() {
    return tlsCertPath != null;
  }

  /**
   * The daemon this config reaches, one string for every spelling of its address: {@code unix:} and
   * the normalised socket path, or the scheme and {@code host:port} with the host in lower case.
   * Configs with one address reach one engine, whatever their TLS material. One daemon reached by
   * two addresses (a socket and a port, a name and its IP) is not recognised.
   */
  public String address() {
    try {
      URI uri = URI.create(host);
      if ("unix".equals(uri.getScheme()) && uri.getPath() != null) {
        return "unix:" + Path.of(uri.getPath()).normalize();
      }
      if (uri.getHost() != null) {
        return uri.getScheme() + ":" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
      }
    } catch (IllegalArgumentException e) {
      // not a URI: the host as written (uri() says what is wrong with it)
    }
    return host;
  }

  /** The host as a URI, checked: a supported scheme, and tcp only with TLS or when allowed. */
  public URI uri() {
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "engine host '" + host + "' is not a valid URI: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme();
    if ("unix".equals(scheme)) {
      if (uri.getPath() == null || uri.getPath().isEmpty()) {
        throw new IllegalArgumentException(
            "engine host '" + host + "' names no socket path (e.g. " + DEFAULT_HOST + ")");
      }
      if (tls()) {
        throw new IllegalArgumentException(
            "TLS is for tcp:// hosts; '" + host + "' is a unix socket");
      }
      return uri;
    }
    if ("tcp".equals(scheme)) {
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException(
            "engine host '" + host + "' needs host and port, e.g. tcp://10.0.0.5:2376");
      }
      if (!tls() && !allowInsecure) {
        throw new IllegalArgumentException(
            "refusing plain "
                + host
                + " without TLS (anyone on the network could"
                + " control the engine): set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or accept that explicitly"
                + " (dockernet: --allow-insecure-tcp; a DockerHost: spec.allowInsecure: true)");
      }
      if (tls()) {
        for (String file : CERT_FILES) {
          if (!Files.isReadable(tlsCertPath.resolve(file))) {
            throw new IllegalArgumentException(
                "TLS for "
                    + host
                    + " needs "
                    + tlsCertPath.resolve(file)
                    + " (ca.pem, cert.pem, key.pem)");
          }
        }
      }
      return uri;
    }
    throw new IllegalArgumentException(
        "engine host '" + host + "': unsupported scheme (use unix:// or tcp://)");
  }

  @Override
  public String toString() {
    return host + (tls() ? " (TLS, certificates in " + tlsCertPath + ")" : "");
  }
}
