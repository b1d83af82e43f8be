package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.endpointOf;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.APPLY;
import static io.dockernet.plan.PlannerTest.PRUNE;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.described;
import static io.dockernet.plan.PlannerTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Connect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint part alone: one selected container against what is on its network. */
class EndpointsTest {
  private static Plan planned(DesiredState d, Snapshot s, PlanOptions options, String container) {
    PlanRun run = new PlanRun(d, s, options);
    d.networks().forEach(run.networks::plan);
    var c = s.containers().stream().filter(x -> x.name().equals(container)).findFirst();
    d.attachments().forEach(a -> run.endpoints.plan(a, c.orElseThrow()));
    return run.ledger.plan();
  }

  private final DesiredState d =
      desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "api")));

  @Test
  void onANetworkThePlanCreatesEveryEndpointIsConnected() {
    Snapshot s = new Fixtures.Engine().container("app").snapshot();

    Plan plan = planned(d, s, APPLY, "app");

    assertThat(described(plan)).containsExactly("CreateNetwork web", "Connect app web");
    assertThat(only(plan, Connect.class).get(0).reason()).isEqualTo("not on network");
  }

  @Test
  void ourEndpointWithOtherSettingsIsDisconnectedAndConnectedAgain() {
    DesiredState was =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "old")));
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .connect("app", "web", endpointOf(was, "a"), "10.1.0.2")
            .snapshot();

    Plan plan = planned(d, s, APPLY, "app");

    assertThat(described(plan)).containsExactly("Disconnect app web", "Connect app web");
    assertThat(only(plan, Connect.class).get(0).reason()).isEqualTo("aliases: [old] -> [api]");
  }

  @Test
  void anOrphansEndpointIsTakenOverOnlyWhenPruning() {
    DesiredState gone =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(att("old", "web", "app", "x")));
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .connect("app", "web", endpointOf(gone, "old"), "10.1.0.2")
            .snapshot();

    assertThat(described(planned(d, s, APPLY, "app"))).containsExactly("Blocked a Conflict");
    Plan pruning = planned(d, s, PRUNE, "app");
    assertThat(described(pruning)).containsExactly("Connect app web");
    assertThat(only(pruning, Connect.class).get(0).reason())
        .isEqualTo("replaces the endpoint of " + attRef("old"));
  }

  @Test
  void aForeignCompatibleEndpointIsLeftWithANoteAndClaimed() {
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .connect("app", "web", endpoint("api"), "10.1.0.2")
            .snapshot();
    PlanRun run = new PlanRun(d, s, APPLY);

    run.endpoints.plan(d.attachments().get(0), s.containers().get(0));

    Plan plan = run.ledger.plan();
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notes(attRef("a")))
        .containsExactly(
            "container app is already on web (not managed by dockernet); left as it is");
    assertThat(run.endpoints.claimant("web", s.containers().get(0).id()).ref())
        .isEqualTo(attRef("a"));
    assertThat(run.endpoints.claimant("other", s.containers().get(0).id())).isNull();
  }
}
