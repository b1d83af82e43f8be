package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.SecondDockerd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine faults against a private dockerd (never the shared engine, which other test classes use
 * meanwhile), reached over TLS like a remote engine: stopped while idle and in the middle of a
 * converge, and stuck (a proxy that holds every byte). The CLI exits 1 within a bounded time saying
 * it cannot reach the engine; {@code watch} keeps running, backs off instead of spinning,
 * reconnects its event stream when the engine is back and converges in the next round. Subnets
 * (host bridges of the private engine): 10.123.176.0/24 - 10.123.183.0/24.
 */
class EngineFaultsIT {
  private static SecondDockerd dockerd;

  @TempDir Path tmp;
  private Dockernet.Child watch;
  private String project;

  @BeforeAll
  static void startEngine() {
    dockerd = SecondDockerd.start();
  }

  @AfterAll
  static void stopEngine() {
    if (dockerd != null) {
      dockerd.close();
    }
  }

  @BeforeEach
  void engineUp() {
    if (!dockerd.running()) {
      dockerd.restart();
    }
    project = "faults-" + Long.toHexString(System.nanoTime()).substring(6);
  }

  @AfterEach
  void stopWatch() {
    if (watch != null) {
      watch.kill9();
    }
    for (String id : dockerd.customNetworks()) {
      dockerd.dockerResult("network", "rm", id);
    }
  }

  private Map<String, String> tls(String host) {
    return Map.of(
        "DOCKER_HOST",
        host,
        "DOCKER_TLS_VERIFY",
        "1",
        "DOCKER_CERT_PATH",
        dockerd.certificates().clientDir().toString());
  }

  private Dockernet.Run cli(Map<String, String> env, int timeoutSeconds, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--project", project));
    return Dockernet.subprocess(env, timeoutSeconds, all.toArray(String[]::new));
  }

  @Test
  void cliSaysTheEngineIsDownExitsOneAndConvergesOnceItIsBack() throws IOException {
    Path dir = manifests(tmp.resolve("idle"), "idle", 3, 176);
    dockerd.stop();
    long start = System.nanoTime();
    Dockernet.Run down = cli(tls(dockerd.host()), 60, "apply", "-f", dir.toString());
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(down.exit()).as(down.toString()).isEqualTo(1);
    assertThat(down.err()).as(down.toString()).contains("cannot reach the Docker engine");
    assertThat(down.err()).doesNotContain("\tat ");
    assertThat(seconds).as("reported within (s)").isLessThan(30);

    dockerd.restart();
    Dockernet.Run up = cli(tls(dockerd.host()), 60, "apply", "-f", dir.toString());
    assertThat(up.exit()).as(up.toString()).isZero();
    assertThat(
            cli(tls(dockerd.host()), 60, "plan", "-f", dir.toString(), "--detailed-exitcode")
                .exit())
        .isZero();
  }

