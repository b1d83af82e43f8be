package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.HeldAddressTest.pinned;
import static io.dockernet.plan.HeldAddressTest.staticEndpoint;
import static io.dockernet.plan.PlannerTest.APPLY;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.described;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Connect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-address part alone: who keeps an address, and what a blocked connect takes back. The
 * rules as a user meets them are in {@link HeldAddressTest}.
 */
class HeldAddressesTest {
  private final DesiredState d =
      desired(List.of(net("web", "10.1.0.0/24")), List.of(pinned("app", "app", "10.1.0.5")));
  private final Fixtures.Engine engine =
      new Fixtures.Engine()
          .created(d, "web")
          .container("app")
          .container("squatter")
          .container("stopped")
          .connect("squatter", "web", endpoint(), "10.1.0.5/24")
          .connect("stopped", "web", staticEndpoint("10.1.0.9"));

  @Test
  void theHolderIsWhoeverHasTheAddressOrStartsWithIt() {
    Snapshot s = engine.snapshot();
    PlanRun run = new PlanRun(d, s, APPLY);

    assertThat(run.held.holderOf("web", "nobody", "10.1.0.5")).isEqualTo("squatter");
    assertThat(run.held.holderOf("web", "nobody", "10.1.0.9")).isEqualTo("stopped");
    assertThat(run.held.holderOf("web", engine.containerId("squatter"), "10.1.0.5")).isNull();
    assertThat(run.held.holderOf("web", "nobody", "10.1.0.6")).isNull();
  }

  @Test
  void anAddressWhoseHolderThePlanDisconnectsIsFree() {
    Snapshot s = engine.snapshot();
    PlanRun run = new PlanRun(d, s, APPLY);
    s.networks().get(0).endpoints().stream()
        .filter(e -> e.containerName().equals("squatter"))
        .forEach(e -> run.ledger.disconnect(attRef("x"), e, false, "detachFrom: web"));

    assertThat(run.held.holderOf("web", "nobody", "10.1.0.5")).isNull();
  }

  @Test
  void aBlockedConnectIsTakenBackWithTheDisconnectItReplaced() {
    Snapshot s = engine.snapshot();
    PlanRun run = new PlanRun(d, s, APPLY);
    var stopped =
        s.networks().get(0).endpoints().stream()
            .filter(e -> e.containerName().equals("stopped"))
            .findFirst()
            .orElseThrow();
    var old = run.ledger.disconnect(attRef("app"), stopped, true, "settings changed");
    Connect connect =
        new Connect(
            attRef("app"),
            "web",
            stopped.containerId(),
            "stopped",
            staticEndpoint("10.1.0.5"),
            "ipv4Address");
    run.ledger.add(connect);
    run.held.watch(connect, old);

    run.held.blockHeld();

    assertThat(described(run.ledger.plan())).containsExactly("Blocked app Conflict");
    assertThat(run.ledger.disconnects("web", stopped.containerId())).isFalse();
  }

  @Test
  void aConnectWithoutAStaticAddressIsNotWatched() {
    PlanRun run = new PlanRun(d, engine.snapshot(), APPLY);
    Connect connect =
        new Connect(attRef("app"), "web", engine.containerId("app"), "app", endpoint(), "x");
    run.ledger.add(connect);
    run.held.watch(connect, null);

    run.held.blockHeld();

    assertThat(described(run.ledger.plan())).containsExactly("Connect app web");
  }
}
