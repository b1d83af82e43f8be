package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.engine.EngineEvent;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code dockernet apply} (the packaged jar) at random points, then apply again: the
 * engine must match the manifests exactly, with no duplicate, leaked or half-made network, and
 * nothing we do not manage touched. Two scenarios:
 *
 * <ul>
 *   <li>converging 50 networks with 50 attachments (10 containers on 5 networks each), killed after
 *       a random number of engine events; an unmanaged network and an unmanaged endpoint on a
 *       managed network are there from the start;
 *   <li>a recreate of a network with managed and unmanaged endpoints (static and dynamic addresses,
 *       aliases), killed after a random step: disconnects, removal, creation or reconnects. Every
 *       endpoint must come back with its address and aliases (the recreate journal).
 * </ul>
 *
 * <p>Runs {@code -Ddockernet.crashes} (default 3) crashes of each; scripts/chaos.sh runs 20 + 20.
 * OperatorCrashIT does the first to the operator (same layout, {@link FiftyNetworks}). Subnets:
 * 10.123.164.0/22 (50 x /27), 10.123.171.0/24 (unmanaged), 10.123.172.0/24 (recreate).
 */
class CrashIT {
  private static final int CRASHES = Integer.getInteger("dockernet.crashes", 3);

  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;
  private final Random random = new Random(Long.getLong("dockernet.seed", System.nanoTime()));

  private String project;

  private String project() {
    return project;
  }

  /**
   * A failed run may leave recreate journals of its networks (config-only, no test label): remove
   * them.
   */
  @org.junit.jupiter.api.AfterEach
  void removeJournals() {
    Journals.removeLeftovers(engine);
  }

  @Test
  void killedWhileConverging50NetworksThenApplyConvergesExactly() throws Exception {
    project = engine.prefix() + "-fifty";
    FiftyNetworks layout = new FiftyNetworks(engine, 164);
    List<String> networks = layout.networks;
    layout.containers.forEach(c -> engine.runContainer(c));
    // Unmanaged from the start: a network with a container, and that container's endpoint on n0.
    String unmanaged = engine.name("unmanaged");
    String foreign = engine.name("foreign");
    engine.createUnmanagedNetwork(unmanaged, "--subnet", "10.123.171.0/24");
    engine.runContainer(foreign, unmanaged);
    Path dir = tmp.resolve("fifty");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("m.yaml"), layout.yaml());
    Dockernet.Run first = Dockernet.run("apply", "-f", dir.toString(), "--project", project());
    assertThat(first.exit()).as(first.toString()).isZero();
    engine.docker(
        "network",
        "connect",
        "--ip",
        layout.address(0, 20),
        "--alias",
        "by-hand",
        networks.get(0),
        foreign);
    Predicate<ObservedNetwork> theirs = n -> n.name().equals(unmanaged);
    EngineState untouched =
        EngineState.capture(engine.gateway(), theirs, c -> c.name().equals(foreign));
    assertThat(untouched.lines())
        .anyMatch(l -> l.contains("on " + networks.get(0) + " ipv4=" + layout.address(0, 20)));

