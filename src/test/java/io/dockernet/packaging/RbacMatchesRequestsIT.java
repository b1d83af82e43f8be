package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicySpec;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import io.dockernet.engine.EngineConfig;
import io.dockernet.operator.DockernetOperator;
import io.dockernet.operator.GatewayFactory;
import io.dockernet.operator.KubeFixtures;
import io.dockernet.operator.OperatorSettings;
import io.dockernet.operator.SpecValidator;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the operator (leader election on, as in production with replicas) against Fabric8's mock API
 * server and the real engine, drives it through every path that needs a permission (create, edit
 * and delete of each kind, a DockerHost's TLS Secret, Events, the leader Lease, status patches, and
 * the re-read JOSDK does after a 409 Conflict on a finalizer patch, provoked here), records every
 * request its client sends, and checks deploy/rbac.yaml against THIS recording alone: no request
 * the rules do not allow, no grant no request used. Every wait fails the test when it times out.
 * The committed operator-requests.txt (which RbacMatchesRequestsTest checks offline) must list
 * exactly the grants this run used. Subnets 10.123.96.0/20.
 */
class RbacMatchesRequestsIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final String OWN_NS = "dockernet-system";
  static final String NS = "team-rbac";
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String CONFLICT =
      """
      {"apiVersion":"v1","kind":"Status","status":"Failure","reason":"Conflict","code":409,
       "message":"the object has been modified; please apply your changes to the latest version and try again"}""";

  @Test
  void clusterRoleAndRoleGrantExactlyWhatTheOperatorUses() throws Exception {
    List<String> recorded = record();
    Files.write(Path.of("target/operator-requests.recorded.txt"), recorded);
    RbacRules rules = RbacRules.of(Path.of("deploy/rbac.yaml"));
    assertThat(rules.missing(recorded)).as("requests the RBAC rules do not allow").isEmpty();
    assertThat(rules.unused(recorded)).as("granted but not requested in this run").isEmpty();
    assertThat(grants(recorded))
        .as(
            "the grants this run used; update %s from target/operator-requests.recorded.txt",
            RbacMatchesRequestsTest.FIXTURE)
        .isEqualTo(grants(RbacMatchesRequestsTest.fixture()));
  }

  static Set<String> grants(List<String> lines) {
    Set<String> out = new TreeSet<>();
    lines.forEach(
        l ->
            Permission.parse(l)
                .ifPresent(
                    p ->
                        out.add(
                            p.grant()
                                + (OWN_NS.equals(p.namespace())
                                        && !p.resource().startsWith("dockernet")
                                    ? " (own namespace)"
                                    : ""))));
    return out;
  }

  private List<String> record() throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the mock does not
    // answer itself.
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            """
        {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","status":{"incomplete":false,
         "resourceRules":[{"apiGroups":["coordination.k8s.io"],"resources":["leases"],"verbs":["*"]}],"nonResourceRules":[]}}""")
        .always();
    // The first patch of each namespaced resource (its finalizer) meets a Conflict, as when a user
    // edits it at that moment: JOSDK then GETs the resource and patches again.
    server
        .expect()
        .patch()
        .withPath("/apis/dockernet.io/v1alpha1/namespaces/" + NS + "/dockernetworks/rbac-net")
        .andReturn(409, CONFLICT)
        .once();
    server
        .expect()
        .patch()
        .withPath("/apis/dockernet.io/v1alpha1/namespaces/" + NS + "/networkattachments/rbac-att")
        .andReturn(409, CONFLICT)
        .once();
    try (KubernetesClient admin = server.createClient();
        KubernetesClient operatorClient = RequestLog.operatorClient(server)) {
      createCrds(admin);
      OperatorSettings settings =
          OperatorSettings.defaults()
              .withDefaultEngine(EngineConfig.fromEnvironment())
              .withSecretNamespace(OWN_NS)
              .withPort(0)
              .withResyncPeriod(Duration.ofSeconds(60))
              .withLeaderElection(
                  new OperatorSettings.LeaderElection(
                      "dockernet-operator", OWN_NS, "rbac-probe", false));
      DockernetOperator operator =
          DockernetOperator.start(
              operatorClient,
              settings,
              GatewayFactory.DOCKER_JAVA,
              SpecValidator.NONE); // validation does not change which API requests are sent
      try {
        exercise(admin);
      } finally {
        operator.stop();
      }
      return RequestLog.drain(server);
    } finally {
      server.destroy();
    }
  }

  /** Create, update and delete one resource of each kind, waiting for the operator each time. */
  private void exercise(KubernetesClient admin) {
    admin
        .secrets()
        .inNamespace(OWN_NS)
        .resource(
            new SecretBuilder()
                .withMetadata(
                    new ObjectMetaBuilder().withName("remote-tls").withNamespace(OWN_NS).build())
                .withStringData(
                    Map.of(
                        "ca.pem",
                        "not a certificate",
                        "cert.pem",
                        "not a certificate",
                        "key.pem",
                        "not a key"))
                .build())
        .create();
    DockerHost host = new DockerHost();
    host.setMetadata(new ObjectMetaBuilder().withName(engine.name("remote")).build());
    DockerHostSpec hostSpec = new DockerHostSpec();
    hostSpec.setEndpoint("tcp://127.0.0.1:9");
    hostSpec.setTlsSecretName("remote-tls");
    host.setSpec(hostSpec);
    admin.resource(host).create();

    DockerHost local = new DockerHost();
    local.setMetadata(new ObjectMetaBuilder().withName(engine.name("local")).build());
    DockerHostSpec localSpec = new DockerHostSpec();
    localSpec.setEndpoint("unix:///var/run/docker.sock");
    local.setSpec(localSpec);
    admin.resource(local).create();

    String container = engine.name("rbac-c1");
    engine.runContainer(container);
    String dockerName = engine.name("rbac-net");
    engine.removeNetworkAfter(dockerName);
    DockerNetwork net = new DockerNetwork();
    net.setMetadata(new ObjectMetaBuilder().withName("rbac-net").withNamespace(NS).build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(dockerName);
    IpamConfig pool = new IpamConfig();
    pool.setSubnet("10.123.96.0/24");
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    spec.setHost(engine.name("local")); // resolved through a DockerHost: the operator reads it
    net.setSpec(spec);
    admin.resource(net).create();

    // The attachment names no host: the default engine, the one DockerHost "local" names too.
    admin
        .resource(KubeFixtures.attachment(NS, "rbac-att", dockerName, container, List.of("one")))
        .create();

    SubnetPool subnetPool = new SubnetPool();
    subnetPool.setMetadata(new ObjectMetaBuilder().withName("rbac-pool").build());
    SubnetPoolSpec poolSpec = new SubnetPoolSpec();
    poolSpec.setCidrs(List.of("10.206.252.0/22"));
    subnetPool.setSpec(poolSpec);
    admin.resource(subnetPool).create();
    String pooledName = engine.name("rbac-pooled");
    engine.removeNetworkAfter(pooledName);
    DockerNetwork pooled = new DockerNetwork();
    pooled.setMetadata(new ObjectMetaBuilder().withName("rbac-pooled").withNamespace(NS).build());
    DockerNetworkSpec pooledSpec = new DockerNetworkSpec();
    pooledSpec.setName(pooledName);
    IpamConfig fromPool = new IpamConfig();
    fromPool.setPool("rbac-pool");
    IpamSpec pooledIpam = new IpamSpec();
    pooledIpam.setConfig(List.of(fromPool));
    pooledSpec.setIpam(pooledIpam);
    pooledSpec.setHost(engine.name("local"));
    pooled.setSpec(pooledSpec);
    admin.resource(pooled).create();

    awaitReady(admin, DockerNetwork.class, NS, "rbac-net", 1);
    awaitReady(admin, DockerNetwork.class, NS, "rbac-pooled", 1);
    // A DockerHost the operator's informers do not hold is read from the API server (one created
    // a moment ago may not have reached them): here one that does not exist, reported NotFound.
    DockerNetwork orphan = new DockerNetwork();
    orphan.setMetadata(new ObjectMetaBuilder().withName("rbac-nohost").withNamespace(NS).build());
    DockerNetworkSpec orphanSpec = new DockerNetworkSpec();
    orphanSpec.setHost(engine.name("absent"));
    orphan.setSpec(orphanSpec);
    admin.resource(orphan).create();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                ready(
                        admin
                            .resources(DockerNetwork.class)
                            .inNamespace(NS)
                            .withName("rbac-nohost")
                            .get())
                    .equals("False/1"));
    admin.resources(DockerNetwork.class).inNamespace(NS).withName("rbac-nohost").delete();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                admin.resources(DockerNetwork.class).inNamespace(NS).withName("rbac-nohost").get()
                    == null);
    // The pool's status (its allocations) is written by the operator.
    await()
        .atMost(CONVERGE)
        .until(
            () -> {
              SubnetPool p = admin.resources(SubnetPool.class).withName("rbac-pool").get();
              return p.getStatus() != null
                  && p.getStatus().getAllocatedCount() != null
                  && p.getStatus().getAllocatedCount() == 1;
            });
    awaitReady(admin, NetworkAttachment.class, NS, "rbac-att", 1);
    awaitHost(admin, engine.name("local"), "True", 1);
    // Made-up TLS files: the Secret is read, the host reported not Ready (with a warning Event).
    awaitHost(admin, engine.name("remote"), "False", 1);

    KubeFixtures.edit(
        admin.resources(NetworkAttachment.class).inNamespace(NS).withName("rbac-att"),
        a -> {
          a.getSpec().setAliases(List.of("one", "two"));
          return a;
        },
        CONVERGE);
    awaitReady(admin, NetworkAttachment.class, NS, "rbac-att", 2);
    // Right after the attachment's reconnect the network's status changes too: edit may meet a 409.
    KubeFixtures.edit(
        admin.resources(DockerNetwork.class).inNamespace(NS).withName("rbac-net"),
        n -> {
          n.getSpec().setInternal(true); // immutable in Docker: a recreate
          return n;
        },
        CONVERGE);
    awaitReady(admin, DockerNetwork.class, NS, "rbac-net", 2);
    KubeFixtures.edit(
        admin.resources(DockerHost.class).withName(engine.name("remote")),
        h -> {
          h.getSpec().setAllowedNamespaces(List.of(NS));
          return h;
        },
        CONVERGE);
    awaitHost(admin, engine.name("remote"), "False", 2);

    // A policy selecting no container: status, finalizer and its removal, with no netfilter rule.
    DockerNetworkPolicy policy = new DockerNetworkPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("rbac-policy").withNamespace(NS).build());
    DockerNetworkPolicySpec policySpec = new DockerNetworkPolicySpec();
    policySpec.setNetwork(dockerName);
    ContainerSelector nobody = new ContainerSelector();
    nobody.setMatchLabels(Map.of("io.dockernet.test.nobody", "true"));
    policySpec.setContainerSelector(nobody);
    policySpec.setIngress(List.of());
    policy.setSpec(policySpec);
    admin.resource(policy).create();
    awaitReady(admin, DockerNetworkPolicy.class, NS, "rbac-policy", 1);
    admin.resources(DockerNetworkPolicy.class).inNamespace(NS).withName("rbac-policy").delete();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                admin
                        .resources(DockerNetworkPolicy.class)
                        .inNamespace(NS)
                        .withName("rbac-policy")
                        .get()
                    == null);

    admin.resources(NetworkAttachment.class).inNamespace(NS).withName("rbac-att").delete();
    admin.resources(DockerNetwork.class).inNamespace(NS).withName("rbac-net").delete();
    admin.resources(DockerNetwork.class).inNamespace(NS).withName("rbac-pooled").delete();
    // The network's finalizer needs its DockerHost: remove the hosts after the network is gone.
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                admin.resources(DockerNetwork.class).inNamespace(NS).withName("rbac-net").get()
                        == null
                    && admin
                            .resources(DockerNetwork.class)
                            .inNamespace(NS)
                            .withName("rbac-pooled")
                            .get()
                        == null
                    && admin
                            .resources(NetworkAttachment.class)
                            .inNamespace(NS)
                            .withName("rbac-att")
                            .get()
                        == null);
    admin.resources(SubnetPool.class).withName("rbac-pool").delete();
    admin.resources(DockerHost.class).withName(engine.name("remote")).delete();
    admin.resources(DockerHost.class).withName(engine.name("local")).delete();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                admin.resources(DockerHost.class).withName(engine.name("remote")).get() == null
                    && admin.resources(DockerHost.class).withName(engine.name("local")).get()
                        == null);
  }

  /** Until the operator reported Ready=True for this generation of the resource (finalizer on). */
  private static <T extends CustomResource<?, ?>> void awaitReady(
      KubernetesClient c, Class<T> type, String ns, String name, long generation) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              T r = c.resources(type).inNamespace(ns).withName(name).get();
              assertThat(r.getMetadata().getGeneration()).isEqualTo(generation);
              assertThat(r.getMetadata().getFinalizers()).isNotEmpty();
              assertThat(ready(r)).as(readyReason(r)).isEqualTo("True/" + generation);
            });
  }

  /**
   * Until the operator reported on this generation of the DockerHost with the Ready status given.
   */
  private static void awaitHost(KubernetesClient c, String name, String status, long generation) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              DockerHost h = c.resources(DockerHost.class).withName(name).get();
              assertThat(ready(h)).as(readyReason(h)).isEqualTo(status + "/" + generation);
            });
  }

  /** "status/observedGeneration" of the Ready condition, or "" without one. */
  private static String ready(HasMetadata r) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(r);
    for (JsonNode cond : tree.path("status").path("conditions")) {
      if (cond.path("type").asText().equals("Ready")) {
        return cond.path("status").asText()
            + "/"
            + tree.path("status").path("observedGeneration").asText();
      }
    }
    return "";
  }

  /** The Ready condition's reason and message, for a failed wait to say why. */
  private static String readyReason(HasMetadata r) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(r);
    for (JsonNode cond : tree.path("status").path("conditions")) {
      if (cond.path("type").asText().equals("Ready")) {
        return "Ready " + cond.path("reason").asText() + ": " + cond.path("message").asText();
      }
    }
    return "no Ready condition";
  }

  private static void createCrds(KubernetesClient client) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
              .create();
        }
      }
    }
  }
}
