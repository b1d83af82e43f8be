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
 *
 * <p>At scale nothing here may cost an API request per resource: a reconcile reads its DockerHost
 * from its kind's DockerHost informer ({@link Hosts}; a live GET only when the informer does not
 * hold it: just created, or outside this share), and reuses the engine config last read for that
 * host's spec. The Secret is read again by the host's own check ({@link DockerHostReconciler},
 * every {@link DockerHostReconciler#RECHECK}), which replaces the config the resources use; a host
 * whose Secret is missing or incomplete has nothing cached, so its resources read it every time.
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

  /**
   * A DockerHost informer's cache, by name: null when it does not hold the host. A reconcile reads
   * the cache whose events trigger it, so a host change it is told of is the one it sees.
   */
  @FunctionalInterface
  public interface Hosts {
    DockerHost get(String name);
  }

  /** No cache: every lookup is a live GET. */
  public static final Hosts LIVE = name -> null;

  /** The engine config a host's spec resolved to, while that spec holds. */
  private record Resolved(String spec, Use use) {}

  private final java.util.concurrent.ConcurrentHashMap<String, Resolved> resolved =
      new java.util.concurrent.ConcurrentHashMap<>();
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
  public boolean serves(String specHost, Hosts hosts) {
    String host = effectiveHost(specHost);
    if (host == null) {
      return selector.isEmpty();
    }
    DockerHost dockerHost = find(host, hosts);
    if (dockerHost == null) {
      return selector.isEmpty();
    }
    return selector.matches(dockerHost.getMetadata().getLabels());
  }

  public boolean servesHost(DockerHost host) {
    return selector.matches(host.getMetadata().getLabels());
  }

  public Resolution resolve(String namespace, String specHost) {
    return resolve(namespace, specHost, LIVE);
  }

  /** The DockerHost from {@code hosts}, else from the API server (null: it does not exist). */
  private DockerHost find(String name, Hosts hosts) {
    DockerHost cached = hosts.get(name);
    return cached != null ? cached : client.resources(DockerHost.class).withName(name).get();
  }

  /** As {@link #resolve(String, String)}, the DockerHost read from {@code hosts} when it has it. */
  public Resolution resolve(String namespace, String specHost, Hosts hosts) {
    String host = effectiveHost(specHost);
    if (host == null) {
      if (!selector.isEmpty()) {
        return new NotServed(null);
      }
      EngineConfig config = settings.defaultEngine();
      return new Use(DEFAULT_KEY, null, config, config.toString());
    }
    DockerHost dockerHost = find(host, hosts);
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
    Resolved last = resolved.get(host);
    if (last != null && last.spec().equals(specKey(dockerHost))) {
      return last.use();
    }
    return engineFor(dockerHost);
  }

  /** What of a DockerHost's spec the engine config follows. */
  private static String specKey(DockerHost dockerHost) {
    DockerHostSpec spec = dockerHost.getSpec();
    return spec == null
        ? ""
        : spec.getEndpoint() + "|" + spec.getAllowInsecure() + "|" + spec.getTlsSecretName();
  }

  /**
   * The engine config of a DockerHost (its Secret read), or why it cannot be used. The config is
   * kept for the host's resources ({@link #resolve}) until the next call or a change of its spec; a
   * refusal keeps nothing.
   */
  public Resolution engineFor(DockerHost dockerHost) {
    String host = dockerHost.getMetadata().getName();
    String spec = specKey(dockerHost);
    Resolution r = readEngine(dockerHost);
    if (r instanceof Use use) {
      resolved.put(host, new Resolved(spec, use));
    } else {
      resolved.remove(host);
    }
    return r;
  }

  private Resolution readEngine(DockerHost dockerHost) {
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
    resolved.remove(host);
    tls.forget(host);
  }

  /** Deletes every TLS file this process wrote. */
  @Override
  public void close() {
    tls.close();
  }
}
