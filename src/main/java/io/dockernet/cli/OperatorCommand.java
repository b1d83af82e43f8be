package io.dockernet.cli;

import io.dockernet.operator.DockernetOperator;
import io.dockernet.operator.GatewayFactory;
import io.dockernet.operator.LabelSelector;
import io.dockernet.operator.OperatorSettings;
import io.dockernet.operator.Validation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dockernet operator}: reconciles DockerNetwork, NetworkAttachment and DockerHost resources
 * of a Kubernetes cluster (kubeconfig rules: {@code --kubeconfig}, else {@code KUBECONFIG}, else
 * {@code ~/.kube/config}, else in-cluster). Runs until SIGTERM/SIGINT, then stops cleanly.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Kubernetes operator: converge DockerNetwork, NetworkAttachment and DockerHost resources.",
      "Serves /healthz, /readyz and /metrics (Prometheus) on --port. Stops cleanly on SIGTERM."
    })
final class OperatorCommand implements Callable<Integer> {
  @Mixin EngineOptions engine;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else the in-cluster service account).")
  String kubeconfig;

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      description = "Namespaces to watch, comma-separated (default: all).")
  List<String> namespaces;

  @Option(
      names = "--project",
      defaultValue = OperatorSettings.DEFAULT_PROJECT,
      description =
          "Owner label project (io.dockernet.project) of what this operator creates (default: ${DEFAULT-VALUE}).")
  String project;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description =
          "Port of /healthz, /readyz and /metrics; 0 = any free port, -1 = none (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--metrics-bind-address",
      paramLabel = "ADDRESS",
      defaultValue = "",
      description =
          "Address --port listens on (IP or host name), e.g. the pod IP or 127.0.0.1; /metrics is unauthenticated "
              + "(default: every interface). Kubelet probes reach the pod IP, not 127.0.0.1.")
  String metricsBindAddress;

  @Option(
      names = "--resync-period",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "Reconcile every resource at least this often, as a safety net besides engine events (default: ${DEFAULT-VALUE}).")
  Duration resyncPeriod;

  @Option(
      names = "--server-side-apply",
      defaultValue = "false",
      description =
          "Patch resources and status with server-side apply (default: off: JSON merge patches, accepted by every API server).")
  boolean serverSideApply;

  @Option(
      names = "--leader-election",
      defaultValue = "false",
      description = "Only the holder of a Lease reconciles; run several replicas for fail-over.")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "dockernet-operator",
      description =
          "Lease name; each deployment of a sharded fleet needs its own (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      description =
          "Lease namespace (default: the client's namespace: in-cluster the pod's, else the kubeconfig context's, else default).")
  String leaseNamespace;

  @Option(
      names = "--host-selector",
      paramLabel = "SELECTOR",
      description =
          "Label selector on DockerHosts: this deployment serves only matching hosts (and, with a selector, not the default engine). "
              + "Resources of other hosts are left to the deployment serving them.")
  String hostSelector;

  @Option(
      names = "--default-host",
      paramLabel = "DOCKERHOST",
      description =
          "DockerHost that resources with an empty spec.host target (default: the engine given by --host / DOCKER_HOST).")
  String defaultHost;

  @Option(
      names = "--secret-namespace",
      description =
          "Namespace of DockerHost TLS Secrets (default: the operator's namespace, as for --lease-namespace).")
  String secretNamespace;

  @Override
  public Integer call() throws Exception {
    if (kubeconfig != null) {
      // Fabric8 reads the kubeconfig location from this property before KUBECONFIG and
      // ~/.kube/config.
      System.setProperty("kubeconfig", kubeconfig);
    }
    KubernetesClient client = io.dockernet.operator.OperatorClient.build();
    OperatorSettings settings = settings(client.getNamespace());
    CountDownLatch stopped = new CountDownLatch(1);
    DockernetOperator running =
        DockernetOperator.start(
            client, settings, GatewayFactory.DOCKER_JAVA, Validation.forOperator());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.stop();
                    client.close();
                    System.err.println("dockernet operator stopped");
                  } finally {
                    stopped.countDown();
                  }
                },
                "dockernet-operator-shutdown"));
    System.err.println(
        "dockernet operator running; /healthz, /readyz, /metrics on port " + running.port());
    stopped.await();
    return 0;
  }

  OperatorSettings settings(String clientNamespace) {
    String ownNamespace =
        clientNamespace == null || clientNamespace.isBlank() ? "default" : clientNamespace;
    Set<String> watched =
        namespaces == null
            ? Set.of()
            : new LinkedHashSet<>(
                namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    OperatorSettings settings =
        OperatorSettings.defaults()
            .withNamespaces(watched)
            .withProject(project)
            .withHostSelector(hostSelector, defaultHost)
            .withDefaultEngine(engine.config())
            .withSecretNamespace(secretNamespace == null ? ownNamespace : secretNamespace)
            .withServerSideApply(serverSideApply)
            .withResyncPeriod(resyncPeriod)
            .withPort(port)
            .withBindAddress(metricsBindAddress);
    LabelSelector.parse(hostSelector); // fail fast on a bad selector
    if (leaderElection) {
      settings =
          settings.withLeaderElection(
              new OperatorSettings.LeaderElection(
                  leaseName,
                  leaseNamespace == null ? ownNamespace : leaseNamespace,
                  identity(),
                  true));
    }
    return settings;
  }

  private static String identity() {
    String host;
    try {
      host = System.getenv().getOrDefault("HOSTNAME", InetAddress.getLocalHost().getHostName());
    } catch (Exception e) {
      host = "dockernet";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
