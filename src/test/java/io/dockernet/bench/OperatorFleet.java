package io.dockernet.bench;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.testing.SecondDockerd;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 15, target 4: the operator at scale. {@code java -jar dockernet.jar operator} with the
 * shipped JVM options (MaxRAM standing in for the deployment's 512 MiB limit) against Fabric8's
 * KubernetesMockServer (CRUD mode), serving {@code --scale-resources} DockerNetworks (10,000)
 * across {@code --scale-hosts} DockerHosts (10), each host a private dockerd ({@link
 * SecondDockerd}, TLS on 127.0.0.1) so that thousands of networks never reach the shared engine
 * other test runs list.
 *
 * <p>A fraction {@code --scale-real} of each host's DockerNetworks is real: a config-only network
 * on that host's engine (a real engine object, read by every snapshot, but no bridge, no address
 * pool: bridge networks without a subnet run out after ~30 on the default pools). The rest carry
 * {@code dockernet.io/paused=true}: the operator reconciles them like the others (snapshot, plan,
 * status: Ready=False Paused naming the create it holds) but never creates them. One more
 * DockerNetwork, a bridge with a subnet in 10.237.0.0/24 on the first host, is the drift subject:
 * it is removed by hand (the engine emits an event for it, which config-only networks lack on
 * 20.10) while everything else sits idle, and the time from the engine's destroy event to its
 * create event is the heal time.
 *
 * <p>Figures: time to converge; RSS idle (no resources), after converging, after a quiet window,
 * peak; RSS and heap (after a full GC) per resource; CPU of the operator over a quiet window, with
 * the API requests and engine snapshot reads it made; the cost of one full resync (every resource
 * reconciled with nothing changed: each DockerHost's spec is touched, which reconciles every
 * resource naming it) in CPU seconds, wall time and engine reads, and that cost spread over the
 * shipped resync period; the drift heal median. Machine load is printed beside each figure.
 */
final class OperatorFleet {
  static final String S = "7 operator at scale";
  static final String NS = "bench";
  private static final String LABEL_VALUE = "fleet";
  private static final String DRIFT = "dnf-drift";
  private static final String DRIFT_SUBNET = "10.237.0.0/24";
  private static final long TICKS = 100; // USER_HZ on Linux
  private static final Duration SHIPPED_RESYNC = Duration.ofMinutes(5);

  private final BenchMain.Options options;
  private final Path work;
  private final PrintStream log;
  private final Map<String, Object> json = new LinkedHashMap<>();

  OperatorFleet(BenchMain.Options options, Path work, PrintStream log) {
    this.options = options;
    this.work = work;
    this.log = log;
  }

  /** Problems that make the run not ok (a missed target is not one). */
  @SuppressWarnings("unchecked")
  static void problems(Object fleet, List<String> problems) {
    if (fleet instanceof Map<?, ?> m) {
      Object ready = m.get("ready");
      Object total = m.get("resources");
      if (ready != null && !ready.equals(total)) {
        problems.add("operator fleet: " + ready + " of " + total + " DockerNetworks converged");
      }
      if (m.get("drift") instanceof Map<?, ?> d && !Integer.valueOf(0).equals(d.get("failures"))) {
        problems.add("operator fleet drift: " + d.get("failures") + " trials did not heal");
      }
    }
  }

