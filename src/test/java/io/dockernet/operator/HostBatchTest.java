package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.validate.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HostBatch}: what a round planned with the host's waiting resources plans and reports. */
class HostBatchTest {
  static final Snapshot EMPTY =
      new Snapshot(new EngineInfo("test", "1.41", "none", "scripted"), List.of(), List.of());

  @Test
  void theWaitingResourcesThatPassTheirOwnCheckArePlannedWithTheFirst() {
    Scripted first = new Scripted(network("a", "10.1.0.0/24"), List.of());
    Scripted ok = new Scripted(network("b", "10.1.1.0/24"), List.of());
    Scripted bad = new Scripted(network("c", "10.1.2.0/24"), List.of(problem("bad subnet")));
    HostBatch batch =
        new HostBatch(
            first,
            List.of(new HostBatch.Along(ok.resource, ok), new HostBatch.Along(bad.resource, bad)));

    assertThat(batch.check(EMPTY)).isEmpty();
    assertThat(batch.kept()).containsExactly(ok.resource);
    Plan plan = Planner.plan(batch.desired(), batch.visible(EMPTY), PlanOptions.apply(false));

    assertThat(plan.changes())
        .extracting(Action::resource)
        .extracting(ResourceRef::name)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(List.of(first, ok, bad)).allMatch(s -> s.checked == 1);
  }

  @Test
  void aFirstResourceWithProblemsMakesTheRoundInvalidAndTakesNoOneAlong() {
    Scripted first = new Scripted(network("a", "10.1.0.0/24"), List.of(problem("bad subnet")));
    Scripted ok = new Scripted(network("b", "10.1.1.0/24"), List.of());
    HostBatch batch = new HostBatch(first, List.of(new HostBatch.Along(ok.resource, ok)));

    assertThat(batch.check(EMPTY)).extracting(Problem::message).containsExactly("bad subnet");
    assertThat(batch.kept()).isEmpty();
    assertThat(ok.checked).isZero();
  }

  @Test
  void eachSourceReportsOnItsOwnResource() {
    Scripted first = new Scripted(network("a", "10.1.0.0/24"), List.of());
    Scripted ok = new Scripted(network("b", "10.1.1.0/24"), List.of());
    HostBatch batch = new HostBatch(first, List.of(new HostBatch.Along(ok.resource, ok)));
    batch.check(EMPTY);

    Plan plan =
        batch.report(Planner.plan(batch.desired(), batch.visible(EMPTY), PlanOptions.apply(false)));

    assertThat(plan.notes(DesiredState.ref(first.resource))).containsExactly("a reported");
    assertThat(plan.notes(DesiredState.ref(ok.resource))).containsExactly("b reported");
  }

  /** One resource's round source, with canned problems; its report adds a note on its resource. */
  static final class Scripted implements Converger.Source {
    final DockerNetwork resource;
    final List<Problem> problems;
    int checked;

    Scripted(DockerNetwork resource, List<Problem> problems) {
      this.resource = resource;
      this.problems = problems;
    }

    @Override
    public List<Problem> check(Snapshot snapshot) {
      checked++;
      return problems;
    }

    @Override
    public DesiredState desired() {
      return DesiredState.from("p", List.of(resource), List.of());
    }

    @Override
    public Plan report(Plan plan) {
      Map<ResourceRef, List<String>> notes = new HashMap<>(plan.notes());
      notes.put(
          DesiredState.ref(resource), List.of(resource.getMetadata().getName() + " reported"));
      return new Plan(plan.actions(), plan.resources(), notes);
    }
  }

  static DockerNetwork network(String name, String subnet) {
    return KubeFixtures.network("ns", name, "dn-" + name, subnet);
  }

  static Problem problem(String message) {
    return new Problem(null, "spec.ipam", message);
  }
}
