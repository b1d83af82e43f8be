package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers on one engine: the CLI for project A and for project B, each applying with {@code
 * --prune} over and over at the same time while A's manifests change. Ownership labels decide:
 * neither removes or recreates the other's networks; one Docker name wanted by both stays with the
 * first, and the second gets a Conflict naming the owner. Subnets: 10.123.188.0/24,
 * 10.123.189.0/24.
 */
class TwoWritersIT {
  private static final int ROUNDS = 6;

  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  @Test
  void concurrentApplyAndPruneOfTwoProjectsLeaveEachOthersNetworksAlone() throws Exception {
    String a = engine.prefix() + "-a";
    String b = engine.prefix() + "-b";
    List<String> names =
        List.of(engine.name("a1"), engine.name("a2"), engine.name("b1"), engine.name("b2"));
    names.forEach(engine::removeNetworkAfter);
    Path dirA =
        write(
            tmp.resolve("a"),
            network("a1", names.get(0), "10.123.188.0/26")
                + network("a2", names.get(1), "10.123.188.64/26"));
    Path dirB =
        write(
            tmp.resolve("b"),
            network("b1", names.get(2), "10.123.188.128/26")
                + network("b2", names.get(3), "10.123.188.192/26"));
    assertThat(Dockernet.run("apply", "-f", dirB.toString(), "--project", b).exit()).isZero();
    String b1 = engine.inspectNetwork(names.get(2)).get("Id").asText();
    String b2 = engine.inspectNetwork(names.get(3)).get("Id").asText();

    ExecutorService writers = Executors.newFixedThreadPool(2);
    Future<List<Integer>> writerA =
        writers.submit(
            () -> {
              List<Integer> exits = new ArrayList<>();
              for (int i = 0; i < ROUNDS; i++) {
                // A drops a2 every other round: its prune must remove a2 and nothing of B.
                write(
                    dirA,
                    network("a1", names.get(0), "10.123.188.0/26")
                        + (i % 2 == 0 ? "" : network("a2", names.get(1), "10.123.188.64/26")));
                exits.add(
                    Dockernet.run("apply", "-f", dirA.toString(), "--project", a, "--prune")
                        .exit());
              }
              return exits;
            });
    Future<List<Integer>> writerB =
        writers.submit(
            () -> {
              List<Integer> exits = new ArrayList<>();
              for (int i = 0; i < ROUNDS; i++) {
                exits.add(
                    Dockernet.run("apply", "-f", dirB.toString(), "--project", b, "--prune")
                        .exit());
              }
              return exits;
            });
    assertThat(writerA.get(5, TimeUnit.MINUTES)).containsOnly(0);
    assertThat(writerB.get(5, TimeUnit.MINUTES)).containsOnly(0);
    writers.shutdown();

    assertThat(engine.inspectNetwork(names.get(2)).get("Id").asText())
        .as("B's network never recreated")
        .isEqualTo(b1);
    assertThat(engine.inspectNetwork(names.get(3)).get("Id").asText()).isEqualTo(b2);
    assertThat(engine.networkExists(names.get(0))).isTrue();
    assertThat(engine.networkExists(names.get(1))).as("A's last round declares a2").isTrue();
    assertThat(
            Dockernet.run(
                    "plan", "-f", dirA.toString(), "--project", a, "--prune", "--detailed-exitcode")
                .exit())
        .isZero();
    assertThat(
            Dockernet.run(
                    "plan", "-f", dirB.toString(), "--project", b, "--prune", "--detailed-exitcode")
                .exit())
        .isZero();
  }

  @Test
  void oneNameWantedByTwoProjectsStaysWithTheFirstAndTheSecondIsTold() throws IOException {
    String shared = engine.name("shared");
    engine.removeNetworkAfter(shared);
    Path dirA = write(tmp.resolve("sa"), network("shared", shared, "10.123.189.0/25"));
    Path dirB = write(tmp.resolve("sb"), network("shared", shared, "10.123.189.128/25"));
    assertThat(
            Dockernet.run("apply", "-f", dirA.toString(), "--project", engine.prefix() + "-first")
                .exit())
        .isZero();
    String id = engine.inspectNetwork(shared).get("Id").asText();

    Dockernet.Run second =
        Dockernet.run(
            "apply", "-f", dirB.toString(), "--project", engine.prefix() + "-second", "--prune");
    assertThat(second.exit()).as(second.toString()).isEqualTo(1);
    assertThat(second.out())
        .as(second.toString())
        .contains(
            "Conflict", "network " + shared + " is owned by project " + engine.prefix() + "-first");
    Dockernet.Run deleted =
        Dockernet.run("delete", "-f", dirB.toString(), "--project", engine.prefix() + "-second");
    assertThat(deleted.out()).as(deleted.toString()).contains("left in place");
    assertThat(engine.inspectNetwork(shared).get("Id").asText())
        .as("untouched by the second project")
        .isEqualTo(id);
    assertThat(engine.inspectNetwork(shared).at("/IPAM/Config/0/Subnet").asText())
        .isEqualTo("10.123.189.0/25");
  }

  private static String network(String resource, String name, String subnet) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: %s}
        spec: {name: %s, ipam: {config: [{subnet: %s}]}}
        ---
        """
        .formatted(resource, name, subnet);
  }

  private static Path write(Path dir, String yaml) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("m.yaml"), yaml);
    return dir;
  }
}
