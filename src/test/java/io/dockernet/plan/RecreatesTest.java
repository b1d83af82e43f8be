package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.endpointOf;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.APPLY;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.described;
import static io.dockernet.plan.PlannerTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredState;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.RecreateJournal;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.RecreateNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recreate part: what a recreate restores is settled once every disconnect is known. */
class RecreatesTest {
  private final DesiredState before =
      desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "api")));
  private final DesiredState after =
      desired(List.of(net("web", "10.2.0.0/24")), List.of(att("a", "web", "app", "www")));
  private final Fixtures.Engine engine =
      new Fixtures.Engine()
          .created(before, "web")
          .container("app")
          .container("db")
          .connect("app", "web", endpointOf(before, "a"), "10.1.0.2")
          .connect("db", "web", endpoint("database"), "10.1.0.3");

  private PlanRun decided(Snapshot s) {
    PlanRun run = new PlanRun(after, s, APPLY);
    after.networks().forEach(run.networks::plan);
    return run;
  }

  @Test
  void anEndpointThePlanDisconnectsIsNotRestored() {
    Snapshot s = engine.snapshot();
    PlanRun run = decided(s);
    ObservedEndpoint db =
        s.networks().get(0).endpoints().stream()
            .filter(e -> e.containerName().equals("db"))
            .findFirst()
            .orElseThrow();
    run.ledger.disconnect(attRef("x"), db, false, "detachFrom: web");

    run.recreates.finishAll();

    RecreateNetwork r = only(run.ledger.plan(), RecreateNetwork.class).get(0);
    assertThat(r.restore()).extracting(ObservedEndpoint::containerName).containsExactly("app");
    assertThat(r.reason())
        .isEqualTo("ipam.config[0].subnet: 10.1.0.0/24 -> 10.2.0.0/24; restores 1 endpoint");
  }

  @Test
  void anEndpointWhoseSettingsChangeIsRestoredWithThemOnce() {
    PlanRun run = decided(engine.snapshot());
    var a = after.attachments().get(0);
    var app = engine.snapshot().containers().get(0);

    boolean taken =
        run.recreates.restoreWithNewSettings(
            a, app, List.of(new FieldChange("aliases", "[api]", "[www]")));
    run.recreates.finishAll();

    assertThat(taken).isTrue();
    Plan plan = run.ledger.plan();
    RecreateNetwork r = only(plan, RecreateNetwork.class).get(0);
    assertThat(r.restore().get(0).config().aliases()).containsExactly("www");
    assertThat(r.reason()).contains("endpoint app restored with the settings of " + a.ref());
    assertThat(plan.notes(a.ref()))
        .containsExactly("container app gets its new settings when network web is recreated");
  }

  @Test
  void withoutARecreateNewSettingsAreNotTaken() {
    PlanRun run = new PlanRun(after, engine.snapshot(), APPLY);

    assertThat(
            run.recreates.restoreWithNewSettings(
                after.attachments().get(0), engine.snapshot().containers().get(0), List.of()))
        .isFalse();
    run.recreates.finishAll();
    assertThat(run.ledger.plan().actions()).isEmpty();
  }

  @Test
  void anInterruptedRecreateOfAMissingNetworkIsFinishedFromItsJournal() {
    Snapshot was = engine.snapshot();
    List<ObservedEndpoint> remembered = was.networks().get(0).endpoints();
    RecreateJournal journal =
        new RecreateJournal(
            "demo",
            "default/web",
            engine.networkId("web"),
            was.networks().get(0).config(),
            remembered);
    // The journal takes the old network's place in the id sequence: the containers keep theirs.
    Fixtures.Engine gone = new Fixtures.Engine().network(journal.toNetworkConfig());
    gone.container("app").container("db");
    PlanRun run = decided(gone.snapshot());

    run.recreates.finishAll();

    Plan plan = run.ledger.plan();
    assertThat(described(plan)).hasSize(2).first().isEqualTo("RecreateNetwork web");
    RecreateNetwork r = only(plan, RecreateNetwork.class).get(0);
    assertThat(r.restore())
        .extracting(ObservedEndpoint::containerName)
        .containsExactly("app", "db");
    assertThat(r.reason())
        .startsWith("finishing an interrupted recreate: ")
        .contains("; 2 endpoint(s) from its journal; restores 2 endpoints");
    assertThat(only(plan, Action.RemoveNetwork.class).get(0).journalOf()).isEqualTo("web");
  }
}
