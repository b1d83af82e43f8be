package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.engine.EngineConfig;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decides which engine a resource's {@code spec.host} means for this deployment, and whether the
 * resource may use it.
 *
 * <p>Sharding rules (documented in docs/operator.md):
 *
 * <ul>
 *   <li>A named DockerHost is served by the deployment whose {@code --host-selector} matches its
 *       labels.
 *   <li>An empty {@code spec.host} means {@code --default-host} when set (then that DockerHost's
 *       rules apply), else the operator's own default engine ({@code DOCKER_HOST}...), which only a
 *       deployment WITHOUT {@code --host-selector} serves.
 *   <li>A DockerHost that does not exist is reported (NotFound) only by a deployment without
 *       selector; sharded deployments leave it alone.
 * </ul>
 *
 * TLS material is read from the Secret's keys ca.pem, cert.pem and key.pem into files in a private
 * directory of this process ({@link TlsMaterial}); its content never reaches logs, events or
 * status.
 */
public final class HostResolver implements AutoCloseable {
  public static final String DEFAULT_KEY = "";

  /** Engine keys of DockerHosts: {@code host/<name>}. */
  public static final String HOST_KEY_PREFIX = "host/";

  static final List<String> TLS_KEYS = List.of("ca.pem", "cert.pem", "key.pem");

  /** What to do with a resource, engine-wise. */
  public sealed interface Resolution {}

  /** Use this engine. */
  public record Use(String key, String hostName, EngineConfig config, String fingerprint)
      implements Resolution {}

  /** Do nothing on any engine and say why (Forbidden, NotFound, Invalid). */
  public record Refuse(Reason reason, String message) implements Resolution {}

  /**
   * Another deployment serves this host: leave the resource alone (no status, no finalizer work).
   */
  public record NotServed(String hostName) implements Resolution {}

  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final LabelSelector selector;
  private final TlsMaterial tls = new TlsMaterial(Path.of(System.getProperty("java.io.tmpdir")));

  public HostResolver(KubernetesClient client, OperatorSettings settings) {
    this.client = client;
    this.settings = settings;
    this.selector = LabelSelector.parse(settings.hostSelector());
  }

  /**
   * The host name a resource's spec.host stands for here (the default host applied), or null for
   * the default engine.
   */
  public String effectiveHost(String specHost) {
    return specHost == null || specHost.isBlank() ? settings.defaultHost() : specHost;
  }

  /**
   * The engine key for a resource's spec.host: "" (default engine) or host/NAME. Pure: used by
   * cache indexers.
   */
  public String hostKey(String specHost) {
    String host = effectiveHost(specHost);
    return host == null ? DEFAULT_KEY : HOST_KEY_PREFIX + host;
  }

  /** Cheap check for event filters: is this host in our share (needs no Secret)? */
  public boolean serves(String specHost) {
    String host = effectiveHost(specHost);
    if (host == null) {
      return selector.isEmpty();
    }
    DockerHost dockerHost = client.resources(DockerHost.class).withName(host).get();
    if (dockerHost == null) {
      return selector.isEmpty();
    }
    return selector.matches(dockerHost.getMetadata().getLabels());
  }

  public boolean servesHost(DockerHost host) {
    return selector.matches(host.getMetadata().getLabels());
  }

  public Resolution resolve(String namespace, String specHost) {
    String host = effectiveHost(specHost);
    if (host == null) {
      if (!selector.isEmpty()) {
        return new NotServed(null);
      }
      EngineConfig config = settings.defaultEngine();
      return new Use(DEFAULT_KEY, null, config, config.toString());
    }
    DockerHost dockerHost = client.resources(DockerHost.class).withName(host).get();
    if (dockerHost == null) {
      return selector.isEmpty()
          ? new Refuse(Reason.NOT_FOUND, "DockerHost " + host + " does not exist")
          : new NotServed(host);
    }
    if (!selector.matches(dockerHost.getMetadata().getLabels())) {
      return new NotServed(host);
    }
    DockerHostSpec spec = dockerHost.getSpec();
    List<String> allowed = spec == null ? null : spec.getAllowedNamespaces();
    if (allowed != null
        && !allowed.isEmpty()
        && namespace != null
        && !allowed.contains(namespace)) {
      return new Refuse(
          Reason.FORBIDDEN,
          "namespace "
              + namespace
              + " may not use DockerHost "
              + host
              + " (allowedNamespaces: "
              + String.join(", ", allowed)
              + ")");
    }
    return engineFor(dockerHost);
  }

  /** The engine config of a DockerHost (its Secret read), or why it cannot be used. */
  public Resolution engineFor(DockerHost dockerHost) {
    String host = dockerHost.getMetadata().getName();
    DockerHostSpec spec = dockerHost.getSpec();
    if (spec == null || spec.getEndpoint() == null || spec.getEndpoint().isBlank()) {
      return new Refuse(Reason.INVALID, "DockerHost " + host + ": spec.endpoint is required");
    }
    String endpoint = spec.getEndpoint().trim();
    boolean insecure = Boolean.TRUE.equals(spec.getAllowInsecure());
    EngineConfig config = EngineConfig.forHost(endpoint).withAllowInsecure(insecure);
    StringBuilder fingerprint = new StringBuilder(endpoint).append('|').append(insecure);
    String secretName = spec.getTlsSecretName();
    if (secretName != null && !secretName.isBlank()) {
      Secret secret =
          client.secrets().inNamespace(settings.secretNamespace()).withName(secretName).get();
      if (secret == null) {
        return new Refuse(
            Reason.NOT_FOUND,
            "DockerHost "
                + host
                + ": Secret "
                + settings.secretNamespace()
                + "/"
                + secretName
                + " does not exist");
      }
      Map<String, byte[]> material = new java.util.TreeMap<>();
      for (String key : TLS_KEYS) {
        byte[] value = value(secret, key);
        if (value == null) {
          return new Refuse(
              Reason.INVALID,
              "DockerHost "
                  + host
                  + ": Secret "
                  + settings.secretNamespace()
                  + "/"
                  + secretName
                  + " has no key "
                  + key
                  + " (needs ca.pem, cert.pem, key.pem)");
        }
        material.put(key, value);
      }
      String digest = digest(material);
      fingerprint.append('|').append(digest);
      config = config.withTls(tls.write(host, digest, material));
    } else if (endpoint.startsWith("tcp://") && !insecure) {
      return new Refuse(
          Reason.INVALID,
          "DockerHost "
              + host
              + ": plain "
              + endpoint
              + " without TLS is refused; set spec.tlsSecretName, or spec.allowInsecure: true to accept that anyone reaching the port controls the engine");
    }
    try {
      config.uri();
    } catch (IllegalArgumentException e) {
      return new Refuse(Reason.INVALID, "DockerHost " + host + ": " + e.getMessage());
    }
    return new Use(HOST_KEY_PREFIX + host, host, config, fingerprint.toString());
  }

  private static byte[] value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Base64.getDecoder().decode(secret.getData().get(key));
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key).getBytes(StandardCharsets.UTF_8);
    }
    return null;
  }

  private static String digest(Map<String, byte[]> material) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      material.forEach(
          (k, v) -> {
            sha.update(k.getBytes(StandardCharsets.UTF_8));
            sha.update(v);
          });
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DockerHost is gone: delete its TLS files. */
  public void forgetTls(String host) {
    tls.forget(host);
  }

  /** Deletes every TLS file this process wrote. */
  @Override
  public void close() {
    tls.close();
  }
}
