package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.RecreateJournal;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Action.RecreateNetwork;
import io.dockernet.plan.Action.RemoveNetwork;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recreate journal (what an interrupted recreate must put back) round-trips through engine
 * labels, and the planner finishes an interrupted recreate from it: the network is made again and
 * every recorded endpoint restored, ours or not; a journal whose endpoints are all back is only
 * dropped; journals are never planned as networks (not pruned, not conflicts).
 */
class RecreateJournalTest {
  private static final String PROJECT = "demo";
  private static final EngineInfo ENGINE = new EngineInfo("20.10.24", "1.41", "inactive", "test");

  private final DesiredNetwork web =
      DesiredState.network(PROJECT, network("web", "10.9.0.0/24", true));
  private final ObservedEndpoint foreign =
      new ObservedEndpoint(
          "old-id",
          "web",
          "c-foreign",
          "foreign",
          "ep1",
          "10.9.0.50/24",
          null,
          "02:42:0a:09:00:32",
          new EndpointConfig(List.of("legacy"), "10.9.0.50", null, null, null, null, null, null));
  private final ObservedEndpoint ours =
      new ObservedEndpoint(
          "old-id",
          "web",
          "c-ours",
          "ours",
          "ep2",
          "10.9.0.7/24",
          null,
          "02:42:0a:09:00:07",
          new EndpointConfig(
              List.of("api"),
              null,
              null,
              null,
              null,
              Map.of("io.dockernet.owner", PROJECT + "/default/ours"),
              null,
              null));

  @Test
  void roundTripsThroughAConfigOnlyNetworksLabels() {
    RecreateJournal journal = journal(PROJECT, List.of(foreign, ours));
    NetworkConfig stored = journal.toNetworkConfig();
    assertThat(stored.configOnly()).isTrue();
    assertThat(stored.ipamPools()).as("takes no address pool").isEmpty();
    assertThat(stored.name()).startsWith("dockernet-journal-web-");
    assertThat(RecreateJournal.networkOfJournalName(stored.name())).isEqualTo("web");
    ObservedNetwork observed = new ObservedNetwork("j1", stored, List.of());
    assertThat(RecreateJournal.isJournal(observed)).isTrue();
    assertThat(RecreateJournal.read(observed)).contains(journal);
    assertThat(journal.toNetworkConfig().name())
        .as("a fresh name each time")
        .isNotEqualTo(stored.name());
  }

  @Test
  void networkGoneAfterACrashIsRecreatedWithEveryRecordedEndpoint() {
    ObservedNetwork store = store(journal(PROJECT, List.of(foreign, ours)));
    Plan plan = plan(List.of(store), false);

    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.CreateNetwork);
    RecreateNetwork recreate = only(plan, RecreateNetwork.class);
    assertThat(recreate.reason()).startsWith("finishing an interrupted recreate");
    assertThat(recreate.current().id())
        .as("the old network's id, from the journal")
        .isEqualTo("old-id");
    assertThat(recreate.restore())
        .extracting(ObservedEndpoint::containerName)
        .containsExactly("foreign", "ours");
    assertThat(recreate.restore().get(0).config().ipv4Address()).isEqualTo("10.9.0.50");
    assertThat(recreate.restore().get(0).config().aliases()).containsExactly("legacy");
    assertThat(recreate.restore().get(1).ipv4Address())
        .as("dynamic address recorded (normalised: no prefix length)")
        .isEqualTo("10.9.0.7");
    RemoveNetwork drop = only(plan, RemoveNetwork.class);
    assertThat(drop.networkName()).isEqualTo(store.name());
    assertThat(drop.configOnly()).isTrue();
  }

  @Test
  void endpointsMissingFromAnExistingNetworkAreRestoredEvenWhenItsSpecMatches() {
    ObservedNetwork current = new ObservedNetwork("new-id", web.config(), List.of());
    Plan plan = plan(List.of(current, store(journal(PROJECT, List.of(foreign)))), false);
    RecreateNetwork recreate = only(plan, RecreateNetwork.class);
    assertThat(recreate.changes()).isEmpty();
    assertThat(recreate.restore())
        .extracting(ObservedEndpoint::containerName)
        .containsExactly("foreign");
  }

  @Test
  void aJournalWhoseEndpointsAreAllBackIsOnlyDropped() {
    ObservedEndpoint back =
        new ObservedEndpoint(
            "new-id",
            "web",
            "c-foreign",
            "foreign",
            "ep9",
            "10.9.0.50/24",
            null,
            null,
            foreign.config());
    ObservedNetwork current = new ObservedNetwork("new-id", web.config(), List.of(back));
    ObservedNetwork store = store(journal(PROJECT, List.of(foreign)));
    Plan plan = plan(List.of(current, store), true);
    assertThat(plan.actions()).singleElement().isInstanceOf(RemoveNetwork.class);
    assertThat(((RemoveNetwork) plan.actions().get(0)).networkName()).isEqualTo(store.name());
  }

  @Test
  void aJournalOfAnotherProjectIsNeitherUsedNorPruned() {
    Plan plan = plan(List.of(store(journal("someone-else", List.of(foreign)))), true);
    assertThat(plan.actions()).singleElement().isInstanceOf(Action.CreateNetwork.class);
  }

  // ---- fixtures ----

  private RecreateJournal journal(String project, List<ObservedEndpoint> endpoints) {
    NetworkConfig old =
        DesiredState.network(project, network("web", "10.9.0.0/24", false)).config();
    return new RecreateJournal(project, "default/web", "old-id", old, endpoints);
  }

  private static ObservedNetwork store(RecreateJournal journal) {
    return new ObservedNetwork(
        "journal-" + journal.project(), journal.toNetworkConfig(), List.of());
  }

  private Plan plan(List<ObservedNetwork> networks, boolean prune) {
    List<ObservedContainer> containers = new ArrayList<>();
    for (String c : List.of("foreign", "ours")) {
      List<ObservedEndpoint> eps = new ArrayList<>();
      networks.stream()
          .flatMap(n -> n.endpoints().stream())
          .filter(e -> e.containerName().equals(c))
          .forEach(eps::add);
      containers.add(new ObservedContainer("c-" + c, c, Map.of(), true, eps));
    }
    DesiredState desired = new DesiredState(PROJECT, List.of(web), List.of());
    return Planner.plan(
        desired, new Snapshot(ENGINE, networks, containers), PlanOptions.apply(prune));
  }

  private static <T extends Action> T only(Plan plan, Class<T> kind) {
    List<T> found = plan.actions().stream().filter(kind::isInstance).map(kind::cast).toList();
    assertThat(found).as(plan.actions().toString()).hasSize(1);
    return found.get(0);
  }

  private static DockerNetwork network(String name, String subnet, boolean internal) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(subnet);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    spec.setInternal(internal);
    n.setSpec(spec);
    return n;
  }
}
