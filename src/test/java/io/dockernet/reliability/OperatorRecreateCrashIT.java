package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.model.Ownership;
import io.dockernet.model.RecreateJournal;
import io.dockernet.operator.KubeFixtures;
import io.dockernet.operator.MockCluster;
import io.dockernet.operator.OperatorProcess;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code dockernet operator} in the middle of a recreate (a DockerNetwork's {@code
 * internal} flipped), with two endpoints it manages and two made by hand (static and dynamic
 * addresses, aliases): after a restart, every endpoint is back with its address and aliases, and
 * the hand-made ones are still not ours. Runs {@code -Ddockernet.crash.operator.runs} (default 2)
 * times. Subnet: 10.123.201.0/24.
 */
class OperatorRecreateCrashIT {
  private static final int RUNS = Integer.getInteger("dockernet.crash.operator.runs", 2);
  private static final String NS = "default";

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
  void killedDuringARecreateEveryEndpointComesBackWithItsAddressAndAliases() throws Exception {
    String project = engine.prefix() + "-operator";
    String net = engine.name("orecreate");
    engine.removeNetworkAfter(net);
    String ours1 = engine.name("oours1");
    String ours2 = engine.name("oours2");
    String foreign1 = engine.name("oforeign1");
    String foreign2 = engine.name("oforeign2");
    List<String> all = List.of(ours1, ours2, foreign1, foreign2);
    all.forEach(c -> engine.runContainer(c));

    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient client = cluster.client;
      OperatorCrashIT.create(
          client,
          DockerNetwork.class,
          """
          apiVersion: dockernet.io/v1alpha1
          kind: DockerNetwork
          metadata: {name: orecreate, namespace: default}
          spec: {name: %s, internal: false, ipam: {config: [{subnet: 10.123.201.0/24}]}}
          """
              .formatted(net));
      OperatorCrashIT.create(
          client,
          NetworkAttachment.class,
          """
          apiVersion: dockernet.io/v1alpha1
          kind: NetworkAttachment
          metadata: {name: ours1, namespace: default}
          spec: {network: %s, container: %s, ipv4Address: 10.123.201.10, aliases: [api]}
          """
              .formatted(net, ours1));
      OperatorCrashIT.create(
          client,
          NetworkAttachment.class,
          """
          apiVersion: dockernet.io/v1alpha1
          kind: NetworkAttachment
          metadata: {name: ours2, namespace: default}
          spec: {network: %s, container: %s, aliases: [worker]}
          """
              .formatted(net, ours2));
      Path kubeconfig = cluster.writeKubeconfig(tmp);
      String[] args = {"--namespaces", NS, "--project", project};

      OperatorProcess first =
          OperatorProcess.start(kubeconfig, tmp.resolve("operator-first.log"), List.of(), args);
      started.add(first);
      OperatorCrashIT.awaitAllReady(client, first, "at first");
      assertThat(first.stop()).isTrue();
      // Endpoints someone made by hand: one static address, one dynamic, both with aliases.
      engine.docker(
          "network", "connect", "--ip", "10.123.201.50", "--alias", "legacy", net, foreign1);
      engine.docker("network", "connect", "--alias", "legacy2", net, foreign2);
      Map<String, String> before = endpoints(net, all);

      boolean internal = false;
      CrashTally tally = new CrashTally("operator-recreate");
      try {
        for (int run = 0; run < RUNS; run++) {
          internal = !internal;
          boolean flag = internal;
          KubeFixtures.edit(
              client.resources(DockerNetwork.class).inNamespace(NS).withName("orecreate"),
              n -> {
                n.getSpec().setInternal(flag);
                return n;
              },
              Duration.ofSeconds(30));
          // 4 disconnects, destroy, create, 4 connects: kill after one of the first 9.
          int killAt = 1 + random.nextInt(9);
          try (KillAfterEvents trigger =
              new KillAfterEvents(
                  engine.newGateway(), killAt, e -> net.equals(e.attributes().get("name")))) {
            OperatorProcess killed =
                OperatorProcess.launch(
                    kubeconfig,
                    tmp.resolve("operator-" + run + "-killed.log"),
                    List.of("-XX:TieredStopAtLevel=1"),
                    args);
            started.add(killed);
            trigger.arm(() -> OperatorCrashIT.kill9(killed));
            killed.process().waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
            boolean died = !killed.process().isAlive();
            if (!died) {
              killed.kill9(); // it finished the recreate before the chosen event: not a crash,
              // counted apart
            }
            tally.kill(died, trigger.seen(), killAt);
          }
          OperatorProcess restarted =
              OperatorProcess.start(
                  kubeconfig,
                  tmp.resolve("operator-" + run + ".log"),
                  List.of("-XX:TieredStopAtLevel=1"),
                  args);
          started.add(restarted);
          OperatorCrashIT.awaitAllReady(
              client, restarted, "after a kill at recreate event " + tally.lastKill());

          Map<String, String> after = endpoints(net, all);
          tally.endpoints(before, after);
          assertThat(after)
              .as("endpoints after a kill at event %s", tally.lastKill())
              .isEqualTo(before);
          assertThat(engine.inspectNetwork(net).get("Internal").asBoolean()).isEqualTo(internal);
          for (String foreign : List.of(foreign1, foreign2)) {
            JsonNode ep = engine.inspectContainer(foreign).at("/NetworkSettings/Networks/" + net);
            assertThat(ep.at("/DriverOpts").toString())
                .as("%s still not ours", foreign)
                .doesNotContain(Ownership.ENDPOINT_OWNER_OPT);
          }
          assertThat(
                  engine.gateway().snapshot().networks().stream()
                      .filter(RecreateJournal::isJournal)
                      .filter(
                          n ->
                              n.config()
                                  .labels()
                                  .getOrDefault(RecreateJournal.FOR_LABEL, "")
                                  .equals(net)))
              .as("no journal left")
              .isEmpty();
          assertThat(restarted.stop()).as("stops on SIGTERM").isTrue();
          tally.recovered();
        }
      } finally {
        tally.record("");
      }
    }
  }

  /**
   * container → "ipv4 aliases" on {@code net} (aliases sorted, the short container id left out).
   */
  private static Map<String, String> endpoints(String net, List<String> containers) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String c : containers) {
      JsonNode container = engine.inspectContainer(c);
      JsonNode ep = container.at("/NetworkSettings/Networks/" + net);
      String shortId = container.get("Id").asText().substring(0, 12);
      TreeSet<String> aliases = new TreeSet<>();
      ep.path("Aliases").forEach(a -> aliases.add(a.asText()));
      aliases.remove(shortId);
      result.put(c, ep.path("IPAddress").asText() + " " + aliases);
    }
    return result;
  }
}