  Map<String, Object> run(Report report) throws Exception {
    int hosts = options.scaleHosts;
    int engines = Math.min(options.scaleEngines, hosts);
    int perHost = options.scaleResources / hosts;
    int realPerHost = (int) Math.round(perHost * options.scaleReal);
    int total = perHost * hosts;
    json.put("resources", total + 1);
    json.put("hosts", hosts);
    json.put("engines", engines);
    json.put("realOnEngine", realPerHost * hosts + 1);
    json.put("pausedPending", (perHost - realPerHost) * hosts);
    json.put("jvm", options.operatorJvm);
    log.printf(
        "operator fleet: %d DockerNetworks over %d DockerHosts on %d private dockerds: %d real"
            + " (config-only) + 1 bridge, %d paused (pending); load %s%n",
        total + 1, hosts, engines, realPerHost * hosts, (perHost - realPerHost) * hosts, load());

    List<SecondDockerd> dockerds = new ArrayList<>();
    KubernetesMockServer server = mockServer();
    Process operator = null;
    SharedIndexInformer<DockerNetwork> informer = null;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Files.deleteIfExists(work.resolve("operator-fleet.out")); // each start appends to it
    try {
      long t0 = System.nanoTime();
      List<Future<SecondDockerd>> starting = new ArrayList<>();
      for (int e = 0; e < engines; e++) {
        starting.add(pool.submit(OperatorFleet::startDockerd));
      }
      try {
        for (Future<SecondDockerd> f : starting) {
          dockerds.add(f.get());
        }
      } finally { // the ones that did start are discarded below even if another failed
        for (Future<SecondDockerd> f : starting) {
          try {
            SecondDockerd d = f.get();
            if (!dockerds.contains(d)) {
              dockerds.add(d);
            }
          } catch (java.util.concurrent.ExecutionException notStarted) {
            // nothing to discard
          }
        }
      }
      log.printf(
          "operator fleet: %d dockerds up in %.1f s%n", engines, (System.nanoTime() - t0) / 1e9);
      KubernetesClient client = cluster(server);
      for (int e = 0; e < engines; e++) {
        client
            .resource(tlsSecret("engine-" + e, dockerds.get(e).certificates().clientDir()))
            .create();
      }
      for (int h = 0; h < hosts; h++) {
        client.resource(host(h, dockerds.get(h % engines), h % engines)).create();
      }

      int port = freePort();
      operator = startOperator(client, port);
      awaitReady(operator, port);
      Thread.sleep(3000);
      double rssEmpty = rssMiB(operator);
      json.put("rssEmptyMiB", rssEmpty);
      // The heap of the operator with no resource, the base the per-resource figure is taken from.
      double heapEmpty = heapAfterFullGc(operator);
      json.put("heapEmptyAfterGcMiB", heapEmpty);

      // Tracks what every DockerNetwork's status says, from the API server's watch.
      Set<String> done = ConcurrentHashMap.newKeySet();
      informer =
          client
              .resources(DockerNetwork.class)
              .inNamespace(NS)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(DockerNetwork n) {
                      track(n, done);
                    }

                    @Override
                    public void onUpdate(DockerNetwork old, DockerNetwork n) {
                      track(n, done);
                    }

                    @Override
                    public void onDelete(DockerNetwork n, boolean unknown) {}
                  });

