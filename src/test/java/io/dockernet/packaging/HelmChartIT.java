package io.dockernet.packaging;

import static io.dockernet.packaging.DeploymentAssertions.assertPolicyEnforcingPod;
import static io.dockernet.packaging.DeploymentAssertions.assertRestrictedOperatorPod;
import static io.dockernet.packaging.DeploymentAssertions.assertSocketEngine;
import static io.dockernet.packaging.DeploymentAssertions.env;
import static io.dockernet.packaging.DeploymentAssertions.operator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart, through the real helm 4: lint, then template with the value sets users need. */
class HelmChartIT {
  private static final String CHART = "helm/dockernet-operator";

  private static String template(String... sets) {
    List<String> args =
        new ArrayList<>(
            List.of("template", "dn", CHART, "--namespace", "dockernet-system", "--include-crds"));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    return K8sTools.ok(K8sTools.helm(args.toArray(String[]::new)), "helm " + args);
  }

  private static List<HasMetadata> render(String... sets) {
    return StrictK8s.parseAll(template(sets));
  }

  @Test
  void lintIsClean() {
    String out = K8sTools.ok(K8sTools.helm("lint", "--strict", CHART), "helm lint");
    assertThat(out)
        .contains("0 chart(s) failed")
        .doesNotContain("[WARNING]")
        .doesNotContain("[ERROR]");
    // Lint the other value sets too: the schema and templates must accept them.
    K8sTools.ok(
        K8sTools.helm(
            "lint",
            "--strict",
            CHART,
            "--set",
            "replicaCount=2",
            "--set",
            "leaderElection.enabled=true",
            "--set",
            "metrics.serviceMonitor.enabled=true"),
        "helm lint (leader election)");
  }

