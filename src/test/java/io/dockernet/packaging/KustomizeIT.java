package io.dockernet.packaging;

import static io.dockernet.packaging.DeploymentAssertions.assertPolicyEnforcingPod;
import static io.dockernet.packaging.DeploymentAssertions.assertRestrictedOperatorPod;
import static io.dockernet.packaging.DeploymentAssertions.assertSocketEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `kubectl kustomize deploy/` with the real kubectl 1.35, every object parsed strictly. */
class KustomizeIT {
  private static List<HasMetadata> objects;

  @BeforeAll
  static void render() {
    objects =
        StrictK8s.parseAll(
            K8sTools.ok(K8sTools.kubectl("kustomize", "deploy"), "kubectl kustomize deploy"));
  }

  @Test
  void installsTheThreeCrdsAndTheOperatorInItsNamespace() {
    assertThat(StrictK8s.ofType(objects, CustomResourceDefinition.class))
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "dockernetworks.dockernet.io",
            "networkattachments.dockernet.io",
            "dockerhosts.dockernet.io",
            "dockernetworkpolicies.dockernet.io",
            "subnetpools.dockernet.io");
    assertThat(StrictK8s.one(objects, Namespace.class).getMetadata().getName())
        .isEqualTo("dockernet-system");
    objects.stream()
        .filter(
            o ->
                !(o instanceof CustomResourceDefinition)
                    && !(o instanceof Namespace)
                    && !(o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole)
                    && !(o instanceof ClusterRoleBinding))
        .forEach(
            o ->
                assertThat(o.getMetadata().getNamespace())
                    .as(o.getKind())
                    .isEqualTo("dockernet-system"));
  }

  @Test
  void deploymentIsRestrictedAndUsesTheNodeSocket() {
    Deployment d = StrictK8s.one(objects, Deployment.class);
    assertRestrictedOperatorPod(d);
    assertSocketEngine(d, 999);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType())
        .as("never two unelected operators at once")
        .isEqualTo("Recreate");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("dockernet/dockernet-operator:0.1.0");
  }

  /**
   * The policies opt-in as a user writes it: their kustomization with deploy/ as a resource and
   * deploy/policies as a component. It changes the operator pod as the chart's policies.enabled
   * does, and nothing else of the install.
   */
  @Test
  void policiesComponentAddsHostNetworkAndNetAdminAndNothingElse() throws IOException {
    Path dir = Path.of("target/kustomize-policies-opt-in");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../../deploy]
        components: [../../deploy/policies]
        """);
    List<HasMetadata> optIn =
        StrictK8s.parseAll(
            K8sTools.ok(K8sTools.kubectl("kustomize", dir.toString()), "kubectl kustomize opt-in"));
    Deployment d = StrictK8s.one(optIn, Deployment.class);
    assertPolicyEnforcingPod(d);
    assertSocketEngine(d, 999);

    // Undo exactly the opt-in's fields: what is left is the default install, object for object.
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    pod.setHostNetwork(null);
    pod.setDnsPolicy(null);
    SecurityContext sc = pod.getContainers().get(0).getSecurityContext();
    sc.setRunAsUser(null);
    sc.setRunAsNonRoot(null);
    sc.getCapabilities().setAdd(List.of());
    assertThat(optIn).hasSameSizeAs(objects);
    for (int i = 0; i < objects.size(); i++) {
      assertThat(optIn.get(i)).as(objects.get(i).getKind()).isEqualTo(objects.get(i));
    }
  }

  @Test
  void bindingsGiveTheRolesToTheOperatorsServiceAccount() {
    String sa = StrictK8s.one(objects, ServiceAccount.class).getMetadata().getName();
    assertThat(
            StrictK8s.one(objects, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getServiceAccountName())
        .isEqualTo(sa);
    ClusterRoleBinding crb = StrictK8s.one(objects, ClusterRoleBinding.class);
    assertThat(crb.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo(sa);
              assertThat(s.getNamespace()).isEqualTo("dockernet-system");
            });
    RoleBinding rb = StrictK8s.one(objects, RoleBinding.class);
    assertThat(rb.getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo(sa));
  }

  @Test
  void metricsServiceSelectsTheOperatorPods() {
    Service svc = StrictK8s.one(objects, Service.class);
    Deployment d = StrictK8s.one(objects, Deployment.class);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(svc.getSpec().getSelector());
    assertThat(svc.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  void strictParsingRejectsAMisspelledField() {
    String typo =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          template:
            spec:
              containers:
                - name: c
                  readinesProbe: {httpGet: {path: /readyz, port: 8080}}
        """;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrictK8s.parseAll(typo))
        .hasMessageContaining("readinesProbe");
  }
}