  @Test
  void engineStoppedMidConvergeThenApplyConvergesWithNoDuplicates() throws Exception {
    Path dir = manifests(tmp.resolve("mid"), "mid", 16, 177);
    AtomicInteger creates = new AtomicInteger();
    Dockernet.Child apply;
    try (DockerJavaGateway events = new DockerJavaGateway(dockerd.config());
        AutoCloseable stream =
            events.events(
                new EngineEvents() {
                  @Override
                  public void onEvent(EngineEvent e) {
                    if ("network".equals(e.type())
                        && "create".equals(e.action())
                        && creates.incrementAndGet() == 4) {
                      new Thread(dockerd::stop).start(); // SIGTERM while the CLI is creating
                    }
                  }

                  @Override
                  public void resync() {}
                })) {
      List<String> args =
          new ArrayList<>(List.of("apply", "-f", dir.toString(), "--project", project));
      apply = Dockernet.start(tls(dockerd.host()), args);
      Dockernet.Run run = apply.await(120);
      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.out() + run.err())
          .as(run.toString())
          .containsAnyOf("cannot reach the Docker engine", "Unavailable");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !dockerd.running());
    dockerd.restart();
    Dockernet.Run again = cli(tls(dockerd.host()), 120, "apply", "-f", dir.toString());
    // dockerd itself can keep a half-made network when it is stopped inside a create: its bridge
    // driver still holds the subnet though the network is gone from its store (even across further
    // restarts), and refuses that subnet. dockernet reports the engine's refusal for that network
    // (exit 1) and converges every other one; anything else must converge.
    List<String> failed = again.out().lines().filter(l -> l.contains(" failed ")).toList();
    assertThat(failed)
        .as(again.toString())
        .allMatch(l -> l.contains("networks have overlapping IPv4"));
    if (failed.isEmpty()) {
      assertThat(again.exit()).as(again.toString()).isZero();
      assertThat(
              cli(tls(dockerd.host()), 60, "plan", "-f", dir.toString(), "--detailed-exitcode")
                  .exit())
          .isZero();
    } else {
      System.out.println(
          "dockerd kept "
              + failed.size()
              + " half-made network(s) across its restart:\n"
              + again.out());
      assertThat(again.exit()).isEqualTo(1);
    }
    List<String> names =
        List.of(
            dockerd
                .docker(
                    "network",
                    "ls",
                    "--filter",
                    "label=io.dockernet.project=" + project,
                    "--format",
                    "{{.Name}}")
                .split("\n"));
    assertThat(names).hasSize(16 - failed.size()).doesNotHaveDuplicates();
  }

  @Test
  void watchSurvivesAnOutageBacksOffAndConvergesWhenTheEngineIsBack() throws Exception {
    Path dir = manifests(tmp.resolve("watch"), "w", 2, 178);
    watch =
        Dockernet.start(
            tls(dockerd.host()), List.of("watch", "-f", dir.toString(), "--project", project));
    await("initial converge\n" + watch.output())
        .atMost(Duration.ofSeconds(40))
        .until(
            () -> dockerd.networkExists("w0-" + project) && dockerd.networkExists("w1-" + project));

    dockerd.stop();
    // The manifests change during the outage: a third network.
    manifests(dir, "w", 3, 178);
    Thread.sleep(12_000);
    assertThat(watch.alive()).as("watch keeps running\n" + watch.output()).isTrue();
    long failedRounds = watch.err().lines().filter(l -> l.contains("round failed")).count();
    System.out.println("watch rounds that failed during a 12 s outage: " + failedRounds);
    assertThat(watch.err()).as(watch.output()).contains("cannot reach the Docker engine");
    assertThat(failedRounds)
        .as("backs off (1, 2, 4, 8 s): no hot loop\n" + watch.output())
        .isBetween(1L, 5L);

    dockerd.restart();
    long back = System.nanoTime();
    await("created after the outage\n" + watch.output())
        .atMost(Duration.ofSeconds(30))
        .until(() -> dockerd.networkExists("w2-" + project));
    System.out.printf(
        "watch converged %d ms after the engine came back%n",
        (System.nanoTime() - back) / 1_000_000);
    // The event stream is back: a network removed by hand is healed again.
    dockerd.docker("network", "rm", "w0-" + project);
    await("healed after the reconnect\n" + watch.output())
        .atMost(Duration.ofSeconds(10))
        .until(() -> dockerd.networkExists("w0-" + project));
  }

  @Test
  void stuckEngineTimesOutCliExitsOneAndWatchNeverHotLoops() throws Exception {
    Path dir = manifests(tmp.resolve("stuck"), "s", 2, 179);
    try (StallProxy proxy = new StallProxy(dockerd.port())) {
      // Healthy through the proxy first.
      Dockernet.Run ok = cli(tls(proxy.host()), 60, "apply", "-f", dir.toString());
      assertThat(ok.exit()).as(ok.toString()).isZero();

      proxy.stall(true);
      long start = System.nanoTime();
      Dockernet.Run stuck = cli(tls(proxy.host()), 120, "plan", "-f", dir.toString());
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      System.out.printf("plan against a stuck engine gave up after %d s%n", seconds);
      assertThat(stuck.exit()).as(stuck.toString()).isEqualTo(1);
      assertThat(stuck.err()).as(stuck.toString()).contains("cannot reach the Docker engine");
      assertThat(seconds)
          .as("bounded by the connect/handshake timeout (5 s) and the response timeout (30 s)")
          .isLessThan(45);

      proxy.stall(false);
      watch =
          Dockernet.start(
              tls(proxy.host()), List.of("watch", "-f", dir.toString(), "--project", project));
      await("watch up\n" + watch.output())
          .atMost(Duration.ofSeconds(30))
          .until(() -> watch.out().contains("watching"));
      proxy.stall(true);
      long connectionsBefore = proxy.connections();
      manifests(dir, "s", 3, 179); // a round is due, and will hang
      Thread.sleep(45_000);
      long failed = watch.err().lines().filter(l -> l.contains("round failed")).count();
      long connections = proxy.connections() - connectionsBefore;
      System.out.printf(
          "stuck for 45 s: %d failed rounds, %d new connections%n", failed, connections);
      assertThat(watch.alive()).isTrue();
      assertThat(failed)
          .as("a stuck call times out, then backs off\n" + watch.output())
          .isBetween(1L, 6L);
      assertThat(connections).as("no connection storm").isLessThan(20);

      proxy.stall(false);
      await("converges when unstuck\n" + watch.output())
          .atMost(Duration.ofSeconds(60))
          .until(() -> dockerd.networkExists("s2-" + project));
    }
  }

  /** {@code count} bridge networks named PREFIX{i}-PROJECT on /28s of 10.123.THIRD.0/24. */
  private Path manifests(Path dir, String prefix, int count, int third) throws IOException {
    Files.createDirectories(dir);
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < count; i++) {
      yaml.append(
          """
          apiVersion: dockernet.io/v1alpha1
          kind: DockerNetwork
          metadata: {name: %s%d}
          spec: {name: %s%d-%s, ipam: {config: [{subnet: 10.123.%d.%d/28}]}}
          ---
          """
              .formatted(prefix, i, prefix, i, project, third, i * 16));
    }
    Files.writeString(dir.resolve("m.yaml"), yaml);
    return dir;
  }
}