    CrashTally tally = new CrashTally("converge-50");
    try {
      for (int round = 0; round < CRASHES; round++) {
        // Undo (most of) it: n0 stays, since an endpoint we do not manage is on it.
        Dockernet.Run deleted =
            Dockernet.run("delete", "-f", dir.toString(), "--project", project());
        assertThat(deleted.out()).as(deleted.toString()).contains("InUse");
        assertThat(engine.networkExists(networks.get(1))).isFalse();

        int killAt = 1 + random.nextInt(95); // of 49 creates + 50 connects
        killedApply(
            tally,
            dir,
            killAt,
            e ->
                ("create".equals(e.action()) || "connect".equals(e.action()))
                    && e.attributes().getOrDefault("name", "").startsWith(engine.prefix() + "-n"));

        Dockernet.Run again = Dockernet.run("apply", "-f", dir.toString(), "--project", project());
        assertThat(again.exit())
            .as("apply after a crash at event %s\n%s", tally.lastKill(), again)
            .isZero();
        assertThat(tally.endpoints(layout.endpoints(), layout.presentEndpoints(engine)))
            .as("declared endpoints missing after a crash at event %s", tally.lastKill())
            .isZero();
        EngineState theirsNow =
            EngineState.capture(engine.gateway(), theirs, c -> c.name().equals(foreign));
        assertThat(tally.unmanaged(untouched, theirsNow))
            .as("unmanaged lines changed: %s", theirsNow)
            .isZero();
        assertConverged(dir, new TreeSet<>(networks));
        tally.recovered();
      }
    } finally {
      tally.record("");
    }
  }

  @Test
  void killedDuringARecreateEveryEndpointComesBackWithItsAddressAndAliases() throws Exception {
    project = engine.prefix() + "-recreate";
    String net = engine.name("recreate");
    engine.removeNetworkAfter(net);
    String ours1 = engine.name("ours1");
    String ours2 = engine.name("ours2");
    String foreign1 = engine.name("foreign1");
    String foreign2 = engine.name("foreign2");
    for (String c : List.of(ours1, ours2, foreign1, foreign2)) {
      engine.runContainer(c);
    }
    Path dir = tmp.resolve("recreate");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("m.yaml"), recreateManifests(net, ours1, ours2, false));
    Dockernet.Run first = Dockernet.run("apply", "-f", dir.toString(), "--project", project());
    assertThat(first.exit()).as(first.toString()).isZero();
    // Endpoints someone made by hand: one static address, one dynamic, both with aliases.
    engine.docker(
        "network", "connect", "--ip", "10.123.172.50", "--alias", "legacy", net, foreign1);
    engine.docker("network", "connect", "--alias", "legacy2", "--alias", "old-name", net, foreign2);
    Map<String, String> before = endpoints(net, List.of(ours1, ours2, foreign1, foreign2));

    CrashTally tally = new CrashTally("recreate");
    boolean internal = false;
    try {
      for (int round = 0; round < CRASHES; round++) {
        internal = !internal;
        Files.writeString(dir.resolve("m.yaml"), recreateManifests(net, ours1, ours2, internal));
        // 4 disconnects, destroy, create, 4 connects: stop after one of the first 9.
        int killAt = 1 + random.nextInt(9);
        killedApply(tally, dir, killAt, e -> net.equals(e.attributes().get("name")));

        Dockernet.Run again = Dockernet.run("apply", "-f", dir.toString(), "--project", project());
        assertThat(again.exit())
            .as("apply after a crash at event %s\n%s", tally.lastKill(), again)
            .isZero();
        Map<String, String> after = endpoints(net, List.of(ours1, ours2, foreign1, foreign2));
        tally.endpoints(before, after);
        assertThat(after)
            .as("endpoints after a crash at event %s of the recreate\n%s", tally.lastKill(), again)
            .isEqualTo(before);
        assertThat(engine.inspectNetwork(net).get("Internal").asBoolean()).isEqualTo(internal);
        JsonNode foreignEp =
            engine.inspectContainer(foreign1).at("/NetworkSettings/Networks/" + net);
        assertThat(foreignEp.at("/DriverOpts").toString())
            .as("still not ours")
            .doesNotContain(Ownership.ENDPOINT_OWNER_OPT);
        assertConverged(dir, Set.of(net));
        tally.recovered();
      }
      assertThat(engine.ping(foreign2, "api")).as("ours reachable by alias from theirs").isTrue();
    } finally {
      tally.record("");
    }
  }

  /**
   * Starts apply as a separate JVM and kill -9s it right after the {@code killAt}-th matching
   * engine event; tells the tally whether it died by the kill or finished before that event.
   */
  private void killedApply(CrashTally tally, Path dir, int killAt, Predicate<EngineEvent> counts)
      throws Exception {
    try (KillAfterEvents trigger = new KillAfterEvents(engine.newGateway(), killAt, counts)) {
      Dockernet.Child child =
          Dockernet.start(Map.of(), List.of("apply", "-f", dir.toString(), "--project", project()));
      trigger.arm(child::kill9);
      Dockernet.Run run = child.await(180);
      if (run.exit() == 0) {
        System.out.println(
            "apply finished before event " + killAt + " (saw " + trigger.seen() + ")");
      } else {
        assertThat(run.exit()).as("killed by signal 9\n%s", run).isEqualTo(137);
      }
      tally.kill(run.exit() == 137, trigger.seen(), killAt);
    }
  }

  private void assertConverged(Path dir, Set<String> declared) {
    FiftyNetworks.assertConverged(engine, dir, project(), declared);
  }

  /** container → "ip aliases" on the network (the short-id alias of old engines left out). */
  private Map<String, String> endpoints(String net, List<String> containers) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String c : containers) {
      JsonNode inspected = engine.inspectContainer(c);
      String shortId = inspected.get("Id").asText().substring(0, 12);
      JsonNode ep = inspected.at("/NetworkSettings/Networks/" + net);
      TreeSet<String> aliases = new TreeSet<>();
      ep.path("Aliases").forEach(a -> aliases.add(a.asText()));
      aliases.remove(shortId);
      result.put(c, ep.isMissingNode() ? "missing" : ep.path("IPAddress").asText() + " " + aliases);
    }
    return result;
  }

  private static String recreateManifests(
      String net, String ours1, String ours2, boolean internal) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: recreate}
        spec:
          name: %s
          internal: %s
          ipam: {config: [{subnet: 10.123.172.0/24}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: ours1}
        spec: {network: %s, container: %s, aliases: [api], ipv4Address: 10.123.172.20}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: ours2}
        spec: {network: %s, container: %s, aliases: [web, www]}
        """
        .formatted(net, internal, net, ours1, net, ours2);
  }
}
