package io.dockernet.bench;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.testing.Kubeconfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.Closeable;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Operator figures: {@code java -jar dockernet.jar operator} (the deployment's JVM options, with
 * the heap its 512 MiB limit allows) against Fabric8's KubernetesMockServer in CRUD mode, on the
 * real engine. (a) Drift healing: an endpoint cut by hand (even trials) or a network removed by
 * hand (odd trials), time from the engine's drift event to its repair event. (b) Scale: 1,000
 * DockerNetwork resources (config-only networks: real engine objects, but no bridge or iptables
 * rules on a machine shared with other test runs), time until every one has a status id, and the
 * operator's resident memory then.
 */
final class OperatorScale {
  private static final String S4 = "4 drift healing (operator)";
  private static final String S6 = "6 footprint (operator)";
  private static final String NS = "bench";
  private static final double TIMEOUT_S = 15;
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final BenchMain.Options options;
  private final Path work;
  private final PrintStream log;

  /**
   * Its own names, label and subnet, whatever the rest of the run uses: it can run beside any of
   * them.
   */
  private final BenchEngine engine = new BenchEngine(Layout.Space.OPERATOR);

  OperatorScale(BenchMain.Options options, Path work, PrintStream log) {
    this.options = options;
    this.work = work;
    this.log = log;
  }

  private record Seen(Event event, long nanos) {}

  Map<String, Object> run(Report report) throws Exception {
    Layout.Space space = Layout.Space.OPERATOR;
    engine.removeNetworks();
    Map<String, Object> json = new LinkedHashMap<>();
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING); // it logs every request at INFO
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    Process operator = null;
    try (KubernetesClient client = server.createClient()) {
      createCrds(client);
      Path kubeconfig = kubeconfig(client.getConfiguration().getMasterUrl());
      int port = freePort();
      List<String> cmd = new ArrayList<>(List.of("java"));
      cmd.addAll(List.of(options.operatorJvm.trim().split("\\s+")));
      cmd.addAll(
          List.of(
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
              "-jar",
              options.jar.toAbsolutePath().toString(),
              "operator",
              "--kubeconfig",
              kubeconfig.toString(),
              "--port",
              Integer.toString(port),
              "--namespaces",
              NS));
      operator =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("operator.out").toFile())
              .start();
      awaitReady(operator, port);

