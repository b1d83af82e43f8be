package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.testing.Cli;
import io.dockernet.testing.TestEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dockernet watch} as a separate process on the packaged jar: heals drift made by hand,
 * attaches containers that start later, follows manifest edits, stops cleanly on SIGTERM. Subnets:
 * 10.123.143.0/24, 10.123.144.0/24.
 */
class WatchIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;
  private Process watch;
  private final StringBuffer output = new StringBuffer();
  private Thread reader;

  @AfterEach
  void stop() throws InterruptedException {
    if (watch != null && watch.isAlive()) {
      watch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void healsDriftAttachesLateContainersFollowsEditsAndStopsOnSigterm() throws Exception {
    String net = engine.name("watched");
    String spare = engine.name("spare");
    engine.removeNetworkAfter(net);
    engine.removeNetworkAfter(spare);
    String app = engine.name("app");
    engine.runContainer(app);
    Path dir = write(tmp.resolve("m"), "m.yaml", manifests(net, spare, app, "[api]"));

    start(dir);
    awaitUntil(
        "initial converge",
        Duration.ofSeconds(30),
        () -> attached(app, net) && engine.networkExists(spare));

    // A container cut off by hand comes back.
    engine.docker("network", "disconnect", net, app);
    long cutHealed = timeUntil(() -> attached(app, net));
    // A network removed by hand comes back.
    engine.docker("network", "rm", spare);
    long removedHealed = timeUntil(() -> engine.networkExists(spare));
    // A network removed by hand under an endpoint: the pass the disconnect started plans a connect
    // against the old network, which is gone; the same round heals both without a failure line.
    // The watcher may reconnect between the two commands (then rm is refused): try again.
    await("network removed under its endpoint")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Cli.result(
                        "sh",
                        "-c",
                        "docker network disconnect "
                            + net
                            + " "
                            + app
                            + " && docker network rm "
                            + net)
                    .ok());
    awaitUntil("network and endpoint re-made", Duration.ofSeconds(10), () -> attached(app, net));
    System.out.printf(
        "watch healed: disconnect in %d ms, network removal in %d ms%n", cutHealed, removedHealed);
    assertThat(cutHealed).as("disconnect healed (ms)").isLessThan(3000);
    assertThat(removedHealed).as("removal healed (ms)").isLessThan(3000);

    // A container that starts later and matches the selector is attached.
    String late = engine.name("late");
    engine.runContainer(late, Map.of("dnt.role", engine.prefix()));
    long lateAttached = timeUntil(() -> attached(late, net));
    System.out.printf("watch attached a late container in %d ms%n", lateAttached);

    // An edited manifest is applied: the alias change is a live reconnect.
    write(dir, "m.yaml", manifests(net, spare, app, "[api, api2]"));
    awaitUntil(
        "alias change applied",
        Duration.ofSeconds(10),
        () ->
            engine
                .inspectContainer(app)
                .at("/NetworkSettings/Networks/" + net + "/Aliases")
                .toString()
                .contains("api2"));
    assertThat(engine.ping(late, "api2")).isTrue();

    watch.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
    assertThat(watch.waitFor(15, TimeUnit.SECONDS)).as("stops within 15 s").isTrue();
    reader.join(5000); // the last lines may still be in the pipe
    assertThat(watch.exitValue()).as(output.toString()).isIn(0, 143);
    assertThat(output.toString()).as("exit " + watch.exitValue()).contains("stopped");
    assertThat(output.toString())
        .as("no transient failure for drift healed in the same pass")
        .doesNotContain(" failed", " blocked", "NotFound");
  }

  private String manifests(String net, String spare, String app, String aliases) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: watched}
        spec:
          name: %s
          ipam: {config: [{subnet: 10.123.143.0/24}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: spare}
        spec:
          name: %s
          ipam: {config: [{subnet: 10.123.144.0/24}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: app}
        spec: {network: %s, container: %s, aliases: %s}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: late}
        spec:
          network: %s
          containerSelector: {matchLabels: {dnt.role: %s}}
        """
        .formatted(net, spare, net, app, aliases, net, engine.prefix());
  }

  private void start(Path dir) throws IOException {
    String jar = System.getProperty("dockernet.jar", "target/dockernet.jar");
    watch =
        new ProcessBuilder(
                "java", "-jar", jar, "watch", "-f", dir.toString(), "--project", engine.prefix())
            .redirectErrorStream(true)
            .start();
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  output.append(line).append('\n');
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  private boolean attached(String container, String network) {
    return engine.inspectContainer(container).at("/NetworkSettings/Networks").has(network);
  }

  private long timeUntil(BooleanSupplier condition) {
    long start = System.nanoTime();
    awaitUntil("healed", Duration.ofSeconds(10), condition);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
    await(what + "\n" + output)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(25))
        .until(condition::getAsBoolean);
  }
}
