package io.dockernet.operator;

import io.dockernet.engine.EngineConfig;
import java.time.Duration;
import java.util.Set;

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
    return new OperatorSettings(
        value,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withProject(String value) {
    return new OperatorSettings(
        namespaces,
        value,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withHostSelector(String value, String defaultHostName) {
    return new OperatorSettings(
        namespaces,
        project,
        value,
        defaultHostName,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withDefaultEngine(EngineConfig value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        value,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withSecretNamespace(String value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        value,
        serverSideApply,
        resyncPeriod,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withServerSideApply(boolean value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        value,
        resyncPeriod,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withResyncPeriod(Duration value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        value,
        port,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withPort(int value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        value,
        leaderElection,
        bindAddress);
  }

  public OperatorSettings withBindAddress(String value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        port,
        leaderElection,
        value);
  }

  public OperatorSettings withLeaderElection(LeaderElection value) {
    return new OperatorSettings(
        namespaces,
        project,
        hostSelector,
        defaultHost,
        defaultEngine,
        secretNamespace,
        serverSideApply,
        resyncPeriod,
        port,
        value,
        bindAddress);
  }
}
