package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many manual changes at once while {@code watch} runs: managed networks removed, managed endpoints
 * cut, a foreign container connected to a managed network. Everything of ours is healed within a
 * few seconds; the foreign endpoint is never disconnected; and once healed, watch goes quiet (no
 * fight, no loop). Subnets: 10.123.185.0/24.
 */
class DriftStormIT {
  private static final int NETWORKS = 8;
  private static final int CONTAINERS = 6;

  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;
  private Dockernet.Child watch;

  @AfterEach
  void stop() {
    if (watch != null) {
      watch.kill9();
    }
  }

  @Test
  void aBurstOfDriftIsHealedWithoutTouchingTheForeignEndpoint() throws Exception {
    List<String> nets = new ArrayList<>();
    for (int i = 0; i < NETWORKS; i++) {
      nets.add(engine.name("storm" + i));
      engine.removeNetworkAfter(nets.get(i));
    }
    List<String> containers = new ArrayList<>();
    for (int k = 0; k < CONTAINERS; k++) {
      containers.add(engine.name("sc" + k));
      engine.runContainer(containers.get(k));
    }
    String foreign = engine.name("intruder");
    String foreignId = engine.runContainer(foreign);
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < NETWORKS; i++) {
      yaml.append(
          """
          apiVersion: dockernet.io/v1alpha1
          kind: DockerNetwork
          metadata: {name: storm%d}
          spec: {name: %s, ipam: {config: [{subnet: 10.123.185.%d/27}]}}
          ---
          """
              .formatted(i, nets.get(i), i * 32));
    }
    // Containers k sit on networks 0-2 (two each, round robin); networks 3-7 are empty.
    List<String[]> endpoints = new ArrayList<>();
    for (int k = 0; k < CONTAINERS; k++) {
      for (int j = 0; j < 2; j++) {
        int i = (k + j) % 3;
        endpoints.add(new String[] {nets.get(i), containers.get(k)});
        yaml.append(
            """
            apiVersion: dockernet.io/v1alpha1
            kind: NetworkAttachment
            metadata: {name: sc%d-%d}
            spec: {network: %s, container: %s, aliases: [a%d]}
            ---
            """
                .formatted(k, i, nets.get(i), containers.get(k), k));
      }
    }
    Path dir = tmp.resolve("storm");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("m.yaml"), yaml);
    watch =
        Dockernet.start(
            Map.of(), List.of("watch", "-f", dir.toString(), "--project", engine.prefix()));
    await("initial converge\n" + watch.output())
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> healed(nets, endpoints));

    List<EngineEvent> foreignDisconnects = new CopyOnWriteArrayList<>();
    List<EngineEvent> byWatch = new CopyOnWriteArrayList<>();
    try (AutoCloseable events =
        engine
            .newGateway()
            .events(
                new EngineEvents() {
                  @Override
                  public void onEvent(EngineEvent e) {
                    if (!"network".equals(e.type())
                        || !e.attributes().getOrDefault("name", "").startsWith(engine.prefix())) {
                      return;
                    }
                    byWatch.add(e);
                    if ("disconnect".equals(e.action())
                        && foreignId.equals(e.attributes().get("container"))) {
                      foreignDisconnects.add(e);
                    }
                  }

                  @Override
                  public void resync() {}
                })) {
      // The storm: 5 networks removed, every managed endpoint cut, a foreign container joins.
      long start = System.nanoTime();
      ExecutorService hands = Executors.newFixedThreadPool(8);
      List<Future<?>> burst = new ArrayList<>();
      for (int i = 3; i < NETWORKS; i++) {
        String n = nets.get(i);
        burst.add(hands.submit(() -> engine.dockerResult("network", "rm", n)));
      }
      for (String[] e : endpoints) {
        burst.add(hands.submit(() -> engine.dockerResult("network", "disconnect", e[0], e[1])));
      }
      burst.add(
          hands.submit(
              () ->
                  engine.docker("network", "connect", "--alias", "visitor", nets.get(0), foreign)));
      for (Future<?> f : burst) {
        f.get(60, TimeUnit.SECONDS);
      }
      hands.shutdown();
      long burstMs = (System.nanoTime() - start) / 1_000_000;
      await("healed\n" + watch.output())
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> healed(nets, endpoints));
      long healedMs = (System.nanoTime() - start) / 1_000_000;
      int eventsWhileHealing = byWatch.size();
      Thread.sleep(3000);
      int quietEvents = byWatch.size() - eventsWhileHealing;
      long rounds =
          watch
              .out()
              .lines()
              .filter(l -> l.contains(" created") || l.contains(" connected"))
              .count();
      System.out.printf(
          "drift storm: burst of %d changes in %d ms, healed %d ms after it began; %d result lines"
              + " logged by watch; %d network events in the 3 s after healing%n",
          burst.size(), burstMs, healedMs, rounds, quietEvents);
      assertThat(healedMs).as("healed within (ms)").isLessThan(15_000);
      assertThat(foreignDisconnects).as("the foreign endpoint was never cut").isEmpty();
      assertThat(
              engine
                  .inspectContainer(foreign)
                  .at("/NetworkSettings/Networks/" + nets.get(0) + "/Aliases")
                  .toString())
          .contains("visitor");
      assertThat(quietEvents).as("no fight and no loop once healed\n" + watch.output()).isZero();
    }
  }

  private boolean healed(List<String> nets, List<String[]> endpoints) {
    for (String n : nets) {
      if (!engine.networkExists(n)) {
        return false;
      }
    }
    Map<String, List<String>> on = new java.util.HashMap<>();
    for (String[] e : endpoints) {
      List<String> have =
          on.computeIfAbsent(
              e[1],
              c -> {
                List<String> names = new ArrayList<>();
                engine
                    .inspectContainer(c)
                    .at("/NetworkSettings/Networks")
                    .fieldNames()
                    .forEachRemaining(names::add);
                return names;
              });
      if (!have.contains(e[0])) {
        return false;
      }
    }
    return true;
  }
}
