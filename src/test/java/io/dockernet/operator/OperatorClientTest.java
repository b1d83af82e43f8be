package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * The operator's informers keep one copy of each short value, not one per resource; each reconcile
 * gets a copy of its own.
 */
class OperatorClientTest {
  private static final String JSON =
      """
      {"apiVersion":"dockernet.io/v1alpha1","kind":"DockerNetwork",
       "metadata":{"name":"%s","namespace":"team-a","finalizers":["dockernetworks.dockernet.io/finalizer"],
                   "labels":{"tier":"front"}},
       "spec":{"host":"edge-1","labels":{"owner":"fleet"}},
       "status":{"conditions":[{"type":"Ready","status":"True","reason":"Converged",
                                "message":"%s"}]}}
      """;

  @Test
  void shortValuesReadFromJsonAreOneInstanceAcrossResourcesLongOnesAreLeftAlone() {
    KubernetesSerialization json = OperatorClient.serialization();
    String longMessage = "x".repeat(OperatorClient.INTERN_MAX_LENGTH + 1);
    DockerNetwork a = json.unmarshal(JSON.formatted("a", longMessage), DockerNetwork.class);
    DockerNetwork b = json.unmarshal(JSON.formatted("b", longMessage), DockerNetwork.class);

    assertThat(b.getMetadata().getName()).isEqualTo("b");
    assertThat(b.getMetadata().getNamespace()).isSameAs(a.getMetadata().getNamespace());
    assertThat(b.getMetadata().getFinalizers().get(0))
        .isSameAs(a.getMetadata().getFinalizers().get(0));
    assertThat(b.getMetadata().getLabels().get("tier"))
        .isSameAs(a.getMetadata().getLabels().get("tier"));
    assertThat(b.getSpec().getHost()).isSameAs(a.getSpec().getHost());
    assertThat(b.getSpec().getLabels().get("owner")).isSameAs(a.getSpec().getLabels().get("owner"));
    assertThat(b.getStatus().getConditions().get(0).getReason())
        .isSameAs(a.getStatus().getConditions().get(0).getReason());
    assertThat(b.getStatus().getConditions().get(0).getMessage())
        .isEqualTo(longMessage)
        .isNotSameAs(a.getStatus().getConditions().get(0).getMessage());
  }

  @Test
  void aReconcilesCopyIsEqualButSharesNothingItCouldChange() {
    KubernetesSerialization json = OperatorClient.serialization();
    DockerNetwork cached = json.unmarshal(JSON.formatted("a", "ok"), DockerNetwork.class);

    DockerNetwork copy = OperatorClient.cloner().clone(cached);

    assertThat(copy).isNotSameAs(cached);
    assertThat(json.asJson(copy)).isEqualTo(json.asJson(cached));
    assertThat(copy.getMetadata()).isNotSameAs(cached.getMetadata());
    assertThat(copy.getSpec()).isNotSameAs(cached.getSpec());
    assertThat(copy.getStatus().getConditions()).isNotSameAs(cached.getStatus().getConditions());
    copy.getStatus().getConditions().get(0).setMessage("changed by the reconcile");
    copy.getMetadata().getLabels().put("tier", "back");
    assertThat(cached.getStatus().getConditions().get(0).getMessage()).isEqualTo("ok");
    assertThat(cached.getMetadata().getLabels()).containsEntry("tier", "front");
  }
}
