package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.Fixtures.policies;
import static io.dockernet.plan.PlannerTest.APPLY;
import static io.dockernet.plan.PlannerTest.described;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network part alone: create, recreate (decided, not yet planned), adopt or block. */
class NetworksTest {
  private static PlanRun networksOf(DesiredState d, Snapshot s) {
    PlanRun run = new PlanRun(d, s, APPLY);
    d.networks().forEach(run.networks::plan);
    return run;
  }

  @Test
  void aMissingNetworkIsCreatedAndWillExistWithNothingOnIt() {
    DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of());

    PlanRun run = networksOf(d, new Fixtures.Engine().snapshot());

    assertThat(described(run.ledger.plan())).containsExactly("CreateNetwork web");
    assertThat(run.networks.creates("web")).isTrue();
    assertThat(run.networks.willExist("web")).isTrue();
    assertThat(run.networks.willExist("db")).isFalse();
  }

  @Test
  void aChangedNetworkOfOursIsLeftToTheRecreatePart() {
    DesiredState before = desired(List.of(net("web", "10.1.0.0/24")), List.of());
    DesiredState after = desired(List.of(net("web", "10.2.0.0/24")), List.of());
    Snapshot s = new Fixtures.Engine().created(before, "web").snapshot();

    PlanRun run = networksOf(after, s);

    assertThat(run.ledger.plan().actions()).isEmpty(); // planned when every disconnect is known
    assertThat(run.recreates.recreates("web")).isTrue();
    assertThat(run.networks.creates("web")).isFalse();
  }

  @Test
  void updatePolicyNeverBlocksInsteadOfRecreating() {
    DesiredState before = desired(List.of(net("web", "10.1.0.0/24")), List.of());
    DesiredState after =
        desired(
            List.of(policies(net("web", "10.2.0.0/24"), UpdatePolicy.Never, null, null)),
            List.of());
    Snapshot s = new Fixtures.Engine().created(before, "web").snapshot();

    PlanRun run = networksOf(after, s);

    assertThat(described(run.ledger.plan())).containsExactly("Blocked web UpdateBlocked");
    assertThat(run.recreates.recreates("web")).isFalse();
  }

  @Test
  void aForeignNetworkIsAdoptedOnlyWhenAllowedAndCompatible() {
    DesiredState plain = desired(List.of(net("web", "10.1.0.0/24")), List.of());
    DesiredState adopting =
        desired(
            List.of(policies(net("web", "10.1.0.0/24"), null, null, AdoptionPolicy.IfCompatible)),
            List.of());
    Snapshot s =
        new Fixtures.Engine()
            .network(
                Fixtures.normalised(plain.networks().get(0).config())
                    .withLabels(java.util.Map.of()))
            .snapshot();

    assertThat(described(networksOf(plain, s).ledger.plan()))
        .containsExactly("Blocked web Conflict");
    Plan adopted = networksOf(adopting, s).ledger.plan();
    assertThat(adopted.actions()).isEmpty();
    assertThat(adopted.notes(plain.networks().get(0).ref()))
        .containsExactly(
            "adopted existing network web (not created by dockernet, so never removed by it)");
  }

  @Test
  void aNameDeclaredTwiceIsAConflictForTheSecond() {
    var again = net("web", "10.1.0.0/24");
    again.getMetadata().setNamespace("team");
    DesiredState d = desired(List.of(net("web", "10.1.0.0/24"), again), List.of());

    PlanRun run = networksOf(d, new Fixtures.Engine().snapshot());

    assertThat(described(run.ledger.plan()))
        .containsExactly("CreateNetwork web", "Blocked web Conflict");
  }
}
