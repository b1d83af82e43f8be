package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --server-side-apply} reaches JOSDK (primary resource patches) and our status writes. The
 * Fabric8 mock cannot serve server-side apply (fabric8io/kubernetes-client#5337), so only the
 * default path is exercised end to end; here we check what the flag configures and what goes on the
 * wire.
 */
class ServerSideApplyTest {
  static KubernetesClient offline;

  @BeforeAll
  static void client() {
    // Building an Operator does not contact the API server: no server needed for the configuration
    // checks.
    offline =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build();
  }

  @AfterAll
  static void close() {
    offline.close();
  }

  static ConfigurationService josdk() {
    return josdk(OperatorSettings.defaults());
  }

  /** The flags that set these are tested in cli/OperatorCommandTest. */
  static ConfigurationService josdk(OperatorSettings settings) {
    return new Operator(DockernetOperator.configuration(offline, settings, new OperatorMetrics()))
        .getConfigurationService();
  }

  @Test
  void offByDefault() {
    ConfigurationService config = josdk();
    assertThat(config.useSSAToPatchPrimaryResource()).isFalse();
    assertThat(config.ssaBasedCreateUpdateMatchForDependentResources()).isFalse();
    assertThat(config.closeClientOnStop()).isFalse();
  }

  @Test
  void theFlagTurnsItOnInJosdk() {
    ConfigurationService config = josdk(OperatorSettings.defaults().withServerSideApply(true));
    assertThat(config.useSSAToPatchPrimaryResource()).isTrue();
    assertThat(config.ssaBasedCreateUpdateMatchForDependentResources()).isTrue();
  }

  @Test
  void leaderElectionSettingsReachJosdkToo() {
    ConfigurationService config =
        josdk(
            OperatorSettings.defaults()
                .withLeaderElection(
                    new OperatorSettings.LeaderElection("shard-eu", "ops", "test", true)));
    assertThat(config.getLeaderElectionConfiguration())
        .hasValueSatisfying(
            le -> {
              assertThat(le.getLeaseName()).isEqualTo("shard-eu");
              assertThat(le.getLeaseNamespace()).hasValue("ops");
              assertThat(le.isExitOnStopLeading()).isTrue();
            });
    assertThat(josdk().getLeaderElectionConfiguration()).isEmpty();
  }

  @Test
  void statusIsOneJsonPatchByDefaultAndAnApplyPatchWithTheFlag() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      DockerNetwork network = new DockerNetwork();
      network.setMetadata(new ObjectMetaBuilder().withName("n").withNamespace("default").build());
      network.setSpec(new DockerNetworkSpec());
      network = cluster.client.resource(network).create();

      DockerNetworkStatus status = new DockerNetworkStatus();
      status.setId("abc");
      new StatusWriter(cluster.client, false).write(network, status);
      assertThat(cluster.client.resource(network).get().getStatus().getId()).isEqualTo("abc");
      RecordedRequest plain = lastStatusPatch(cluster);
      assertThat(plain.getHeader("Content-Type")).startsWith("application/json-patch+json");

      try {
        new StatusWriter(cluster.client, true).write(network, status);
      } catch (RuntimeException refusedByTheMock) {
        // 415: the mock does not implement server-side apply; the request is what we check.
      }
      RecordedRequest ssa = lastStatusPatch(cluster);
      assertThat(ssa.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
      assertThat(ssa.getPath())
          .contains("fieldManager=" + StatusWriter.FIELD_MANAGER)
          .contains("force=true");
    }
  }

  private static RecordedRequest lastStatusPatch(MockCluster cluster) throws InterruptedException {
    List<RecordedRequest> patches = new ArrayList<>();
    RecordedRequest r;
    while ((r = cluster.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (r.getMethod().equals("PATCH") && r.getPath().contains("/status")) {
        patches.add(r);
      }
    }
    assertThat(patches).as("status patches sent").isNotEmpty();
    return patches.get(patches.size() - 1);
  }
}
