package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.described;
import static io.dockernet.plan.PlannerTest.netRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredState;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Connect;
import io.dockernet.plan.Action.Disconnect;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger: what a plan has written, disconnects planned once, in the executor's order. */
class LedgerTest {
  private final DesiredState d = desired(List.of(net("web")), List.of());
  private final Snapshot s =
      new Fixtures.Engine()
          .created(d, "web")
          .container("app")
          .connect("app", "web", endpoint("a"))
          .snapshot();
  private final SnapshotIndex index = new SnapshotIndex(s, Set.of());
  private final Ledger ledger = new Ledger(index);
  private final ObservedEndpoint app = index.endpoints("web").values().iterator().next();

  @Test
  void anEndpointIsDisconnectedOnceWhoeverAsks() {
    Disconnect first = ledger.disconnect(attRef("a"), app, true, "settings changed");
    Disconnect second = ledger.disconnect(attRef("b"), app, true, "prune");

    assertThat(first.containerName()).isEqualTo("app");
    assertThat(second).isNull();
    assertThat(ledger.disconnects("web", app.containerId())).isTrue();
    assertThat(ledger.disconnects("other", app.containerId())).isFalse();
    assertThat(described(ledger.plan())).containsExactly("Disconnect app web");
  }

  @Test
  void aWithdrawnConnectTakesItsDisconnectBackAndTheEndpointStays() {
    Disconnect old = ledger.disconnect(attRef("a"), app, true, "settings changed");
    Connect again =
        new Connect(attRef("a"), "web", app.containerId(), "app", endpoint("b"), "aliases");
    ledger.add(again);

    ledger.withdraw(again, old);

    assertThat(ledger.plan().actions()).isEmpty();
    assertThat(ledger.disconnects("web", app.containerId())).isFalse();
  }

  @Test
  void thePlanIsInPhaseOrderWithResourcesAndNotes() {
    ledger.cover(netRef("web"));
    ledger.block(netRef("db"), Reason.CONFLICT, "taken");
    ledger.add(new Connect(attRef("a"), "web", app.containerId(), "app", endpoint(), "missing"));
    ledger.note(netRef("web"), "adopted");

    Plan plan = ledger.plan();

    assertThat(described(plan)).containsExactly("Connect app web", "Blocked db Conflict");
    assertThat(plan.resources()).containsExactly(netRef("web"));
    assertThat(plan.notes(netRef("web"))).containsExactly("adopted");
  }

  @Test
  void fieldChangesAreJoinedAsPeopleReadThem() {
    assertThat(
            Ledger.join(
                List.of(
                    new FieldChange("driver", "bridge", "macvlan"),
                    new FieldChange("internal", "false", "true"))))
        .isEqualTo("driver: bridge -> macvlan, internal: false -> true");
  }
}