      json.put("drift", drift(client, space, operator, report));
      json.put("scale", scale(client, space, operator, report));
    } finally {
      if (operator != null) {
        operator.destroy();
        if (!operator.waitFor(30, TimeUnit.SECONDS)) {
          operator.destroyForcibly();
        }
      }
      server.destroy();
      engine.removeContainers();
      engine.close();
    }
    return json;
  }

  private Map<String, Object> drift(
      KubernetesClient client, Layout.Space space, Process operator, Report report)
      throws Exception {
    String container = space.prefix() + "c0";
    engine.startContainers(List.of(container), options.image);
    String containerId = engine.client().inspectContainerCmd(container).exec().getId();
    String attached = space.prefix() + "op";
    client
        .resource(network(attached, space, "10.124." + (space.emptyBase() + 6) + ".0/24", false))
        .create();
    client.resource(attachment(attached, container)).create();
    List<String> empty = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      String name = space.prefix() + "ope" + k;
      empty.add(name);
      // Not config-only: engine 20.10 emits no event when a config-only network is removed, so
      // only the operator's periodic resync would notice. No subnet: the default pools suffice.
      client.resource(network(name, space, null, false)).create();
    }
    awaitState(operator, 1 + empty.size(), 1);

    BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
    Stats cut = new Stats();
    Stats removed = new Stats();
    int failures = 0;
    try (Closeable stream =
        engine
            .client()
            .eventsCmd()
            .withEventTypeFilter(EventType.NETWORK)
            .exec(
                new ResultCallback.Adapter<Event>() {
                  @Override
                  public void onNext(Event e) {
                    events.add(new Seen(e, System.nanoTime()));
                  }
                })) {
      Thread.sleep(500);
      for (int t = 0; t < options.driftTrials; t++) {
        events.clear();
        boolean cutTrial = t % 2 == 0;
        String network = cutTrial ? attached : empty.get((t / 2) % empty.size());
        List<String> cmd =
            cutTrial
                ? List.of("docker", "network", "disconnect", network, container)
                : List.of("docker", "network", "rm", network);
        Proc.run(work, Map.of(), cmd).orFail("drift by hand");
        String drift = cutTrial ? "disconnect" : "destroy";
        String repair = cutTrial ? "connect" : "create";
        Long driftAt = null;
        Long repairedAt = null;
        long deadline = System.nanoTime() + (long) (TIMEOUT_S * 1e9);
        while (repairedAt == null && System.nanoTime() < deadline) {
          Seen s = events.poll(100, TimeUnit.MILLISECONDS);
          if (s == null || !network.equals(attr(s.event(), "name"))) {
            continue;
          }
          boolean sameContainer = !cutTrial || containerId.equals(attr(s.event(), "container"));
          if (driftAt == null && drift.equals(s.event().getAction()) && sameContainer) {
            driftAt = s.nanos();
          } else if (driftAt != null && repair.equals(s.event().getAction()) && sameContainer) {
            repairedAt = s.nanos();
          }
        }
        double healed =
            driftAt == null || repairedAt == null ? TIMEOUT_S : (repairedAt - driftAt) / 1e9;
        if (healed >= TIMEOUT_S) {
          failures++;
        }
        (cutTrial ? cut : removed).add(healed);
        log.printf(
            "operator drift trial %d %-10s %-10s healed in %.3f s%n",
            t + 1, drift, network, healed);
        awaitState(operator, 1 + empty.size(), 1);
      }
    }
    Stats all = new Stats();
    cut.samples.forEach(all::add);
    removed.samples.forEach(all::add);
    report.add(
        S4,
        "endpoint cut: median / worst of " + cut.samples.size(),
        Report.sec(cut.median()) + " / " + Report.sec(cut.max()));
    report.add(
        S4,
        "network removed: median / worst of " + removed.samples.size(),
        Report.sec(removed.median()) + " / " + Report.sec(removed.max()));
    report.add(S4, "all trials median", Report.sec(all.median()), "≤ 1 s", all.median() <= 1.0);
    report.add(
        S4, "all trials worst", Report.sec(all.max()), "≤ 3 s", all.max() <= 3.0 && failures == 0);
    client.resources(NetworkAttachment.class).inNamespace(NS).delete();
    client.resources(DockerNetwork.class).inNamespace(NS).delete();
    awaitState(operator, 0, 0);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("endpointCut", cut.samples);
    json.put("networkRemoved", removed.samples);
    json.put("failures", failures);
    return json;
  }

  private Map<String, Object> scale(
      KubernetesClient client, Layout.Space space, Process operator, Report report)
      throws Exception {
    int count = options.operatorResources;
    double idleMiB = rssMiB(operator);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      client.resource(network(space.prefix() + "s" + i, space, null, true)).create();
    }
    double created = (System.nanoTime() - start) / 1e9;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    double peak = 0;
    int ready = 0;
    while (System.nanoTime() < deadline) {
      peak = Math.max(peak, rssMiB(operator));
      ready =
          (int)
              client.resources(DockerNetwork.class).inNamespace(NS).list().getItems().stream()
                  .filter(n -> n.getStatus() != null && n.getStatus().getId() != null)
                  .count();
      if (ready == count) {
        break;
      }
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator exited; see " + work.resolve("operator.out"));
      }
      Thread.sleep(1000);
    }
    double converged = (System.nanoTime() - start) / 1e9;
    log.printf(
        "operator: %d/%d DockerNetworks with a status id after %.1f s (resources created in %.1f s)%n",
        ready, count, converged, created);
    // Steady state: a while of resyncs and informer traffic with everything converged.
    for (int k = 0; k < 15; k++) {
      peak = Math.max(peak, rssMiB(operator));
      Thread.sleep(1000);
    }
    double steady = rssMiB(operator);
    // Where the memory is: heap in use and committed (jcmd), for docs/benchmarks.md.
    Proc.Result heap =
        Proc.run(work, Map.of(), List.of("jcmd", Long.toString(operator.pid()), "GC.heap_info"));
    log.println("operator heap (" + options.operatorJvm + "):\n" + heap.out());
    report.add(S6, "operator JVM options", options.operatorJvm);
    report.add(S6, "operator RSS idle (0 resources)", String.format("%.0f MiB", idleMiB));
    report.add(
        S6,
        "operator: " + count + " DockerNetworks converged in",
        Report.sec(converged),
        "",
        ready == count);
    report.add(
        S6,
        "operator RSS with " + count + " DockerNetworks: steady / peak",
        String.format("%.0f / %.0f MiB", steady, peak),
        "≤ 256 MiB",
        peak <= 256 && ready == count);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("resources", count);
    json.put("ready", ready);
    json.put("convergedSeconds", converged);
    json.put("rssIdleMiB", idleMiB);
    json.put("rssSteadyMiB", steady);
    json.put("rssPeakMiB", peak);
    return json;
  }

  private DockerNetwork network(
      String name, Layout.Space space, String subnet, boolean configOnly) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setLabels(Map.of(Layout.LABEL, space.labelValue()));
    if (configOnly) {
      spec.setConfigOnly(true);
    }
    if (subnet != null) {
      IpamConfig pool = new IpamConfig();
      pool.setSubnet(subnet);
      IpamSpec ipam = new IpamSpec();
      ipam.setConfig(List.of(pool));
      spec.setIpam(ipam);
    }
    n.setSpec(spec);
    return n;
  }

  private static NetworkAttachment attachment(String network, String container) {
    NetworkAttachment a = new NetworkAttachment();
    a.setMetadata(
        new ObjectMetaBuilder().withName(network + "-" + container).withNamespace(NS).build());
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(network);
    spec.setContainer(container);
    spec.setAliases(List.of("op"));
    a.setSpec(spec);
    return a;
  }

  private void awaitState(Process operator, int networks, int endpoints)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator exited; see " + work.resolve("operator.out"));
      }
      BenchEngine.State s = engine.state();
      if (s.networks() == networks && s.endpoints() == endpoints) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the operator did not converge to "
            + networks
            + " networks and "
            + endpoints
            + " endpoints (engine has "
            + engine.state()
            + "); see "
            + work.resolve("operator.out"));
  }

  private void awaitReady(Process operator, int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator exited; see " + work.resolve("operator.out"));
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the operator did not become ready; see " + work.resolve("operator.out"));
  }

  /** Resident set of the operator's JVM, from /proc. */
  private static double rssMiB(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (java.io.IOException e) {
      // exited
    }
    return Double.NaN;
  }

  private void createCrds(KubernetesClient client) throws Exception {
    try (Stream<Path> files = Files.list(options.crds)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
              .sorted()
              .toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
              .create();
        }
      }
    }
  }

  private Path kubeconfig(String url) throws Exception {
    return Kubeconfig.write(work.resolve("kubeconfig"), url, null);
  }

  private static String attr(Event e, String key) {
    return e.getActor() == null || e.getActor().getAttributes() == null
        ? null
        : e.getActor().getAttributes().get(key);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
