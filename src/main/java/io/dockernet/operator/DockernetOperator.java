package io.dockernet.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running operator: the JOSDK {@link Operator} with our three reconcilers, the engines they
 * use, and the health/metrics server. {@code dockernet operator} and the tests start it the same
 * way.
 */
public final class DockernetOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DockernetOperator.class);

  /** Engine errors back off from 1 s to 30 s and keep retrying: engines come back. */
  static final long RETRY_INITIAL_MS = 1000;

  static final long RETRY_MAX_MS = 30_000;

  private final Operator operator;
  private final Engines engines;
  private final OperatorMetrics metrics;
  private final HealthServer health;
  private final HostResolver resolver;
  private volatile boolean stopped;

  private DockernetOperator(
      Operator operator,
      Engines engines,
      HostResolver resolver,
      OperatorMetrics metrics,
      HealthServer health) {
    this.operator = operator;
    this.engines = engines;
    this.resolver = resolver;
    this.metrics = metrics;
    this.health = health;
  }

  /**
   * Builds, registers and starts (start returns once informers synced, or at once when waiting for
   * the Lease).
   */
  public static DockernetOperator start(
      KubernetesClient client,
      OperatorSettings settings,
      GatewayFactory gateways,
      SpecValidator validator) {
    OperatorMetrics metrics = new OperatorMetrics();
    Engines engines = new Engines(gateways, metrics);
    OperatorContext op =
        new OperatorContext(
            client,
            settings,
            new HostResolver(client, settings),
            engines,
            metrics,
            new KubeEvents(client),
            validator);

    Operator operator = new Operator(configuration(client, settings, metrics));

    PoolRegistry pools = new PoolRegistry(op);
    DockerNetworkReconciler networks = new DockerNetworkReconciler(op, pools);
    SubnetPoolReconciler subnetPools = new SubnetPoolReconciler(op, pools, networks);
    NetworkAttachmentReconciler attachments = new NetworkAttachmentReconciler(op);
    // Static addresses stay free: networks read the attachments of their host, and follow them.
    networks.attachmentsFrom(attachments::onHost);
    attachments.onReservationsChanged(networks::reservationsChanged);
    DockerHostReconciler hosts = new DockerHostReconciler(op);
    HostResolver resolver = op.resolver();
    // Resources of hosts outside this deployment's share never reach our reconcilers (no finalizer,
    // no status).
    operator.register(networks, namespaced(settings, networks::served));
    operator.register(attachments, namespaced(settings, attachments::served));
    operator.register(subnetPools, o -> common(settings, o));
    DockerNetworkPolicyReconciler policies =
        new DockerNetworkPolicyReconciler(op, new io.dockernet.policy.Netfilter());
    operator.register(policies, namespaced(settings, policies::served));
    operator.register(
        hosts,
        o -> {
          common(settings, o);
          if (!settings.hostSelector().isEmpty()) {
            o.withLabelSelector(settings.hostSelector());
          }
        });

    HealthServer health = null;
    if (settings.port() >= 0) {
      try {
        health =
            new HealthServer(
                settings.bindAddress(),
                settings.port(),
                () -> true,
                () ->
                    operator.getRuntimeInfo().isStarted()
                        && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
                metrics::scrape);
      } catch (IOException e) {
        engines.close();
        throw new UncheckedIOException(
            "cannot serve /healthz, /readyz, /metrics on "
                + (settings.bindAddress().isEmpty() ? "port " : settings.bindAddress() + " port ")
                + settings.port(),
            e);
      }
    }
    DockernetOperator running = new DockernetOperator(operator, engines, resolver, metrics, health);
    operator.start();
    LOG.info(
        "dockernet operator started: namespaces {}, project {}, host selector '{}', default host {}, SSA {}, health port {}",
        settings.namespaces().isEmpty() ? "all" : settings.namespaces(),
        settings.project(),
        settings.hostSelector(),
        settings.defaultHost() == null ? "(default engine)" : settings.defaultHost(),
        settings.serverSideApply(),
        health == null ? "none" : health.port());
    return running;
  }

  /**
   * How JOSDK is configured for these settings: our client (not closed on stop) and resource copies
   * ({@link OperatorClient#cloner}), server-side apply only with {@code --server-side-apply}, our
   * metrics registry, the Lease when leader election is on.
   */
  static Consumer<ConfigurationServiceOverrider> configuration(
      KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics) {
    return o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withResourceCloner(OperatorClient.cloner())
          .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
          .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()));
      if (settings.leaderElection() != null) {
        OperatorSettings.LeaderElection le = settings.leaderElection();
        LeaderElectionConfigurationBuilder builder =
            LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
                .withLeaseNamespace(le.leaseNamespace())
                // The command exits when it loses the Lease (a fresh start re-reads everything);
                // tests must not.
                .withExitOnStopLeading(le.exitOnLoss());
        if (le.identity() != null) {
          builder.withIdentity(le.identity());
        }
        o.withLeaderElectionConfiguration(builder.build());
      }
    };
  }

  private static <P extends io.fabric8.kubernetes.api.model.HasMetadata>
      Consumer<ControllerConfigurationOverrider<P>> namespaced(
          OperatorSettings settings, java.util.function.Predicate<P> served) {
    return o -> {
      common(settings, o);
      o.withGenerationAware(false)
          .withOnUpdateFilter(Pause.onUpdate()); // pausing bumps no generation
      if (!settings.hostSelector().isEmpty() || settings.defaultHost() != null) {
        o.withGenericFilter(served::test);
      }
      if (!settings.namespaces().isEmpty()) {
        o.settingNamespaces(settings.namespaces());
      }
    };
  }

  private static <P extends io.fabric8.kubernetes.api.model.HasMetadata> void common(
      OperatorSettings settings, ControllerConfigurationOverrider<P> o) {
    o.withReconciliationMaxInterval(settings.resyncPeriod());
    o.withRetry(
        new GenericRetry()
            .setInitialInterval(RETRY_INITIAL_MS)
            .setIntervalMultiplier(2)
            .setMaxInterval(RETRY_MAX_MS)
            .withoutMaxAttempts());
  }

  public Operator operator() {
    return operator;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Host keys of the engines this deployment has open ("" = default engine, host/NAME). */
  java.util.Set<String> openEngines() {
    return engines.openKeys();
  }

  /** The port of /healthz, /readyz and /metrics, or -1 when not served. */
  public int port() {
    return health == null ? -1 : health.port();
  }

  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      operator.stop();
    } finally {
      engines.close();
      resolver.close();
      if (health != null) {
        health.close();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
