package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.run;
import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SubnetPools through the CLI on the real engine: what the engine already has is skipped, several
 * networks in one round get distinct blocks in a fixed order, exhaustion blocks only the overflow,
 * allocations survive re-apply, recreate and delete, and the machine's routes are avoided. Subnets:
 * 10.205.0.0/16 (each test its own /20).
 */
class PoolsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  private String project() {
    return engine.prefix();
  }

  private String network(String suffix) {
    String name = engine.name(suffix);
    engine.removeNetworkAfter(name);
    return name;
  }

  private static String pool(String name, String cidr, int prefix, String extra) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: SubnetPool
        metadata:
          name: %s
        spec:
          cidrs: [%s]
          prefixLength: %d
        %s
        ---
        """
        .formatted(name, cidr, prefix, extra.indent(2).stripTrailing());
  }

  private static String fromPool(String name, String dockerName, String pool, String extra) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: %s
        spec:
          name: %s
          ipam:
            config:
              - pool: %s
        %s
        ---
        """
        .formatted(name, dockerName, pool, extra.indent(2).stripTrailing());
  }

  private Run apply(Path dir, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("apply", "-f", dir.toString(), "--project", project()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private Run plan(Path dir) {
    return run("plan", "-f", dir.toString(), "--project", project(), "--detailed-exitcode");
  }

  private String subnet(String network) {
    return engine.inspectNetwork(network).at("/IPAM/Config/0/Subnet").asText();
  }

  @Test
  void skipsWhatTheEngineHasAndGivesSeveralNetworksDistinctBlocksInAFixedOrder() {
    String byHand = network("byhand");
    engine.createUnmanagedNetwork(byHand, "--subnet", "10.205.0.0/24");
    String a = network("pa");
    String b = network("pb");
    String c = network("pc");
    // Declared in reverse order: allocation follows the resources' names, not the files' order.
    Path dir =
        write(
            tmp.resolve("several"),
            "p.yaml",
            pool("p1", "10.205.0.0/20", 24, "")
                + fromPool("c", c, "p1", "")
                + fromPool("b", b, "p1", "")
                + fromPool("a", a, "p1", ""));

    Run planned = plan(dir);
    assertThat(planned.exit()).as(planned.toString()).isEqualTo(ExitCodes.CHANGES);
    assertThat(planned.out())
        .contains(
            "subnet 10.205.1.0/24 allocated from pool p1",
            "subnet 10.205.2.0/24 allocated from pool p1",
            "subnet 10.205.3.0/24 allocated from pool p1");

    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(List.of(subnet(a), subnet(b), subnet(c)))
        .containsExactly("10.205.1.0/24", "10.205.2.0/24", "10.205.3.0/24");
    assertThat(subnet(byHand)).isEqualTo("10.205.0.0/24");
    assertThat(engine.inspectNetwork(a).at("/Labels/io.dockernet.pool").asText()).isEqualTo("p1");

    Run again = apply(dir);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out().strip().lines().reduce((x, y) -> y).orElse(""))
        .as(again.toString())
        .matches("\\d+ noop\\.");
  }

  @Test
  void exhaustionBlocksOnlyTheOverflowAndDeletingFreesABlock() {
    String n1 = network("x1");
    String n2 = network("x2");
    String n3 = network("x3");
    String manifests =
        pool("small", "10.205.16.0/23", 24, "")
            + fromPool("x1", n1, "small", "")
            + fromPool("x2", n2, "small", "")
            + fromPool("x3", n3, "small", "");
    Path dir = write(tmp.resolve("exhaust"), "p.yaml", manifests);

    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(applied.out()).contains("DockerNetwork default/x3", "PoolExhausted", "small", "/24");
    assertThat(subnet(n1)).isEqualTo("10.205.16.0/24");
    assertThat(subnet(n2)).isEqualTo("10.205.17.0/24");
    assertThat(engine.networkExists(n3)).as("nothing half-made for the overflow").isFalse();

    // x1 goes away (prune): its block is free once the engine no longer has it, so x3 gets it in
    // the
    // next round (allocation reads what the engine has before the round's removals).
    write(
        dir,
        "p.yaml",
        pool("small", "10.205.16.0/23", 24, "")
            + fromPool("x2", n2, "small", "")
            + fromPool("x3", n3, "small", ""));
    Run pruned = apply(dir, "--prune");
    assertThat(engine.networkExists(n1)).as(pruned.toString()).isFalse();
    Run next = apply(dir);
    assertThat(next.exit()).as(next.toString()).isZero();
    assertThat(subnet(n2)).isEqualTo("10.205.17.0/24");
    assertThat(subnet(n3)).isEqualTo("10.205.16.0/24");
  }

  @Test
  void allocationSurvivesReApplyRecreateAndAPoolChange() {
    String early = network("early");
    String late = network("late");
    Path dir =
        write(
            tmp.resolve("stable"),
            "p.yaml",
            pool("st", "10.205.32.0/20", 24, "") + fromPool("late", late, "st", ""));
    assertThat(apply(dir).exit()).isZero();
    assertThat(subnet(late)).isEqualTo("10.205.32.0/24");

    // A network whose name sorts first arrives later: the existing allocation is kept, not
    // reshuffled.
    write(
        dir,
        "p.yaml",
        pool("st", "10.205.32.0/20", 24, "")
            + fromPool("early", early, "st", "")
            + fromPool("late", late, "st", "labels: {tier: web}"));
    Run recreated = apply(dir);
    assertThat(recreated.exit()).as(recreated.toString()).isZero();
    assertThat(recreated.out()).contains("recreated");
    assertThat(subnet(late)).as("recreate for a label keeps the block").isEqualTo("10.205.32.0/24");
    assertThat(subnet(early)).isEqualTo("10.205.33.0/24");

    // The pool moves: the allocation is outside it now. Reported, never recreated.
    String id = engine.inspectNetwork(late).at("/Id").asText();
    write(
        dir,
        "p.yaml",
        pool("st", "10.205.40.0/21", 24, "")
            + fromPool("early", early, "st", "")
            + fromPool("late", late, "st", "labels: {tier: web}"));
    Run moved = apply(dir);
    assertThat(moved.exit()).as(moved.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(moved.out()).contains("OutsidePool", "10.205.32.0/24");
    assertThat(engine.inspectNetwork(late).at("/Id").asText()).isEqualTo(id);

    // Deleted by hand and declared again: it takes the lowest free block of the pool as it is now.
    engine.docker("network", "rm", late);
    assertThat(apply(dir).exit()).isEqualTo(ExitCodes.ERROR); // early is still outside
    assertThat(subnet(late)).isEqualTo("10.205.40.0/24");
  }

  @Test
  void routesOfTheMachineAreAvoided() {
    TestEngine.VethPair veth = engine.vethPair();
    Cli.run("ip", "addr", "add", "10.205.48.1/24", "dev", veth.a());
    String net = network("routed");
    Path dir =
        write(
            tmp.resolve("routes"),
            "p.yaml",
            pool("rt", "10.205.48.0/20", 24, "") + fromPool("routed", net, "rt", ""));
    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(subnet(net))
        .as("10.205.48.0/24 is routed to " + veth.a())
        .isEqualTo("10.205.49.0/24");
  }
}
