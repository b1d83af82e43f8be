package io.dockernet.operator;

import io.dockernet.engine.EngineConfig;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How one operator deployment runs.
 *
 * @param namespaces namespaces to watch; empty = all
 * @param project the owner label project written on every network ({@code io.dockernet.project})
 * @param hostSelector label selector on DockerHosts: the share of hosts this deployment serves;
 *     empty = all
 * @param defaultHost DockerHost that resources with an empty {@code spec.host} target; null = the
 *     default engine ({@code defaultEngine}), which only a deployment without host selector serves
 * @param defaultEngine the engine for resources without host when {@code defaultHost} is null
 * @param secretNamespace namespace of the DockerHosts' TLS Secrets (the operator's own namespace)
 * @param serverSideApply patch primaries with server-side apply (off: JSON merge patches, which
 *     every API server and the Fabric8 mock accept)
 * @param resyncPeriod safety-net reconcile of every resource at least this often
 * @param port HTTP port of /healthz, /readyz and /metrics; 0 = any free port; negative = no server
 * @param bindAddress address (IP or host name) that port is bound to; empty = every interface
 * @param leaderElection null = off
 */
public record OperatorSettings(
    Set<String> namespaces,
    String project,
    String hostSelector,
    String defaultHost,
    EngineConfig defaultEngine,
    String secretNamespace,
    boolean serverSideApply,
    Duration resyncPeriod,
    int port,
    LeaderElection leaderElection,
    String bindAddress) {

  public static final String DEFAULT_PROJECT = "k8s";
  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);

  /** A Lease that only one replica of a deployment holds; only the holder reconciles. */
  public record LeaderElection(
      String leaseName, String leaseNamespace, String identity, boolean exitOnLoss) {}

  public OperatorSettings {
    namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    project = project == null || project.isBlank() ? DEFAULT_PROJECT : project;
    hostSelector = hostSelector == null ? "" : hostSelector.trim();
    defaultHost = defaultHost == null || defaultHost.isBlank() ? null : defaultHost;
    defaultEngine = defaultEngine == null ? EngineConfig.fromEnvironment() : defaultEngine;
    secretNamespace =
        secretNamespace == null || secretNamespace.isBlank() ? "default" : secretNamespace;
    resyncPeriod = resyncPeriod == null ? DEFAULT_RESYNC : resyncPeriod;
    bindAddress = bindAddress == null ? "" : bindAddress.trim();
  }

  public static OperatorSettings defaults() {
    return new OperatorSettings(
        Set.of(), null, null, null, null, null, false, null, 8080, null, "");
  }

  public OperatorSettings withNamespaces(Set<String> value) {
    return with(f -> f.namespaces = value);
  }

  public OperatorSettings withProject(String value) {
    return with(f -> f.project = value);
  }

  public OperatorSettings withHostSelector(String value, String defaultHostName) {
    return with(
        f -> {
          f.hostSelector = value;
          f.defaultHost = defaultHostName;
        });
  }

  public OperatorSettings withDefaultEngine(EngineConfig value) {
    return with(f -> f.defaultEngine = value);
  }

  public OperatorSettings withSecretNamespace(String value) {
    return with(f -> f.secretNamespace = value);
  }

  public OperatorSettings withServerSideApply(boolean value) {
    return with(f -> f.serverSideApply = value);
  }

  public OperatorSettings withResyncPeriod(Duration value) {
    return with(f -> f.resyncPeriod = value);
  }

  public OperatorSettings withPort(int value) {
    return with(f -> f.port = value);
  }

  public OperatorSettings withBindAddress(String value) {
    return with(f -> f.bindAddress = value);
  }

  public OperatorSettings withLeaderElection(LeaderElection value) {
    return with(f -> f.leaderElection = value);
  }

  /** A copy with some fields changed: each wither names only what it changes. */
  private OperatorSettings with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new OperatorSettings(
        f.namespaces,
        f.project,
        f.hostSelector,
        f.defaultHost,
        f.defaultEngine,
        f.secretNamespace,
        f.serverSideApply,
        f.resyncPeriod,
        f.port,
        f.leaderElection,
        f.bindAddress);
  }

  /** The fields of a settings being copied. */
  private static final class Fields {
    Set<String> namespaces;
    String project;
    String hostSelector;
    String defaultHost;
    EngineConfig defaultEngine;
    String secretNamespace;
    boolean serverSideApply;
    Duration resyncPeriod;
    int port;
    LeaderElection leaderElection;
    String bindAddress;

    Fields(OperatorSettings s) {
      namespaces = s.namespaces;
      project = s.project;
      hostSelector = s.hostSelector;
      defaultHost = s.defaultHost;
      defaultEngine = s.defaultEngine;
      secretNamespace = s.secretNamespace;
      serverSideApply = s.serverSideApply;
      resyncPeriod = s.resyncPeriod;
      port = s.port;
      leaderElection = s.leaderElection;
      bindAddress = s.bindAddress;
    }
  }
}
