package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/** What every rendering of the operator's Deployment must hold, however it was configured. */
final class DeploymentAssertions {
  private DeploymentAssertions() {}

  static Container operator(Deployment d) {
    assertThat(d.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Optional<String> env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst();
  }

  static void assertRestrictedOperatorPod(Deployment d) {
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = operator(d);
    assertThat(c.getArgs()).first().isEqualTo("operator");
    int port =
        c.getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElseThrow()
            .getContainerPort();
    assertThat(c.getArgs()).contains("--port=" + port);

    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");

    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKeys("memory");

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostNetwork())
        .as("the node's network only with the policies opt-in")
        .isNotEqualTo(Boolean.TRUE);
    // The read-only root leaves /tmp (a private emptyDir, in memory) for the DockerHosts' TLS
    // files.
    String tmp =
        c.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/tmp"))
            .findFirst()
            .orElseThrow()
            .getName();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals(tmp))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getEmptyDir().getMedium())
                    .as("TLS keys stay off the node's disk")
                    .isEqualTo("Memory"));
    assertThat(c.getArgs())
        .as("binds every interface unless asked")
        .noneMatch(a -> a.startsWith("--metrics-bind-address"));
    assertThat(pod.getServiceAccountName()).isNotBlank();
  }

  /**
   * The policies opt-in (chart {@code policies.enabled}, kustomize component deploy/policies): the
   * node's network namespace, NET_ADMIN/NET_RAW and root for the operator container only, and
   * nothing else loosened.
   */
  static void assertPolicyEnforcingPod(Deployment d) {
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = operator(d);
    assertThat(pod.getHostNetwork()).as("netfilter of the node").isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(c.getSecurityContext().getCapabilities().getAdd())
        .containsExactlyInAnyOrder("NET_ADMIN", "NET_RAW");
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getRunAsUser()).as("iptables needs root").isZero();
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isNotEqualTo(Boolean.TRUE);
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
  }

  static void assertSocketEngine(Deployment d, long socketGid) {
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = operator(d);
    assertThat(env(c, "DOCKER_HOST")).contains("unix:///var/run/docker.sock");
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getHostPath()).isNotNull();
              assertThat(v.getHostPath().getPath()).isEqualTo("/var/run/docker.sock");
              assertThat(v.getHostPath().getType()).isEqualTo("Socket");
            });
    assertThat(c.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/run/docker.sock"));
    assertThat(pod.getSecurityContext().getSupplementalGroups()).contains(socketGid);
  }
}
