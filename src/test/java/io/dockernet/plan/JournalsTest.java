package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.netRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.RecreateJournal;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.RemoveNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journals of interrupted recreates are set aside before indexing and found per network. */
class JournalsTest {
  private final DesiredState d = desired(List.of(net("web"), net("db")), List.of());
  private final DesiredNetwork web = d.networks().get(0);

  private static RecreateJournal journal(String project, String owner, DesiredNetwork n) {
    return new RecreateJournal(project, owner, "old-id", n.config(), List.of());
  }

  @Test
  void journalsAreTakenOutOfTheSnapshotAndTheRestIsKept() {
    Fixtures.Engine engine = new Fixtures.Engine().created(d, "web");
    engine.network(journal("demo", "default/web", web).toNetworkConfig());
    engine.created(d, "db");
    Snapshot s = engine.snapshot();

    Journals journals = new Journals(s, "demo");

    assertThat(journals.rest().networks()).extracting(n -> n.name()).containsExactly("web", "db");
    assertThat(journals.of(web)).hasSize(1);
    assertThat(journals.of(d.networks().get(1))).isEmpty();
  }

  @Test
  void aSnapshotWithoutJournalsIsUsedAsItIs() {
    Snapshot s = new Fixtures.Engine().created(d, "web").snapshot();

    assertThat(new Journals(s, "demo").rest()).isSameAs(s);
  }

  @Test
  void onlyJournalsOfThisProjectAndResourceCountOldestNameFirst() {
    Fixtures.Engine engine = new Fixtures.Engine();
    List<String> names = new ArrayList<>();
    for (RecreateJournal j :
        List.of(
            journal("demo", "default/web", web),
            journal("demo", "default/web", web),
            journal("demo", "default/other", web),
            journal("other", "default/web", web))) {
      var config = j.toNetworkConfig();
      names.add(config.name());
      engine.network(config);
    }
    Journals journals = new Journals(engine.snapshot(), "demo");

    assertThat(journals.of(web))
        .extracting(j -> j.store().name())
        .containsExactlyElementsOf(names.subList(0, 2).stream().sorted().toList());
    List<String> ofProject = new ArrayList<>();
    journals.forEachOfProject((network, j) -> ofProject.add(network + " " + j.record().owner()));
    assertThat(ofProject)
        .containsExactly("web default/web", "web default/web", "web default/other");
  }

  @Test
  void droppingAJournalRemovesItsConfigOnlyNetworkLast() {
    Fixtures.Engine engine = new Fixtures.Engine();
    engine.network(journal("demo", "default/web", web).toNetworkConfig());
    Journals.Journal j = new Journals(engine.snapshot(), "demo").of(web).get(0);

    RemoveNetwork drop = j.drop(netRef("web"), "done");

    assertThat(drop.isJournal()).isTrue();
    assertThat(drop.journalOf()).isEqualTo("web");
    assertThat(drop.phase()).isEqualTo(Phase.DROP_JOURNAL);
    assertThat(drop.reason()).isEqualTo("journal no longer needed: done");
  }
}