      // The resources are created while no operator runs, then the operator starts on all of
      // them (as after a restart or an upgrade): the mock API server answers on one thread and
      // scans every stored object per request, so creating 10,000 while the operator patches
      // each one took over 15 minutes on this machine; apart, the two phases take a few.
      operator.destroy();
      if (!operator.waitFor(30, TimeUnit.SECONDS)) {
        operator.destroyForcibly();
      }
      long createStart = System.nanoTime();
      List<Future<?>> creating = new ArrayList<>();
      for (int h = 0; h < hosts; h++) {
        int host = h;
        creating.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perHost; i++) {
                    create(client, network(host, i, i >= realPerHost));
                  }
                  return null;
                }));
      }
      client.resource(driftNetwork()).create();
      for (Future<?> f : creating) {
        f.get();
      }
      double created = (System.nanoTime() - createStart) / 1e9;
      json.put("createSeconds", created);
      log.printf(
          "operator fleet: %d DockerNetworks created in the API server in %.1f s; load %s%n",
          total + 1, created, load());
      long start = System.nanoTime();
      operator = startOperator(client, port);
      awaitReady(operator, port);
      log.printf(
          "operator fleet: operator ready (informers synced) %.1f s after its start; load %s%n",
          (System.nanoTime() - start) / 1e9, load());
      double peak = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.scaleTimeoutSeconds);
      int last = -1;
      long lastLog = 0;
      while (System.nanoTime() < deadline && done.size() < total + 1) {
        peak = Math.max(peak, rssMiB(operator));
        if (!operator.isAlive()) {
          throw new IllegalStateException(
              "the operator exited; see " + work.resolve("operator-fleet.out"));
        }
        if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15) && done.size() != last) {
          last = done.size();
          lastLog = System.nanoTime();
          log.printf(
              "operator fleet: %d/%d converged after %.0f s, RSS %.0f MiB; load %s%n",
              last, total + 1, (lastLog - start) / 1e9, rssMiB(operator), load());
        }
        Thread.sleep(500);
      }
      double converged = (System.nanoTime() - start) / 1e9;
      int ready = done.size();
      json.put("ready", ready);
      json.put("convergeSeconds", converged);
      json.put("convergeLoad", load());
      double rssConverged = rssMiB(operator);
      log.printf(
          "operator fleet: %d/%d converged in %.1f s, RSS %.0f MiB (peak %.0f); load %s%n",
          ready, total + 1, converged, rssConverged, peak, load());

      // Quiet window: nothing changes; what does the operator do? It starts once the operator
      // has finished with the converge: every status written is an update event that JOSDK
      // reconciles again (a round against a shared snapshot, no write), and at 10,000 resources
      // through two threads per host that tail lasts well after the last status (the first 10,000
      // run counted 230 reconciles and 48 engine reads in a window that began 5 s after it).
      long settleStart = System.nanoTime();
      settle(port);
      double settled = (System.nanoTime() - settleStart) / 1e9;
      json.put("settleSeconds", settled);
      log.printf(
          "operator fleet: no reconcile for 5 s, %.1f s after the last status; load %s%n",
          settled, load());
      drain(server);
      Map<String, Double> m0 = metrics(port);
      long cpu0 = cpuTicks(operator);
      int requests0 = server.getRequestCount();
      long w0 = System.nanoTime();
      String loadBefore = load();
      for (int s = 0; s < options.scaleIdleSeconds; s++) {
        peak = Math.max(peak, rssMiB(operator));
        Thread.sleep(1000);
      }
      double window = (System.nanoTime() - w0) / 1e9;
      double idleCpu = (cpuTicks(operator) - cpu0) / (double) TICKS;
      int idleRequests = server.getRequestCount() - requests0;
      Map<String, Integer> idleKinds = drain(server);
      Map<String, Double> m1 = metrics(port);
      double idleReads = diff(m0, m1, "dockernet_engine_snapshots_total", "source=\"engine\"");
      double idleReconciles = reconciles(m0, m1);
      double rssSteady = rssMiB(operator);
      double idlePercent = 100 * idleCpu / window;
      String idleLoad = loadBefore;
      log.printf(
          "operator fleet: quiet %.0f s: CPU %.2f s (%.2f %% of a core), %d API requests,"
              + " %.0f engine snapshot reads, %.0f reconciles; RSS %.0f MiB; load %s -> %s%n",
          window,
          idleCpu,
          idlePercent,
          idleRequests,
          idleReads,
          idleReconciles,
          rssSteady,
          loadBefore,
          load());

      // Two full resyncs, one after the other: the first after the converge also pays the JIT
      // for paths the converge never took (every round a no-op); the second is what each resync
      // period costs from then on, and carries the verdict.
      Resync firstResync = resync(client, server, operator, port, hosts, total, List.of(NS));
      Resync resync =
          resync(client, server, operator, port, hosts, total, List.of(NS, "bench-resync"));

      // Where the memory is: heap after a full GC, and RSS.
      double heapUsed = heapAfterFullGc(operator);
      double rssAfter = rssMiB(operator);
      peak = Math.max(peak, rssAfter);

      Map<String, Object> drift = drift(dockerds.get(0), operator);

      double rssMax = Math.max(peak, rssMiB(operator));
      double perResourceKiB = (rssSteady - rssEmpty) * 1024 / (total + 1);
      json.put("rssConvergedMiB", rssConverged);
      json.put("rssSteadyMiB", rssSteady);
      json.put("rssPeakMiB", rssMax);
      json.put("rssPerResourceKiB", perResourceKiB);
      json.put("heapUsedAfterGcMiB", heapUsed);
      // What each resource adds: the heap of the empty operator (classes' statics, clients,
      // caches of the JDK and libraries) is not per resource.
      double heapPerResourceKiB = (heapUsed - heapEmpty) * 1024 / (total + 1);
      json.put("heapPerResourceKiB", heapPerResourceKiB);
      json.put(
          "idle",
          Map.of(
              "seconds", window,
              "cpuSeconds", idleCpu,
              "cpuPercentOfOneCore", idlePercent,
              "apiRequests", idleRequests,
              "apiRequestsByKind", idleKinds,
              "engineSnapshotReads", idleReads,
              "reconciles", idleReconciles,
              "load", idleLoad));
      json.put("firstResync", firstResync.json());
      json.put("resync", resync.json());
      json.put("drift", drift);

      String shape =
          String.format(
              "%d DockerNetworks, %d DockerHosts, %d dockerds; %d on the engine, %d paused",
              total + 1, hosts, engines, realPerHost * hosts + 1, (perHost - realPerHost) * hosts);
      report.add(S, "shape", shape);
      report.add(S, "operator JVM options", options.operatorJvm);
      report.add(
          S,
          "converged (status written) after the operator's start on all of them",
          Report.sec(converged)
              + String.format(
                  " (load %s; created beforehand in %.0f s)", json.get("convergeLoad"), created),
          "all " + (total + 1),
          ready == total + 1);
      report.add(
          S,
          "RSS: empty / converged / after quiet window / peak",
          String.format("%.0f / %.0f / %.0f / %.0f MiB", rssEmpty, rssConverged, rssSteady, rssMax),
          "peak ≤ 512 MiB",
          rssMax <= 512 && ready == total + 1);
      report.add(
          S,
          "memory per resource: RSS / heap after full GC (over the empty operator's)",
          String.format(
              "%.1f / %.1f KiB (heap %.0f MiB, %.0f MiB with no resource)",
              perResourceKiB, heapPerResourceKiB, heapUsed, heapEmpty));
      report.add(
          S,
          "quiet " + Math.round(window) + " s: operator CPU",
          String.format(
              "%.2f %% of a core (%.2f s; %d API requests, %.0f engine reads, %.0f reconciles; load %s)",
              idlePercent, idleCpu, idleRequests, idleReads, idleReconciles, idleLoad),
          "≤ 1 % of a core",
          idlePercent <= 1.0);
      report.add(
          S,
          "first full resync after the converge (JIT of the no-op paths included)",
          firstResync.summary());
      report.add(S, "full resync of every resource (the second)", resync.summary());
      report.add(
          S,
          "resync CPU spread over the shipped " + SHIPPED_RESYNC.toMinutes() + " min period",
          String.format("%.2f %% of a core", resync.amortised()),
          "≤ 1 % of a core",
          resync.amortised() <= 1.0 && resync.rounds() >= total + 1);
      @SuppressWarnings("unchecked")
      List<Double> heals = (List<Double>) drift.get("samples");
      Stats stats = new Stats();
      heals.forEach(stats::add);
      report.add(
          S,
          "drift (network removed) healed: median / worst of " + heals.size(),
          Report.sec(stats.median())
              + " / "
              + Report.sec(stats.max())
              + " (load "
              + drift.get("load")
              + ")",
          "median ≤ 1 s",
          !heals.isEmpty()
              && stats.median() <= 1.0
              && Integer.valueOf(0).equals(drift.get("failures")));
      return json;
    } finally {
      if (informer != null) {
        informer.close();
      }
      if (operator != null) {
        operator.destroy();
        if (!operator.waitFor(30, TimeUnit.SECONDS)) {
          operator.destroyForcibly();
        }
      }
      server.destroy();
      pool.shutdownNow();
      // Their networks go with their data roots: removing thousands one by one would take minutes.
      dockerds.forEach(SecondDockerd::discard);
    }
  }

  /**
   * The mock's logger, held: java.util.logging keeps loggers weakly, and one collected loses its
   * level (the mock then logged requests at INFO again, on the cores the contenders share).
   */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  /** Fabric8's mock API server in CRUD mode, quiet (it logs every request at INFO). */
  static KubernetesMockServer mockServer() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    return new KubernetesMockServer(
        new Context(Serialization.jsonMapper()),
        new MockWebServer(),
        new HashMap<>(),
        new KubernetesMixedDispatcher(new HashMap<>()),
        false);
  }

  /** Starts the mock and returns a client for it, with the CRDs and the namespace created. */
  KubernetesClient cluster(KubernetesMockServer server) throws Exception {
    server.init();
    // A loaded machine makes the mock slow to answer: wait for it rather than POST again.
    KubernetesClient client =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(
                        server.createClient().getConfiguration())
                    .withRequestTimeout(120_000)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    createCrds(client);
    client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .endMetadata()
                .build())
        .create();
    return client;
  }

  /**
   * Another test JVM sweeping leftover daemons at the same moment can make a start fail: once more.
   */
  private static SecondDockerd startDockerd() {
    try {
      return SecondDockerd.start();
    } catch (RuntimeException | AssertionError e) {
      return SecondDockerd.start();
    }
  }

  private record Resync(
      double rounds,
      double wallSeconds,
      double cpuSeconds,
      double engineReads,
      double shared,
      int apiRequests,
      Map<String, Integer> apiRequestsByKind,
      String load) {
    double amortised() {
      return 100 * cpuSeconds / SHIPPED_RESYNC.toSeconds();
    }

    String summary() {
      return String.format(
          "%.1f s CPU, %.1f s wall, %.0f engine reads, %d API requests (load %s)",
          cpuSeconds, wallSeconds, engineReads, apiRequests, load);
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("rounds", rounds);
      json.put("wallSeconds", wallSeconds);
      json.put("cpuSeconds", cpuSeconds);
      json.put("engineSnapshotReads", engineReads);
      json.put("sharedSnapshots", shared);
      json.put("apiRequests", apiRequests);
      json.put("apiRequestsByKind", apiRequestsByKind);
      json.put("cpuPercentAtShippedPeriod", amortised());
      json.put("load", load);
      return json;
    }
  }

  /**
   * One full resync: every DockerHost's spec changed (its allowed namespaces, which keep {@link
   * #NS}); every resource naming it reconciles. Measured until every resource had its round.
   */
  private Resync resync(
      KubernetesClient client,
      KubernetesMockServer server,
      Process operator,
      int port,
      int hosts,
      int total,
      List<String> allowed)
      throws Exception {
    Map<String, Double> m0 = metrics(port);
    long cpu0 = cpuTicks(operator);
    int requests0 = server.getRequestCount();
    String loadBefore = load();
    long r0 = System.nanoTime();
    for (int h = 0; h < hosts; h++) {
      DockerHost touched = client.resources(DockerHost.class).withName("dnf-h" + h).get();
      touched.getSpec().setAllowedNamespaces(allowed);
      client.resource(touched).update();
    }
    double resynced = 0;
    long resyncDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < resyncDeadline) {
      // Rounds, not reconciles: a reconcile the host's gate puts aside (Engines.admit) ends at
      // once and counts as a success, and is reconciled again when woken. Every round plans
      // against one snapshot, read from the engine or shared.
      Map<String, Double> now = metrics(port);
      resynced =
          diff(m0, now, "dockernet_engine_snapshots_total", "source=\"engine\"")
              + diff(m0, now, "dockernet_engine_snapshots_total", "source=\"cache\"");
      if (resynced >= total + 1) {
        break;
      }
      Thread.sleep(250);
    }
    double wall = (System.nanoTime() - r0) / 1e9;
    double cpu = (cpuTicks(operator) - cpu0) / (double) TICKS;
    Map<String, Double> m2 = metrics(port);
    Resync r =
        new Resync(
            resynced,
            wall,
            cpu,
            diff(m0, m2, "dockernet_engine_snapshots_total", "source=\"engine\""),
            diff(m0, m2, "dockernet_engine_snapshots_total", "source=\"cache\""),
            server.getRequestCount() - requests0,
            drain(server),
            loadBefore);
    log.println(
        "operator fleet: API requests during the resync, by kind: " + r.apiRequestsByKind());
    log.printf(
        "operator fleet: full resync (%.0f rounds): %.1f s wall, %.1f s CPU, %.0f engine"
            + " snapshot reads (%.0f shared), %d API requests; every %d min that is %.2f %% of"
            + " a core; load %s -> %s%n",
        r.rounds(),
        r.wallSeconds(),
        r.cpuSeconds(),
        r.engineReads(),
        r.shared(),
        r.apiRequests(),
        SHIPPED_RESYNC.toMinutes(),
        r.amortised(),
        r.load(),
        load());
    return r;
  }

  private Map<String, Object> drift(SecondDockerd engine, Process operator) throws Exception {
    BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
    List<Double> samples = new ArrayList<>();
    int failures = 0;
    String loadAtStart = load();
    try (DockerJavaGateway gateway = new DockerJavaGateway(engine.config());
        AutoCloseable stream =
            gateway.events(
                new EngineEvents() {
                  @Override
                  public void onEvent(EngineEvent event) {
                    if ("network".equals(event.type())
                        && DRIFT.equals(event.attributes().get("name"))) {
                      events.add(event);
                    }
                  }

                  @Override
                  public void resync() {}
                })) {
      for (int t = 0; t < options.scaleDriftTrials; t++) {
        events.clear();
        engine.docker("network", "rm", DRIFT);
        Long removed = null;
        Long created = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (created == null && System.nanoTime() < deadline) {
          EngineEvent e = events.poll(100, TimeUnit.MILLISECONDS);
          if (e == null) {
            continue;
          }
          if (removed == null && "destroy".equals(e.action())) {
            removed = e.timeNanos();
          } else if (removed != null && "create".equals(e.action())) {
            created = e.timeNanos();
          }
        }
        double healed = removed == null || created == null ? 15 : (created - removed) / 1e9;
        if (created == null) {
          failures++;
        }
        samples.add(healed);
        log.printf(
            "operator fleet drift trial %d: %s removed by hand, recreated in %.3f s; load %s%n",
            t + 1, DRIFT, healed, load());
        Thread.sleep(1000); // let the round that healed it finish its status
        if (!operator.isAlive()) {
          throw new IllegalStateException("the operator exited");
        }
      }
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("samples", samples);
    d.put("failures", failures);
    d.put("load", loadAtStart);
    return d;
  }

  /**
   * On a loaded machine the client may time out and POST again after the mock stored the first:
   * that 409 means done.
   */
  static void create(KubernetesClient client, io.fabric8.kubernetes.api.model.HasMetadata n) {
    try {
      client.resource(n).create();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private static void track(DockerNetwork n, Set<String> done) {
    DockerNetworkStatus s = n.getStatus();
    if (s == null) {
      return;
    }
    boolean paused =
        n.getMetadata().getAnnotations() != null
            && "true".equals(n.getMetadata().getAnnotations().get("dockernet.io/paused"));
    Condition ready =
        s.getConditions() == null
            ? null
            : s.getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .orElse(null);
    boolean converged =
        paused
            ? ready != null && "Paused".equals(ready.getReason())
            : s.getId() != null && ready != null && "True".equals(ready.getStatus());
    if (converged) {
      done.add(n.getMetadata().getName());
    }
  }

  Process startOperator(KubernetesClient client, int port) throws Exception {
    Path kubeconfig = kubeconfig(client.getConfiguration().getMasterUrl());
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
            NS,
            "--secret-namespace",
            NS));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(work.resolve("operator-fleet.out").toFile()))
        .start();
  }

  private static DockerNetwork network(int host, int i, boolean paused) {
    DockerNetwork n = new DockerNetwork();
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder().withName("dnf-h" + host + "-" + i).withNamespace(NS);
    if (paused) {
      meta.withAnnotations(Map.of("dockernet.io/paused", "true"));
    }
    n.setMetadata(meta.build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setHost("dnf-h" + host);
    spec.setConfigOnly(true);
    spec.setLabels(Map.of(Layout.LABEL, LABEL_VALUE));
    n.setSpec(spec);
    return n;
  }

  private static DockerNetwork driftNetwork() {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(DRIFT).withNamespace(NS).build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setHost("dnf-h0");
    spec.setLabels(Map.of(Layout.LABEL, LABEL_VALUE));
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(DRIFT_SUBNET);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    n.setSpec(spec);
    return n;
  }

  static DockerHost host(int h, SecondDockerd engine, int engineIndex) {
    DockerHost host = new DockerHost();
    host.setMetadata(new ObjectMetaBuilder().withName("dnf-h" + h).build());
    DockerHostSpec spec = new DockerHostSpec();
    spec.setEndpoint(engine.host());
    spec.setTlsSecretName("engine-" + engineIndex);
    host.setSpec(spec);
    return host;
  }

  static Secret tlsSecret(String name, Path certDir) throws Exception {
    Map<String, String> data = new LinkedHashMap<>();
    for (String key : List.of("ca.pem", "cert.pem", "key.pem")) {
      data.put(key, Base64.getEncoder().encodeToString(Files.readAllBytes(certDir.resolve(key))));
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  /**
   * The requests the mock recorded since the last drain, by method and path with resource names and
   * query strings dropped.
   */
  private static Map<String, Integer> drain(KubernetesMockServer server)
      throws InterruptedException {
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    io.fabric8.mockwebserver.http.RecordedRequest r;
    while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      String path =
          r.getPath()
              .replaceAll("\\?.*", "")
              .replaceAll("/dnf-[^/]+", "/NAME")
              .replaceAll("/namespaces/[^/]+", "/namespaces/NS");
      kinds.merge(r.getMethod() + " " + path, 1, Integer::sum);
    }
    return kinds;
  }

  /** Prometheus samples by "name{labels}". */
  static Map<String, Double> metrics(int port) {
    Map<String, Double> out = new HashMap<>();
    try {
      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : body.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int space = line.lastIndexOf(' ');
        try {
          out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        } catch (NumberFormatException ignored) {
          // not a sample
        }
      }
    } catch (Exception e) {
      // the figures that need it read as 0
    }
    return out;
  }

  static double diff(
      Map<String, Double> before, Map<String, Double> after, String name, String label) {
    double sum = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      if (e.getKey().startsWith(name) && e.getKey().contains(label)) {
        sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      }
    }
    return sum;
  }

  /**
   * Until no DockerNetwork reconcile started and no round planned for 5 s in a row (at most 5
   * minutes).
   */
  private static void settle(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    Map<String, Double> before = metrics(port);
    int still = 0;
    while (still < 5 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      Map<String, Double> now = metrics(port);
      boolean moved =
          reconciles(before, now) > 0
              || diff(before, now, "dockernet_engine_snapshots_total", "source") > 0;
      still = moved ? 0 : still + 1;
      before = now;
    }
  }

  /** DockerNetwork reconciles finished between two scrapes (JOSDK's Micrometer counters). */
  static double reconciles(Map<String, Double> before, Map<String, Double> after) {
    double sum = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("operator_sdk_reconciliations_success")
          && k.toLowerCase().contains("dockernetwork")
          && !k.toLowerCase().contains("policy")) {
        sum += e.getValue() - before.getOrDefault(k, 0.0);
      }
    }
    return sum;
  }

  /** Heap in use after a full GC (jcmd GC.run, then GC.heap_info), in MiB. */
  private double heapAfterFullGc(Process operator) throws Exception {
    Proc.run(work, Map.of(), List.of("jcmd", Long.toString(operator.pid()), "GC.run"));
    Thread.sleep(1000);
    String heapInfo =
        Proc.run(work, Map.of(), List.of("jcmd", Long.toString(operator.pid()), "GC.heap_info"))
            .out();
    log.println("operator heap after a full GC:\n" + heapInfo.trim());
    return heapUsedMiB(heapInfo);
  }

  private static double heapUsedMiB(String heapInfo) {
    // Serial: " def new generation   total 4800K, used 1234K" and " tenured generation   total
    // ..., used ...K". Right after a full GC everything live is in the tenured generation; what
    // the young one holds a second later is new garbage.
    java.util.regex.Matcher tenured =
        java.util.regex.Pattern.compile("tenured generation\\s+total \\d+K, used (\\d+)K")
            .matcher(heapInfo);
    if (tenured.find()) {
      return Long.parseLong(tenured.group(1)) / 1024.0;
    }
    double used = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K")
            .matcher(heapInfo);
    while (m.find()) {
      used += Long.parseLong(m.group(1)) / 1024.0;
    }
    if (used == 0) {
      m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(heapInfo);
      if (m.find()) {
        used = Long.parseLong(m.group(1)) / 1024.0;
      }
    }
    return used;
  }

  /** utime + stime of a process, in clock ticks. */
  private static long cpuTicks(Process p) {
    try {
      String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

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

  /** The machine's 1-minute load average (other helpers' builds share it). */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  private void createCrds(KubernetesClient client) throws Exception {
    try (Stream<Path> files = Files.list(options.crds)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
              .sorted()
              .toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          create(client, Serialization.unmarshal(in, CustomResourceDefinition.class));
        }
      }
    }
  }

  private Path kubeconfig(String url) throws Exception {
    Path file = work.resolve("kubeconfig-fleet");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: mock
          user:
            token: bench
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
            namespace: bench
        current-context: mock
        """
            .formatted(url));
    return file;
  }

  void awaitReady(Process operator, int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    while (System.nanoTime() < deadline) {
      if (!operator.isAlive()) {
        throw new IllegalStateException(
            "the operator exited; see " + work.resolve("operator-fleet.out"));
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
        "the operator did not become ready; see " + work.resolve("operator-fleet.out"));
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
