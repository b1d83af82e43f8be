package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.attSelector;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.endpointOf;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.APPLY;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.bridge;
import static io.dockernet.plan.PlannerTest.described;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The selection pass and detachFrom, without the endpoint pass between them. */
class AttachmentsTest {
  private static PlanRun selected(DesiredState d, Snapshot s) {
    PlanRun run = new PlanRun(d, s, APPLY);
    d.networks().forEach(run.networks::plan);
    d.attachments().forEach(run.attachments::select);
    return run;
  }

  @Test
  void selectionDisconnectsWhatTheAttachmentNoLongerWantsBeforeAnyEndpointIsPlanned() {
    DesiredState was =
        desired(List.of(), List.of(attSelector("tier", "bridge", Map.of("tier", "web"))));
    Snapshot s =
        new Fixtures.Engine()
            .network(bridge())
            .container("web-1", Map.of("tier", "web"))
            .container("web-2", Map.of("tier", "web"))
            .container("old", Map.of("tier", "retired"))
            .connect("web-1", "bridge", endpointOf(was, "tier"))
            .connect("old", "bridge", endpointOf(was, "tier"))
            .snapshot();

    PlanRun run = selected(was, s);

    // web-2 is not connected yet: that is the endpoint pass's work.
    assertThat(described(run.ledger.plan())).containsExactly("Disconnect old bridge");
  }

  @Test
  void anAttachmentThatCannotBePlannedIsBlockedWithTheReason() {
    NetworkAttachment none = att("none", "bridge", null);
    DesiredState d =
        desired(
            List.of(),
            List.of(att("ghost", "bridge", "nobody"), att("nowhere", "void", "app"), none));
    Snapshot s = new Fixtures.Engine().network(bridge()).container("app").snapshot();

    Plan plan = selected(d, s).ledger.plan();

    assertThat(described(plan))
        .containsExactly(
            "Blocked ghost NotFound", "Blocked none Invalid", "Blocked nowhere NotFound");
    assertThat(plan.resources()).contains(attRef("ghost"), attRef("nowhere"), attRef("none"));
  }

  @Test
  void aSelectorMatchingNothingYetIsNotedNotBlocked() {
    DesiredState d =
        desired(List.of(), List.of(attSelector("tier", "bridge", Map.of("tier", "web"))));
    Snapshot s = new Fixtures.Engine().network(bridge()).snapshot();

    Plan plan = selected(d, s).ledger.plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notes(attRef("tier"))).containsExactly("no container matches the selector yet");
  }

  @Test
  void detachFromAsksTheEndpointPartWhoWantsTheContainerThere() {
    NetworkAttachment iso = att("iso", "web", "app");
    iso.getSpec().setDetachFrom(List.of("bridge"));
    DesiredState d =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(iso, att("keep", "bridge", "app")));
    Snapshot s =
        new Fixtures.Engine()
            .network(bridge())
            .created(d, "web")
            .container("app")
            .connect("app", "bridge", endpoint())
            .snapshot();
    PlanRun run = selected(d, s);

    run.attachments.detachFrom(run.endpoints); // no endpoint planned: nobody claims app on bridge
    assertThat(described(run.ledger.plan())).containsExactly("Disconnect app bridge");

    PlanRun claimed = selected(d, s);
    claimed.attachments.planEndpoints(claimed.endpoints);
    claimed.attachments.detachFrom(claimed.endpoints);
    assertThat(described(claimed.ledger.plan()))
        .containsExactly("Connect app web", "Blocked iso Conflict");
  }
}
