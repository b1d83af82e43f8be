package io.dockernet.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.operator.AttachmentSettle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The least any operator must do for the fleet, as a floor for {@code dockernet operator}: a
 * Fabric8 informer on the DockerNetworks; for each one added, wait as the operator waits for the
 * attachments applied with it ({@link AttachmentSettle}, when {@code settle}), create its network
 * (warm docker-java client, 8 creates at a time per engine, engines side by side) and write its
 * status (one JSON Patch). No JOSDK, no finalizer, no snapshot, no plan, no Kubernetes Event: what
 * is left is the API server's and the engines' part, in the bench's warm JVM.
 */
final class ControllerFloor implements AutoCloseable {
  private static final int PER_ENGINE = 8;

  private final KubernetesClient client;
  private final List<DockerClient> engines;
  private final boolean settle;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<ExecutorService> calls = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicInteger added = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger written = new AtomicInteger();
  private final long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
  private SharedIndexInformer<DockerNetwork> informer;

  /**
   * @param engines a warm client per engine; a DockerNetwork's {@code spec.host} {@code dnf-h<k>}
   *     names engine k
   */
  ControllerFloor(KubernetesClient client, List<DockerClient> engines, boolean settle) {
    // Its own client, as the operator has: the writers' requests and the floor's share no
    // connection (once, every status patch of a trial waited behind them for minutes).
    this.client = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
    this.engines = engines;
    this.settle = settle;
    engines.forEach(e -> calls.add(Executors.newFixedThreadPool(PER_ENGINE)));
  }

  /** Starts watching; returns once the informer has listed the namespace. */
  ControllerFloor start() {
    informer =
        client
            .resources(DockerNetwork.class)
            .inNamespace(OperatorFleet.NS)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(DockerNetwork n) {
                    added(n);
                  }

                  @Override
                  public void onUpdate(DockerNetwork before, DockerNetwork after) {}

                  @Override
                  public void onDelete(DockerNetwork n, boolean finalStateUnknown) {}
                });
    return this;
  }

  /**
   * Throws when a create or status write failed (the trial cannot converge), or 2 minutes after the
   * floor was made (a trial takes seconds), saying how far it got.
   */
  void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("the controller floor failed (" + progress() + ")", t);
    }
    if (System.nanoTime() > giveUpAt) {
      throw new IllegalStateException(
          "the controller floor gave up after 2 minutes: " + progress());
    }
  }

  private String progress() {
    return added.get()
        + " DockerNetworks seen, "
        + created.get()
        + " networks created, "
        + written.get()
        + " statuses written";
  }

  private void added(DockerNetwork n) {
    added.incrementAndGet();
    Duration wait = settle ? AttachmentSettle.left(n, Instant.now()) : Duration.ZERO;
    int k = Integer.parseInt(n.getSpec().getHost().substring("dnf-h".length()));
    timer.schedule( // the informer's thread only hands over
        () -> calls.get(k).submit(() -> converge(engines.get(k), n)),
        wait.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void converge(DockerClient engine, DockerNetwork n) {
    try {
      String id =
          engine
              .createNetworkCmd()
              .withName(n.getMetadata().getName())
              .withLabels(n.getSpec().getLabels())
              .withIpam(
                  new Network.Ipam()
                      .withConfig(
                          new Network.Ipam.Config()
                              .withSubnet(n.getSpec().getIpam().getConfig().get(0).getSubnet())))
              .exec()
              .getId();
      created.incrementAndGet();
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("type", "Ready");
      ready.put("status", "True");
      ready.put("reason", "Converged");
      ready.put("lastTransitionTime", Instant.now().toString());
      ready.put("observedGeneration", n.getMetadata().getGeneration()); // null on some servers
      Map<String, Object> status = Map.of("id", id, "conditions", List.of(ready));
      client
          .resource(n)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON),
              Serialization.asJson(
                  List.of(Map.of("op", "add", "path", "/status", "value", status))));
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /**
   * Lets the calls in flight finish: the clock stops on the engines' create events, which come
   * before the create's response, and a call interrupted there keeps its pooled connection (the
   * client's 8 ran out after a few trials, and a trial waited for one forever).
   */
  @Override
  public void close() throws InterruptedException {
    if (informer != null) {
      informer.close();
    }
    timer.shutdownNow();
    calls.forEach(ExecutorService::shutdown);
    try {
      for (ExecutorService c : calls) {
        if (!c.awaitTermination(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              "the controller floor's calls did not end in 60 s: " + progress());
        }
      }
    } finally {
      client.close();
    }
  }
}
