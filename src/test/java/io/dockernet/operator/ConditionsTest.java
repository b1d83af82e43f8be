package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  static final Clock T1 = Clock.fixed(Instant.parse("2025-01-01T10:00:00.123Z"), ZoneOffset.UTC);
  static final Clock T2 = Clock.fixed(Instant.parse("2025-01-01T11:00:00Z"), ZoneOffset.UTC);

  @Test
  void cleanRoundIsReadyTrueWithObservedGenerationAndSecondsPrecisionTime() {
    List<Condition> conditions =
        Conditions.from(List.of(), 3L, T1).readyWhenClean("Converged", "network up").build();

    assertThat(conditions)
        .first()
        .satisfies(
            c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("Converged");
              assertThat(c.getMessage()).isEqualTo("network up");
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
            });
  }

  @Test
  void firstProblemGivesTheReasonAndAllMessagesAreKept() {
    List<Condition> conditions =
        Conditions.from(List.of(), 1L, T1)
            .problem("Conflict", "network web is owned by ns1/web")
            .problem("InUse", "container db is not managed")
            .build();

    Condition ready = Conditions.find(conditions, "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("Conflict");
    assertThat(ready.getMessage())
        .isEqualTo("network web is owned by ns1/web\ncontainer db is not managed");
  }

  @Test
  void transitionTimeStaysWhenNothingChangedAndMovesWhenStatusReasonOrMessageDo() {
    List<Condition> first =
        Conditions.from(List.of(), 1L, T1).problem("Invalid", "bad cidr").build();

    List<Condition> same = Conditions.from(first, 2L, T2).problem("Invalid", "bad cidr").build();
    assertThat(Conditions.find(same, "Ready").getLastTransitionTime())
        .isEqualTo("2025-01-01T10:00:00Z");
    assertThat(Conditions.find(same, "Ready").getObservedGeneration()).isEqualTo(2L);

    List<Condition> otherMessage =
        Conditions.from(first, 1L, T2).problem("Invalid", "bad gateway").build();
    assertThat(Conditions.find(otherMessage, "Ready").getLastTransitionTime())
        .isEqualTo("2025-01-01T11:00:00Z");

    List<Condition> otherReason =
        Conditions.from(first, 1L, T2).problem("Conflict", "bad cidr").build();
    assertThat(Conditions.find(otherReason, "Ready").getLastTransitionTime())
        .isEqualTo("2025-01-01T11:00:00Z");

    List<Condition> nowReady = Conditions.from(first, 1L, T2).build();
    assertThat(Conditions.find(nowReady, "Ready").getStatus()).isEqualTo("True");
    assertThat(Conditions.find(nowReady, "Ready").getLastTransitionTime())
        .isEqualTo("2025-01-01T11:00:00Z");
  }

  @Test
  void untouchedConditionsAreCarriedForwardAsTheyWere() {
    Condition foreign =
        new ConditionBuilder()
            .withType("Synced")
            .withStatus("True")
            .withReason("ByArgo")
            .withMessage("x")
            .withLastTransitionTime("2020-01-01T00:00:00Z")
            .withObservedGeneration(9L)
            .build();
    List<Condition> conditions = Conditions.from(List.of(foreign), 1L, T1).build();

    assertThat(conditions)
        .extracting(Condition::getType)
        .containsExactly("Ready", "Reconciling", "Stalled", "Synced");
    assertThat(Conditions.find(conditions, "Synced")).isEqualTo(foreign);
  }

  @Test
  void explicitlySetConditionsFollowTheSameTransitionRule() {
    List<Condition> first =
        Conditions.from(List.of(), 1L, T1)
            .set("Deleting", "True", "DeletionBlocked", "in use by c1")
            .build();
    List<Condition> again =
        Conditions.from(first, 1L, T2)
            .set("Deleting", "True", "DeletionBlocked", "in use by c1")
            .build();

    assertThat(Conditions.find(again, "Deleting").getLastTransitionTime())
        .isEqualTo("2025-01-01T10:00:00Z");
    assertThatThrownBy(() -> Conditions.from(List.of(), 1L).set("Ready", "True", "x", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameRoundTwiceYieldsAnEqualStatusSoNoPatchIsNeeded() {
    DockerNetworkStatus before = new DockerNetworkStatus();
    before.setId("abc");
    before.setConditions(Conditions.from(List.of(), 1L, T1).build());

    DockerNetworkStatus after = new DockerNetworkStatus();
    after.setId("abc");
    after.setConditions(Conditions.from(before.getConditions(), 1L, T2).build());

    assertThat(Conditions.differs(before, after)).isFalse();

    after.setId("def");
    assertThat(Conditions.differs(before, after)).isTrue();
    assertThat(Conditions.differs(null, after)).isTrue();
  }

  /**
   * kstatus (Flux, kubectl wait) reads Reconciling and Stalled; each carries the generation it was
   * computed from.
   */
  @Test
  void reconcilingWhileItRetriesStalledWhenOnlyAChangeHelpsNeitherWhenReady() {
    List<Condition> ready =
        Conditions.from(List.of(), 4L, T1).readyWhenClean(Reason.CONVERGED, "ok").build();
    assertThat(ready)
        .extracting(Condition::getType, Condition::getStatus, Condition::getObservedGeneration)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True", 4L),
            org.assertj.core.groups.Tuple.tuple("Reconciling", "False", 4L),
            org.assertj.core.groups.Tuple.tuple("Stalled", "False", 4L));

    List<Condition> retrying =
        Conditions.from(ready, 5L, T2).problem(Reason.ENGINE_UNAVAILABLE, "engine down").build();
    assertThat(Conditions.find(retrying, "Reconciling"))
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("EngineUnavailable");
              assertThat(c.getMessage()).isEqualTo("engine down");
              assertThat(c.getObservedGeneration()).isEqualTo(5L);
            });
    assertThat(Conditions.find(retrying, "Stalled").getStatus()).isEqualTo("False");

    for (Reason stuck :
        List.of(
            Reason.INVALID,
            Reason.CONFLICT,
            Reason.FORBIDDEN,
            Reason.POOL_EXHAUSTED,
            Reason.IN_USE)) {
      List<Condition> c = Conditions.from(ready, 6L, T2).problem(stuck, "needs a change").build();
      assertThat(Conditions.find(c, "Stalled").getStatus()).as(stuck.code()).isEqualTo("True");
      assertThat(Conditions.find(c, "Stalled").getReason()).isEqualTo(stuck.code());
      assertThat(Conditions.find(c, "Reconciling").getStatus()).as(stuck.code()).isEqualTo("False");
    }
  }
}
