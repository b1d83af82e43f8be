package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicySpec;
import io.dockernet.api.v1alpha1.PolicyIngressRule;
import io.dockernet.api.v1alpha1.PolicyPeer;
import io.dockernet.api.v1alpha1.PolicyPort;
import io.dockernet.engine.EngineConfig;
import io.dockernet.testing.Cli;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator (in this JVM, on this host, beside the engine) enforcing DockerNetworkPolicies read
 * from the Fabric8 mock API server: status with containers and rules, containers started later
 * covered, PolicyUnsupported for an engine over tcp, Invalid for an unknown network, every rule
 * gone after the last policy is deleted, the filter table left as found. Subnet 10.204.20.0/24.
 */
class PolicyOperatorIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-p";

  static MockCluster cluster;
  static KubernetesClient client;
  static DockernetOperator operator;
  static String before;

  @BeforeAll
  static void start() {
    before = table();
    cluster = new MockCluster();
    client = cluster.client;
    OperatorSettings settings =
        OperatorSettings.defaults()
            .withDefaultEngine(EngineConfig.fromEnvironment())
            .withPort(0)
            .withResyncPeriod(Duration.ofSeconds(60));
    operator =
        DockernetOperator.start(
            client, settings, GatewayFactory.DOCKER_JAVA, Validation.forOperator());
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
        client.resources(DockerNetworkPolicy.class).inAnyNamespace().delete();
        await()
            .atMost(CONVERGE)
            .until(
                () ->
                    client
                        .resources(DockerNetworkPolicy.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .isEmpty());
        operator.stop();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void enforcesReportsCoversLaterContainersAndRemovesEverythingOnDelete() {
    String net = engine.createUnmanagedNetwork(engine.name("p"), "--subnet", "10.204.20.0/24");
    engine.removeNetworkAfter(engine.name("p"));
    String web = run("web", "app", "web");
    run("client", "app", "client");
    run("other", "app", "other");

    client.resource(policy("web", engine.name("p"), null)).create();
    DockerNetworkPolicy enforced = awaitReason("web", "True", "Enforced");
    assertThat(enforced.getStatus().getContainers()).isEqualTo(1);
    assertThat(enforced.getStatus().getRules()).isPositive();
    assertThat(connects("client", web)).isTrue();
    assertThat(connects("other", web)).isFalse();

    // A container started later that the selector matches is covered as soon as it runs.
    String web2 = run("web2", "app", "web");
    await()
        .atMost(CONVERGE)
        .until(() -> Integer.valueOf(2).equals(get("web").getStatus().getContainers()));
    assertThat(connects("other", web2)).isFalse();
    assertThat(connects("client", web2)).isTrue();

    // An engine reached over tcp cannot be enforced from here; an unknown network is Invalid.
    DockerHost remote = new DockerHost();
    remote.setMetadata(new ObjectMetaBuilder().withName(engine.name("remote")).build());
    DockerHostSpec spec = new DockerHostSpec();
    spec.setEndpoint("tcp://127.0.0.1:1");
    spec.setAllowInsecure(true);
    remote.setSpec(spec);
    client.resource(remote).create();
    client.resource(policy("far", engine.name("p"), engine.name("remote"))).create();
    assertThat(
            awaitReason("far", "False", "PolicyUnsupported")
                .getStatus()
                .getConditions()
                .get(0)
                .getMessage())
        .contains("tcp://127.0.0.1:1");
    client.resource(policy("lost", "no-such-network-" + engine.prefix(), null)).create();
    awaitReason("lost", "False", "Invalid");
    assertThat(connects("other", web)).as("the valid policy stays enforced").isFalse();

    client.resources(DockerNetworkPolicy.class).inNamespace(NS).delete();
    await()
        .atMost(CONVERGE)
        .until(() -> !Cli.run("iptables-save", "-t", "filter").contains("DOCKERNET"));
    assertThat(connects("other", web)).as("Docker's behaviour again").isTrue();
    client.resource(remote).delete();
    engine.docker(
        "rm",
        "-f",
        engine.name("web"),
        engine.name("web2"),
        engine.name("client"),
        engine.name("other"));
    engine.docker("network", "rm", net);
    await().atMost(CONVERGE).until(() -> table().equals(before));
  }

  static DockerNetworkPolicy policy(String name, String network, String host) {
    DockerNetworkPolicy p = new DockerNetworkPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    DockerNetworkPolicySpec spec = new DockerNetworkPolicySpec();
    spec.setNetwork(network);
    spec.setHost(host);
    ContainerSelector web = new ContainerSelector();
    web.setMatchLabels(Map.of("app", "web"));
    spec.setContainerSelector(web);
    PolicyPeer peer = new PolicyPeer();
    ContainerSelector clients = new ContainerSelector();
    clients.setMatchLabels(Map.of("app", "client"));
    peer.setContainerSelector(clients);
    PolicyPort port = new PolicyPort();
    port.setPort(8080);
    PolicyIngressRule rule = new PolicyIngressRule();
    rule.setFrom(List.of(peer));
    rule.setPorts(List.of(port));
    spec.setIngress(List.of(rule));
    p.setSpec(spec);
    return p;
  }

  static DockerNetworkPolicy get(String name) {
    return client.resources(DockerNetworkPolicy.class).inNamespace(NS).withName(name).get();
  }

  static DockerNetworkPolicy awaitReason(String name, String status, String reason) {
    return await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> get(name),
            p -> {
              Condition c =
                  p == null || p.getStatus() == null
                      ? null
                      : Conditions.find(p.getStatus().getConditions(), "Ready");
              return c != null && status.equals(c.getStatus()) && reason.equals(c.getReason());
            });
  }

  /** Starts a labelled container on the test network listening on 8080; returns its address. */
  static String run(String name, String key, String value) {
    engine.runContainer(engine.name(name), Map.of(key, value), engine.name("p"));
    engine.docker("exec", "-d", engine.name(name), "nc", "-ll", "-p", "8080", "-e", "echo", "ok");
    return engine
        .inspectContainer(engine.name(name))
        .path("NetworkSettings")
        .path("Networks")
        .path(engine.name("p"))
        .path("IPAddress")
        .asText();
  }

  static boolean connects(String from, String address) {
    Cli.Result r =
        Cli.result(
            30,
            "docker",
            "exec",
            engine.name(from),
            "sh",
            "-c",
            "timeout 3 nc -w 1 " + address + " 8080 </dev/null");
    return r.ok() && r.stdout().contains("ok");
  }

  /**
   * The filter table minus counters and Docker's per-bridge and swarm rules (other suites create
   * networks meanwhile).
   */
  static String table() {
    return Cli.run("iptables-save", "-t", "filter")
        .lines()
        .filter(
            l ->
                !l.startsWith("#")
                    && !l.contains("br-")
                    && !l.contains("docker_gwbridge")
                    && !l.contains("DOCKER-INGRESS"))
        .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", ""))
        .collect(Collectors.joining("\n"));
  }
}