  @Test
  void defaultsRenderARestrictedOperatorOnTheNodeSocket() {
    List<HasMetadata> objects = render();
    Deployment d = StrictK8s.one(objects, Deployment.class);
    assertRestrictedOperatorPod(d);
    assertSocketEngine(d, 999);
    Container c = operator(d);
    assertThat(c.getImage()).isEqualTo("dockernet/dockernet-operator:0.1.0");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(c.getArgs())
        .noneMatch(a -> a.startsWith("--leader-election") || a.startsWith("--namespaces"));
    assertThat(env(c, "JAVA_TOOL_OPTIONS"))
        .hasValueSatisfying(o -> assertThat(o).contains("defaultLogLevel=info"));
    // Every CRD of crds/ ships with the chart.
    try (java.util.stream.Stream<java.nio.file.Path> crds =
        java.nio.file.Files.list(java.nio.file.Path.of("crds"))) {
      assertThat(StrictK8s.ofType(objects, CustomResourceDefinition.class))
          .hasSize((int) crds.count());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Service svc = StrictK8s.one(objects, Service.class);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(svc.getSpec().getSelector());
    assertThat(StrictK8s.documents(template()))
        .noneMatch(doc -> doc.path("kind").asText().equals("ServiceMonitor"));
  }

  @Test
  void policiesOptInAddsHostNetworkAndNetAdminOnlyThen() {
    Deployment plain = StrictK8s.one(render(), Deployment.class);
    assertThat(plain.getSpec().getTemplate().getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(operator(plain).getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    Deployment d = StrictK8s.one(render("policies.enabled=true"), Deployment.class);
    assertPolicyEnforcingPod(d);
  }

  @Test
  void remoteEngineUsesDockerHostAndTheTlsSecret() {
    Deployment d =
        StrictK8s.one(
            render(
                "engine.mode=remote",
                "engine.remote.endpoint=tcp://docker-1.example:2376",
                "engine.remote.tlsSecretName=docker-1-tls"),
            Deployment.class);
    assertRestrictedOperatorPod(d);
    Container c = operator(d);
    assertThat(env(c, "DOCKER_HOST")).contains("tcp://docker-1.example:2376");
    assertThat(env(c, "DOCKER_TLS_VERIFY")).contains("1");
    String certPath = env(c, "DOCKER_CERT_PATH").orElseThrow();
    Volume tls =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .findFirst()
            .orElseThrow();
    assertThat(tls.getSecret().getSecretName()).isEqualTo("docker-1-tls");
    assertThat(tls.getSecret().getItems())
        .extracting(i -> i.getKey())
        .containsExactlyInAnyOrder("ca.pem", "cert.pem", "key.pem");
    assertThat(c.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo(tls.getName());
              assertThat(m.getMountPath()).isEqualTo(certPath);
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
        .as("no node socket for a remote engine")
        .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
  }

  @Test
  void leaderElectionWithTwoReplicas() {
    Deployment d =
        StrictK8s.one(render("replicaCount=2", "leaderElection.enabled=true"), Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(operator(d).getArgs())
        .contains("--leader-election", "--lease-name=dn-dockernet-operator");
    // With a Lease, rolling updates are safe: the new pod waits for the Lease.
    assertThat(d.getSpec().getStrategy()).isNull();
  }

  @Test
  void metricsBindAddressReachesTheOperatorWithThePodIp() {
    Deployment d = StrictK8s.one(render("metrics.bindAddress=$(POD_IP)"), Deployment.class);
    assertThat(operator(d).getArgs()).contains("--metrics-bind-address=$(POD_IP)");
    assertThat(operator(d).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("POD_IP");
              assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
            });
  }

  @Test
  void oneWatchedNamespace() {
    Deployment d = StrictK8s.one(render("watchNamespaces={team-a}"), Deployment.class);
    assertThat(operator(d).getArgs()).contains("--namespaces=team-a");
  }

  @Test
  void schedulingLoggingAndServiceMonitor() {
    String yaml =
        template(
            "nodeSelector.dockernet\\.io/engine=docker",
            "tolerations[0].key=dedicated",
            "tolerations[0].operator=Exists",
            "logging.level=debug",
            "logging.format=detailed",
            "metrics.serviceMonitor.enabled=true",
            "metrics.serviceMonitor.labels.release=prom");
    Deployment d = StrictK8s.one(StrictK8s.parseAll(yaml), Deployment.class);
    assertThat(d.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("dockernet.io/engine", "docker");
    assertThat(d.getSpec().getTemplate().getSpec().getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(env(operator(d), "JAVA_TOOL_OPTIONS"))
        .hasValueSatisfying(
            o -> assertThat(o).contains("defaultLogLevel=debug", "showDateTime=true"));
    JsonNode monitor =
        StrictK8s.documents(yaml).stream()
            .filter(doc -> doc.path("kind").asText().equals("ServiceMonitor"))
            .findFirst()
            .orElseThrow();
    assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("prom");
    assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText())
        .isEqualTo("http-metrics");
    assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText())
        .isEqualTo("/metrics");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "replicaCount=2                                 | needs leaderElection.enabled=true",
        "engine.mode=remote                             | needs engine.remote.endpoint",
        "engine.mode=remote,engine.remote.endpoint=tcp://h:2376 | needs engine.remote.tlsSecretName",
        "logging.level=loud                             | /logging/level",
        "imageTag=latest                                | additional properties 'imageTag' not allowed"
      })
  void refusesBrokenValues(String set, String message) {
    K8sTools.Run run = K8sTools.helm("template", "dn", CHART, "--set", set.strip());
    assertThat(run.exitCode()).as(set).isNotZero();
    assertThat(run.stderr()).contains(message.strip());
  }

  @Test
  void chartRbacEqualsDeployRbac() {
    List<HasMetadata> chart = render();
    List<HasMetadata> deploy =
        StrictK8s.parseAll(
            K8sTools.ok(K8sTools.kubectl("kustomize", "deploy"), "kubectl kustomize"));
    assertThat(rules(StrictK8s.one(chart, ClusterRole.class).getRules()))
        .isEqualTo(rules(StrictK8s.one(deploy, ClusterRole.class).getRules()));
    assertThat(rules(StrictK8s.one(chart, Role.class).getRules()))
        .isEqualTo(rules(StrictK8s.one(deploy, Role.class).getRules()));
  }

  private static List<String> rules(List<PolicyRule> rules) {
    return rules.stream()
        .map(r -> r.getApiGroups() + " " + r.getResources() + " " + r.getVerbs())
        .toList();
  }
}
