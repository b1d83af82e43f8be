package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.ReservedAddress;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Static addresses stay free in the operator (Fabric8 mock API server, real engine): DockerNetwork
 * status lists the dynamic range dockernet set and the reserved addresses with their attachment and
 * container, and follows an attachment added later; a network applied just before its attachment
 * still gets its range. Subnets: 10.233.3.0/24, 10.238.1.0/24.
 */
class OperatorStaticsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final String NS = "team-statics";

  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator operator;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    client = cluster.client;
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    OperatorSettings settings =
        OperatorSettings.defaults()
            .withDefaultEngine(EngineConfig.fromEnvironment())
            .withPort(-1)
            .withResyncPeriod(Duration.ofSeconds(60));
    operator =
        DockernetOperator.start(
            client, settings, GatewayFactory.DOCKER_JAVA, Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
        client.resources(NetworkAttachment.class).inAnyNamespace().delete();
        client.resources(DockerNetwork.class).inAnyNamespace().delete();
        await()
            .atMost(CONVERGE)
            .until(
                () ->
                    client
                        .resources(DockerNetwork.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .isEmpty());
      }
    } finally {
      if (operator != null) {
        operator.stop();
      }
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  static NetworkAttachment attachment(String name, String network, String container, String ip) {
    NetworkAttachment a = KubeFixtures.attachment(NS, name, network, container, null);
    a.getSpec().setIpv4Address(ip);
    return a;
  }

  static List<String> reserved(DockerNetworkStatus s) {
    return s.getReservedAddresses() == null
        ? List.of()
        : s.getReservedAddresses().stream()
            .map(
                r ->
                    r.getAddress()
                        + " "
                        + r.getAttachment()
                        + " "
                        + r.getContainer()
                        + " "
                        + r.getKeptFree())
            .toList();
  }

  @Test
  void statusShowsTheDynamicRangeAndWhoEachReservedAddressIsFor() {
    String net = engine.name("op-statics");
    engine.removeNetworkAfter(net);
    String db = engine.name("op-statics-db");
    engine.createContainer(db); // declared, not running
    // The attachment first, so that the network is created knowing its static address.
    client.resource(attachment("db", net, db, "10.233.3.2")).create();
    await()
        .atMost(CONVERGE)
        .until(() -> get(client, NetworkAttachment.class, NS, "db").getStatus() != null);
    client
        .resource(KubeFixtures.network(engine, NS, "statics", net, "10.233.3.0/24", null))
        .create();
    awaitReady(client, DockerNetwork.class, NS, "statics", "True", "Converged", CONVERGE);

    assertThat(engine.inspectNetwork(net).at("/IPAM/Config/0/IPRange").asText())
        .isEqualTo("10.233.3.128/25");
    assertThat(engine.inspectNetwork(net).at("/IPAM/Config/0/Gateway").asText())
        .isEqualTo("10.233.3.1");
    DockerNetworkStatus status = get(client, DockerNetwork.class, NS, "statics").getStatus();
    assertThat(status.getDynamicRanges()).containsExactly("10.233.3.128/25");
    assertThat(reserved(status)).containsExactly("10.233.3.2 " + NS + "/db " + db + " true");

    // A container started by hand does not take it.
    String hand = engine.name("op-statics-hand");
    engine.runContainer(hand, net);
    assertThat(
            engine
                .inspectContainer(hand)
                .at("/NetworkSettings/Networks/" + net + "/IPAddress")
                .asText())
        .startsWith("10.233.3.1")
        .isNotEqualTo("10.233.3.2");

    // An attachment added later inside the range: the status follows, the network stays.
    String id = engine.inspectNetwork(net).get("Id").asText();
    String late = engine.name("op-statics-late");
    engine.createContainer(late);
    client.resource(attachment("late", net, late, "10.233.3.200")).create();
    DockerNetworkStatus after =
        await()
            .atMost(CONVERGE)
            .until(
                () -> get(client, DockerNetwork.class, NS, "statics").getStatus(),
                s -> reserved(s).size() == 2);
    assertThat(reserved(after))
        .containsExactly(
            "10.233.3.2 " + NS + "/db " + db + " true",
            "10.233.3.200 " + NS + "/late " + late + " false");
    assertThat(KubeFixtures.ready(get(client, DockerNetwork.class, NS, "statics")).getMessage())
        .contains("10.233.3.200", "lies inside the dynamic range 10.233.3.128/25");
    assertThat(engine.inspectNetwork(net).get("Id").asText()).isEqualTo(id);
    assertThat(after.getReservedAddresses()).extracting(ReservedAddress::getAttachment).hasSize(2);
    // An endpoint dockernet does not manage would hold the network's deletion (InUse).
    engine.docker("rm", "-f", hand);
  }

  /**
   * As {@code kubectl apply -f dir/} sends them: the network first, its attachment right after. The
   * network waits out AttachmentSettle.WINDOW before it is created, so it gets the range, and a
   * container started by hand does not take the declared address (without a range it would get
   * exactly .2, the first free one).
   */
  @Test
  void aNetworkAppliedJustBeforeItsAttachmentStillGetsTheRange() {
    String net = engine.name("op-statics-order");
    engine.removeNetworkAfter(net);
    String db = engine.name("op-statics-order-db");
    engine.createContainer(db); // declared, not running
    client.resource(KubeFixtures.network(engine, NS, "order", net, "10.238.1.0/24", null)).create();
    // kubectl sends a directory's files one request after another; 1 s apart (well inside the
    // window, which ends 2-3 s after creation) lets the network's first round run before the
    // attachment is in the cache, which without the window created the network with no range.
    sleep(Duration.ofMillis(1000));
    client.resource(attachment("order-db", net, db, "10.238.1.2")).create();
    awaitReady(client, DockerNetwork.class, NS, "order", "True", "Converged", CONVERGE);

    assertThat(engine.inspectNetwork(net).at("/IPAM/Config/0/IPRange").asText())
        .isEqualTo("10.238.1.128/25");
    assertThat(engine.inspectNetwork(net).at("/IPAM/Config/0/Gateway").asText())
        .isEqualTo("10.238.1.1");
    assertThat(reserved(get(client, DockerNetwork.class, NS, "order").getStatus()))
        .containsExactly("10.238.1.2 " + NS + "/order-db " + db + " true");

    String hand = engine.name("op-statics-order-hand");
    engine.runContainer(hand, net);
    try {
      String address =
          engine
              .inspectContainer(hand)
              .at("/NetworkSettings/Networks/" + net + "/IPAddress")
              .asText();
      assertThat(address).isNotEqualTo("10.238.1.2");
      assertThat(Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)))
          .as("%s is in the dynamic range", address)
          .isGreaterThanOrEqualTo(128);
    } finally {
      // An endpoint dockernet does not manage would hold the network's deletion (InUse).
      engine.docker("rm", "-f", hand);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
