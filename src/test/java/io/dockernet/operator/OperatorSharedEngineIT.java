package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DockerHost that names the engine the operator's default host uses: a DockerNetwork on the
 * DockerHost, its container attached by a NetworkAttachment on the default host. Both host keys
 * must take turns on the one engine. With a lock each, the network's recreate planned against the
 * attachment's half-done reconnect (or the other way round): it restored no endpoint, the engine
 * refused to remove a network with one, and the DockerNetwork sat at Ready=False InUse until the
 * resync period (1 recreate in ~20). Each recreate here must converge within seconds, and the
 * container must end on the network. Subnet 10.213.0.0/24.
 */
class OperatorSharedEngineIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final String NS = "team-shared";
  static final Duration ROUND = Duration.ofSeconds(10);
  static final int RECREATES = 30;

  @Test
  void twoHostKeysForOneEngineTakeTurnsSoEveryRecreateConverges() {
    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient client = cluster.client;
      DockernetOperator operator =
          DockernetOperator.start(
              client,
              OperatorSettings.defaults()
                  .withDefaultEngine(EngineConfig.fromEnvironment())
                  .withPort(-1),
              GatewayFactory.DOCKER_JAVA,
              Validation.forOperator());
      try {
        String host = engine.name("same-engine");
        client
            .resource(
                KubeFixtures.host(host, EngineConfig.fromEnvironment().host(), null, null, null))
            .create();
        String container = engine.name("shared-c1");
        engine.runContainer(container);
        String dockerName = engine.name("shared-net");
        engine.removeNetworkAfter(dockerName);
        client
            .resource(KubeFixtures.network(engine, NS, "net", dockerName, "10.213.0.0/24", host))
            .create();
        client
            .resource(KubeFixtures.attachment(NS, "att", dockerName, container, List.of("one")))
            .create();
        awaitReady(client, DockerNetwork.class, NS, "net", "True", null, Duration.ofSeconds(30));
        awaitReady(client, NetworkAttachment.class, NS, "att", "True", null, ROUND);

        for (int i = 0; i < RECREATES; i++) {
          boolean odd = i % 2 == 1;
          // An endpoint change (disconnect and connect on the default host), then at once a
          // recreate (disconnect, remove, create, restore on the DockerHost).
          KubeFixtures.edit(
              client.resources(NetworkAttachment.class).inNamespace(NS).withName("att"),
              a -> {
                a.getSpec().setAliases(odd ? List.of("one") : List.of("one", "two"));
                return a;
              },
              ROUND);
          KubeFixtures.edit(
              client.resources(DockerNetwork.class).inNamespace(NS).withName("net"),
              n -> {
                n.getSpec().setInternal(!odd);
                return n;
              },
              ROUND);
          awaitReady(client, DockerNetwork.class, NS, "net", "True", null, ROUND);
          awaitReady(client, NetworkAttachment.class, NS, "att", "True", null, ROUND);
        }
        boolean lastOdd = (RECREATES - 1) % 2 == 1;
        assertThat(engine.inspectNetwork(dockerName).path("Internal").asBoolean())
            .isEqualTo(!lastOdd);
        String aliases =
            engine
                .inspectContainer(container)
                .path("NetworkSettings")
                .path("Networks")
                .path(dockerName)
                .path("Aliases")
                .toString();
        assertThat(aliases)
            .as("the container is on the network with the attachment's last aliases")
            .contains("\"one\"");
        assertThat(aliases.contains("\"two\"")).isEqualTo(!lastOdd);
      } finally {
        client.resources(NetworkAttachment.class).inNamespace(NS).delete();
        client.resources(DockerNetwork.class).inNamespace(NS).delete();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                            .resources(DockerNetwork.class)
                            .inNamespace(NS)
                            .list()
                            .getItems()
                            .isEmpty()
                        && client
                            .resources(NetworkAttachment.class)
                            .inNamespace(NS)
                            .list()
                            .getItems()
                            .isEmpty());
        operator.stop();
      }
    }
  }
}
