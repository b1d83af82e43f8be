package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.endpointOf;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.PRUNE;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.described;
import static io.dockernet.plan.PlannerTest.netRef;
import static io.dockernet.plan.PlannerTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredState;
import io.dockernet.model.RecreateJournal;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Blocked;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prune and delete: what goes away, and what stays because something is still on it. */
class TeardownTest {
  private final DesiredState old =
      desired(List.of(net("gone", "10.5.0.0/24")), List.of(att("olda", "gone", "app")));

  @Test
  void pruneDisconnectsOrphanEndpointsThenRemovesTheirNetwork() {
    Snapshot s =
        new Fixtures.Engine()
            .created(old, "gone")
            .container("app")
            .connect("app", "gone", endpointOf(old, "olda"), "10.5.0.2")
            .snapshot();
    PlanRun run = new PlanRun(desired(List.of(), List.of()), s, PRUNE);

    run.teardown.prune();

    Plan plan = run.ledger.plan();
    assertThat(described(plan)).containsExactly("Disconnect app gone", "RemoveNetwork gone");
    assertThat(plan.resources()).containsExactlyInAnyOrder(attRef("olda"), netRef("gone"));
  }

  @Test
  void aPrunedNetworkAnAttachmentStillTargetsStaysWithANote() {
    DesiredState now = desired(List.of(), List.of(att("still", "gone", "app")));
    Snapshot s = new Fixtures.Engine().created(old, "gone").container("app").snapshot();
    PlanRun run = new PlanRun(now, s, PRUNE);

    run.teardown.prune();

    Plan plan = run.ledger.plan();
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notes(netRef("gone")))
        .containsExactly(
            "network gone is no longer declared but "
                + attRef("still")
                + " still attaches to it; left in place");
  }

  @Test
  void aNetworkWithEndpointsThePlanKeepsIsInUseNamingThem() {
    Snapshot s =
        new Fixtures.Engine()
            .created(old, "gone")
            .container("app")
            .container("db")
            .connect("app", "gone", endpointOf(old, "olda"))
            .connect("db", "gone", endpoint())
            .snapshot();
    PlanRun run = new PlanRun(old, s, PlanOptions.delete());

    run.teardown.delete();

    Plan plan = run.ledger.plan();
    assertThat(described(plan)).containsExactly("Disconnect app gone", "Blocked gone InUse");
    assertThat(only(plan, Blocked.class).get(0).reason())
        .isEqualTo("network gone still has containers db not managed by dockernet; left in place");
  }

  @Test
  void journalsOfUndeclaredNetworksArePrunedAndDeletedWithTheirNetwork() {
    RecreateJournal journal =
        new RecreateJournal("demo", "default/gone", "x", old.networks().get(0).config(), List.of());
    Snapshot s = new Fixtures.Engine().network(journal.toNetworkConfig()).snapshot();

    PlanRun pruning = new PlanRun(desired(List.of(), List.of()), s, PRUNE);
    pruning.teardown.prune();
    assertThat(only(pruning.ledger.plan(), Action.RemoveNetwork.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.journalOf()).isEqualTo("gone");
              assertThat(r.reason()).endsWith("prune: network gone is no longer declared");
            });

    PlanRun deleting = new PlanRun(old, s, PlanOptions.delete());
    deleting.teardown.delete();
    assertThat(only(deleting.ledger.plan(), Action.RemoveNetwork.class))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).endsWith("deleting " + netRef("gone")));
  }
}
