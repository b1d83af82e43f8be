package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.endpointOf;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.APPLY;
import static io.dockernet.plan.PlannerTest.PRUNE;
import static io.dockernet.plan.PlannerTest.described;
import static io.dockernet.plan.PlannerTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Blocked;
import io.dockernet.plan.Action.RecreateNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A static address another container keeps on the network blocks the connect at plan time. */
class HeldAddressTest {

  static NetworkAttachment pinned(String name, String container, String ipv4) {
    NetworkAttachment a = att(name, "web", container);
    a.getSpec().setIpv4Address(ipv4);
    return a;
  }

  static EndpointConfig staticEndpoint(String ipv4) {
    return new EndpointConfig(
        List.of(), ipv4, null, List.of(), List.of(), java.util.Map.of(), null, null);
  }

  static Blocked theBlock(Plan plan) {
    return only(plan, Blocked.class).get(0);
  }

  @Test
  void addressHeldByAnotherContainerIsBlockedNamingTheHolder() {
    DesiredState d =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .container("squatter")
            .connect("squatter", "web", endpoint(), "10.1.0.5/24")
            .snapshot();

    Plan plan = Planner.plan(d, s, APPLY);

    assertThat(described(plan)).containsExactly("Blocked app Conflict");
    assertThat(theBlock(plan).reason())
        .isEqualTo(
            "address 10.1.0.5 on network web is held by container squatter; container app not"
                + " connected");
  }

  @Test
  void staticAddressOfAStoppedHolderCountsToo() {
    DesiredState d =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .container("sleeper")
            .connect("sleeper", "web", staticEndpoint("10.1.0.5"), null)
            .snapshot();

    assertThat(theBlock(Planner.plan(d, s, APPLY)).reason()).contains("held by container sleeper");
  }

  @Test
  void otherAddressesAndTheContainerItselfDoNotBlock() {
    DesiredState d =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .container("other")
            .connect("other", "web", endpoint(), "10.1.0.6/24")
            .snapshot();
    assertThat(described(Planner.plan(d, s, APPLY))).containsExactly("Connect app web");

    // The container already has it (dynamically, so the spec asks it to be reconnected statically).
    Snapshot self =
        new Fixtures.Engine()
            .created(d, "web")
            .container("app")
            .connect("app", "web", endpoint(), "10.1.0.5/24")
            .snapshot();
    assertThat(only(Planner.plan(d, self, APPLY), Blocked.class)).isEmpty();
  }

  @Test
  void holderDisconnectedInTheSamePlanDoesNotBlock() {
    // Our own stale endpoint: the attachment moved its address from old to app.
    DesiredState before =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "old", "10.1.0.5")));
    DesiredState after =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine()
            .created(before, "web")
            .container("app")
            .container("old")
            .connect("old", "web", endpointOf(before, "app"), "10.1.0.5/24")
            .snapshot();
    assertThat(described(Planner.plan(after, s, APPLY)))
        .containsExactly("Disconnect old web", "Connect app web");

    // A pruned attachment's endpoint.
    DesiredState pruned =
        desired(
            List.of(net("web", "10.1.0.0/24")),
            List.of(pinned("gone", "old", "10.1.0.5"), pinned("app", "app", "10.1.0.9")));
    DesiredState now =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot p =
        new Fixtures.Engine()
            .created(pruned, "web")
            .container("app")
            .container("old")
            .connect("old", "web", endpointOf(pruned, "gone"), "10.1.0.5/24")
            .snapshot();
    assertThat(described(Planner.plan(now, p, PRUNE)))
        .containsExactly("Disconnect old web", "Connect app web");
    assertThat(theBlock(Planner.plan(now, p, APPLY)).reason()).contains("held by container old");

    // detachFrom of another attachment moves the holder away.
    NetworkAttachment move = att("move", "bridge", "old");
    move.getSpec().setDetachFrom(List.of("web"));
    DesiredState detach =
        desired(
            List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5"), move));
    Snapshot t =
        new Fixtures.Engine()
            .created(detach, "web")
            .network(PlannerTest.bridge())
            .container("app")
            .container("old")
            .connect("old", "web", endpoint(), "10.1.0.5/24")
            .snapshot();
    assertThat(only(Planner.plan(detach, t, APPLY), Blocked.class)).isEmpty();
  }

  @Test
  void settingsChangeToAHeldAddressKeepsTheOldEndpoint() {
    DesiredState before =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.4")));
    DesiredState after =
        desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine()
            .created(before, "web")
            .container("app")
            .container("squatter")
            .connect("app", "web", endpointOf(before, "app"), "10.1.0.4/24")
            .connect("squatter", "web", endpoint(), "10.1.0.5/24")
            .snapshot();

    assertThat(described(Planner.plan(after, s, APPLY))).containsExactly("Blocked app Conflict");
  }

  @Test
  void holderKeepsItsAddressThroughARecreate() {
    DesiredState before = desired(List.of(net("web", "10.1.0.0/24")), List.of());
    DesiredState after =
        desired(
            List.of(Fixtures.label(net("web", "10.1.0.0/24"), "tier", "front")),
            List.of(pinned("app", "app", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine()
            .created(before, "web")
            .container("app")
            .container("squatter")
            .connect("squatter", "web", endpoint(), "10.1.0.5/24")
            .snapshot();

    Plan plan = Planner.plan(after, s, APPLY);

    assertThat(described(plan)).containsExactly("RecreateNetwork web", "Blocked app Conflict");
    assertThat(only(plan, RecreateNetwork.class).get(0).restore()).hasSize(1);
    assertThat(theBlock(plan).reason()).contains("held by container squatter");
  }

  @Test
  void twoConnectsOfThisPlanWantingOneAddress() {
    DesiredState d =
        desired(
            List.of(net("web", "10.1.0.0/24")),
            List.of(pinned("a", "app", "10.1.0.5"), pinned("b", "db", "10.1.0.5")));
    Snapshot s =
        new Fixtures.Engine().created(d, "web").container("app").container("db").snapshot();

    Plan plan = Planner.plan(d, s, APPLY);

    assertThat(described(plan)).containsExactly("Connect app web", "Blocked b Conflict");
    assertThat(theBlock(plan).reason())
        .contains("held by container app (connected by NetworkAttachment default/a in this plan)");
  }
}
