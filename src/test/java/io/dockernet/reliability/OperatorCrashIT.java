package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentStatus;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.operator.MockCluster;
import io.dockernet.operator.OperatorProcess;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code dockernet operator} (its own JVM) at a random point while it converges the 50
 * networks and 50 attachments of {@link FiftyNetworks}, then a restart: once every resource is
 * Ready again, the engine matches the resources exactly (each declared network once with our
 * labels, none leaked, no recreate journal, every attachment's endpoint there) and an unmanaged
 * network and an unmanaged endpoint on a managed network are untouched. The API server (Fabric8's
 * mock) lives in the test JVM and survives the operator, as a real one would.
 *
 * <p>Each run undoes the networks with {@code dockernet delete} (same project and owners as the
 * operator's), clears every status, starts the operator and kills it right after a random engine
 * event (of 49 creates + 50 connects); the statuses are cleared again so that every Ready seen
 * afterwards was written by the restarted operator. Runs {@code -Ddockernet.crash.operator.runs}
 * (default 2) times; scripts/chaos.sh runs 20. Subnets: 10.123.192.0/21 (50 x /27), 10.123.199.0/24
 * (unmanaged).
 */
class OperatorCrashIT {
  private static final int RUNS = Integer.getInteger("dockernet.crash.operator.runs", 2);
  private static final String NS = "default";
  private static final Duration CONVERGE = Duration.ofSeconds(180);

  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;
  private final Random random = new Random(Long.getLong("dockernet.seed", System.nanoTime()));
  private final List<OperatorProcess> started = new ArrayList<>();

  @AfterEach
  void stopOperatorsAndRemoveJournals() {
    started.forEach(OperatorProcess::close);
    Journals.removeLeftovers(engine);
  }

  @Test
  void killedWhileConverging50NetworksThenRestartedConvergesExactly() throws Exception {
    String project = engine.prefix() + "-operator";
    FiftyNetworks layout = new FiftyNetworks(engine, 192);
    layout.containers.forEach(c -> engine.runContainer(c));
    String unmanaged = engine.name("unmanaged");
    String foreign = engine.name("foreign");
    engine.createUnmanagedNetwork(unmanaged, "--subnet", "10.123.199.0/24");
    engine.runContainer(foreign, unmanaged);
    Path dir = Files.createDirectories(tmp.resolve("manifests"));
    Files.writeString(dir.resolve("m.yaml"), layout.yaml());

    // The first convergence by the CLI (same owners), so that an unmanaged endpoint can join n0.
    Dockernet.Run first = Dockernet.run("apply", "-f", dir.toString(), "--project", project);
    assertThat(first.exit()).as(first.toString()).isZero();
    engine.docker(
        "network",
        "connect",
        "--ip",
        layout.address(0, 20),
        "--alias",
        "by-hand",
        layout.networks.get(0),
        foreign);
    Predicate<ObservedNetwork> theirs = n -> n.name().equals(unmanaged);
    Predicate<ObservedContainer> foreignOnly = c -> c.name().equals(foreign);
    EngineState untouched = EngineState.capture(engine.gateway(), theirs, foreignOnly);
    assertThat(untouched.lines())
        .anyMatch(
            l -> l.contains("on " + layout.networks.get(0) + " ipv4=" + layout.address(0, 20)));

    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient client = cluster.client;
      for (String doc : layout.documents()) {
        if (doc.contains("kind: DockerNetwork")) {
          create(client, DockerNetwork.class, doc);
        } else {
          create(client, NetworkAttachment.class, doc);
        }
      }
      Path kubeconfig = cluster.writeKubeconfig(tmp);
      String[] args = {"--namespaces", NS, "--project", project};

      CrashTally tally = new CrashTally("operator-converge-50");
      List<String> recoverySeconds = new ArrayList<>();
      try {
        for (int run = 0; run < RUNS; run++) {
          long t0 = System.nanoTime();
          // Undo (most of) it: n0 stays, since an endpoint we do not manage is on it.
          Dockernet.Run deleted =
              Dockernet.run("delete", "-f", dir.toString(), "--project", project);
          assertThat(deleted.out()).as(deleted.toString()).contains("InUse");
          assertThat(engine.networkExists(layout.networks.get(1))).isFalse();
          clearStatuses(client);

          int killAt = 1 + random.nextInt(95); // of 49 creates + 50 connects
          Path killedLog = tmp.resolve("operator-" + run + "-killed.log");
          try (KillAfterEvents trigger =
              new KillAfterEvents(
                  engine.newGateway(),
                  killAt,
                  e ->
                      ("create".equals(e.action()) || "connect".equals(e.action()))
                          && e.attributes()
                              .getOrDefault("name", "")
                              .startsWith(engine.prefix() + "-n"))) {
            OperatorProcess killed =
                OperatorProcess.launch(
                    kubeconfig, killedLog, List.of("-XX:TieredStopAtLevel=1"), args);
            started.add(killed);
            trigger.arm(() -> kill9(killed));
            boolean died = awaitDeathOrReady(killed, client);
            if (!died) {
              System.out.println(
                  "operator converged before event " + killAt + " (saw " + trigger.seen() + ")");
              killed.kill9();
            }
            assertThat(killed.process().exitValue())
                .as("killed by signal 9\n%s", killed.log())
                .isEqualTo(137);
            tally.kill(died, trigger.seen(), killAt);
          }

          long t1 = System.nanoTime();
          clearStatuses(client);
          OperatorProcess restarted =
              OperatorProcess.start(
                  kubeconfig,
                  tmp.resolve("operator-" + run + ".log"),
                  List.of("-XX:TieredStopAtLevel=1"),
                  args);
          started.add(restarted);
          awaitAllReady(client, restarted, "after a kill at event " + tally.lastKill());
          recoverySeconds.add("%.0f".formatted((System.nanoTime() - t1) / 1e9));
          System.out.printf(
              "operator crash run %d: undo + converge until the kill %.1f s, restart until all Ready %.1f s%n",
              run, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);

          assertThat(tally.endpoints(layout.endpoints(), layout.presentEndpoints(engine)))
              .as("declared endpoints missing after a kill at event %s", tally.lastKill())
              .isZero();
          EngineState theirsNow = EngineState.capture(engine.gateway(), theirs, foreignOnly);
          assertThat(tally.unmanaged(untouched, theirsNow))
              .as("unmanaged lines changed: %s", theirsNow)
              .isZero();
          FiftyNetworks.assertConverged(engine, dir, project, new TreeSet<>(layout.networks));
          assertOwnedAndAttached(layout, project);
          assertThat(restarted.stop()).as("stops on SIGTERM").isTrue();
          tally.recovered();
        }
      } finally {
        tally.record("restart-to-all-Ready seconds: " + recoverySeconds);
      }
    }
  }

  static <T extends HasMetadata> void create(KubernetesClient client, Class<T> type, String yaml) {
    T resource =
        Serialization.unmarshal(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), type);
    client.resources(type).inNamespace(NS).resource(resource).create();
  }

  static void kill9(OperatorProcess op) {
    try {
      op.kill9();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True when the operator died (our kill); false when it made everything Ready first. */
  private static boolean awaitDeathOrReady(OperatorProcess op, KubernetesClient client) {
    try {
      await()
          .atMost(CONVERGE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !op.process().isAlive() || notReady(client).isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "neither killed nor converged; not Ready: " + notReady(client) + "\n" + op.log(), e);
    }
    return !op.process().isAlive();
  }

  static void awaitAllReady(KubernetesClient client, OperatorProcess op, String when) {
    try {
      await()
          .atMost(CONVERGE)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> notReady(client).isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not Ready " + when + ": " + notReady(client) + "\n" + op.log(), e);
    }
  }

  /** Resources whose Ready is not True at their current generation, as "kind/name reason". */
  private static List<String> notReady(KubernetesClient client) {
    List<String> result = new ArrayList<>();
    for (DockerNetwork n :
        client.resources(DockerNetwork.class).inNamespace(NS).list().getItems()) {
      check(
          "DockerNetwork/" + n.getMetadata().getName(),
          n.getMetadata().getGeneration(),
          n.getStatus() == null ? List.of() : n.getStatus().getConditions(),
          result);
    }
    for (NetworkAttachment a :
        client.resources(NetworkAttachment.class).inNamespace(NS).list().getItems()) {
      check(
          "NetworkAttachment/" + a.getMetadata().getName(),
          a.getMetadata().getGeneration(),
          a.getStatus() == null ? List.of() : a.getStatus().getConditions(),
          result);
    }
    return result;
  }

  private static void check(
      String what, Long generation, List<Condition> conditions, List<String> notReady) {
    Condition ready =
        conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    if (ready == null
        || !"True".equals(ready.getStatus())
        || !generation.equals(ready.getObservedGeneration())) {
      notReady.add(
          what
              + (ready == null
                  ? " (no Ready)"
                  : " " + ready.getStatus() + "/" + ready.getReason()));
    }
  }

  /** Empties every status, so that a Ready seen later was written by the operator started next. */
  private static void clearStatuses(KubernetesClient client) {
    for (DockerNetwork n :
        client.resources(DockerNetwork.class).inNamespace(NS).list().getItems()) {
      client
          .resources(DockerNetwork.class)
          .inNamespace(NS)
          .withName(n.getMetadata().getName())
          .editStatus(
              r -> {
                r.setStatus(new DockerNetworkStatus());
                return r;
              });
    }
    for (NetworkAttachment a :
        client.resources(NetworkAttachment.class).inNamespace(NS).list().getItems()) {
      client
          .resources(NetworkAttachment.class)
          .inNamespace(NS)
          .withName(a.getMetadata().getName())
          .editStatus(
              r -> {
                r.setStatus(new NetworkAttachmentStatus());
                return r;
              });
    }
    assertThat(notReady(client)).hasSize(2 * FiftyNetworks.NETWORKS);
  }

  /**
   * Each declared network carries our labels for its resource; each attachment's endpoint is there
   * with its aliases and address.
   */
  private static void assertOwnedAndAttached(FiftyNetworks layout, String project) {
    Snapshot snapshot = engine.gateway().snapshot();
    for (int i = 0; i < FiftyNetworks.NETWORKS; i++) {
      String name = layout.networks.get(i);
      List<ObservedNetwork> same =
          snapshot.networks().stream().filter(n -> n.name().equals(name)).toList();
      assertThat(same).as("network %s exactly once", name).hasSize(1);
      assertThat(same.get(0).config().labels())
          .as("labels of %s", name)
          .containsEntry(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE)
          .containsEntry(Ownership.PROJECT, project)
          .containsEntry(Ownership.OWNER, NS + "/n" + i);
      String container = layout.containers.get(FiftyNetworks.containerOf(i));
      ObservedEndpoint ep =
          snapshot.containers().stream()
              .filter(c -> c.name().equals(container))
              .flatMap(c -> c.endpoints().stream())
              .filter(e -> e.networkName().equals(name))
              .findFirst()
              .orElse(null);
      assertThat(ep).as("endpoint of attachment a%d (%s on %s)", i, container, name).isNotNull();
      assertThat(ep.managed()).as("a%d managed", i).isTrue();
      assertThat(ep.config().aliases()).as("aliases of a%d", i).contains("svc" + i);
      if (FiftyNetworks.isStatic(i)) {
        assertThat(ep.ipv4Address())
            .as("static address of a%d", i)
            .startsWith(layout.address(i, 10));
      }
    }
  }
}
