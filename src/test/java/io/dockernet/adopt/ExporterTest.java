package io.dockernet.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Export as a pure function, with the planner as the judge: what it writes plans as nothing to do.
 */
class ExporterTest {
  private static final String SHORT = "0123456789ab";

  private final List<ObservedNetwork> networks = new ArrayList<>();
  private final List<ObservedContainer> containers = new ArrayList<>();

  /** As engine 20.10 reports a network: IPAM driver default, scope local, no EnableIPv4. */
  private static NetworkConfig config(
      String name,
      String driver,
      Map<String, String> options,
      boolean configOnly,
      String configFrom,
      Map<String, String> labels,
      List<IpamPool> pools) {
    return new NetworkConfig(
        name,
        driver,
        options,
        false,
        false,
        false,
        false,
        null,
        "local",
        configOnly,
        configFrom == null ? "" : configFrom,
        labels,
        "default",
        Map.of(),
        pools);
  }

  private ObservedNetwork network(NetworkConfig c, ObservedEndpoint... endpoints) {
    ObservedNetwork n = new ObservedNetwork("id-" + c.name(), c, List.of(endpoints));
    networks.add(n);
    return n;
  }

  private ObservedEndpoint endpoint(
      String network,
      String container,
      Map<String, String> labels,
      EndpointConfig config,
      String assigned) {
    String id = SHORT + Integer.toHexString(container.hashCode()) + "cdef0123456789";
    containers.removeIf(c -> c.name().equals(container));
    containers.add(new ObservedContainer(id, container, labels, true, List.of()));
    return new ObservedEndpoint(
        "id-" + network,
        network,
        id,
        container,
        "ep-" + container,
        assigned,
        null,
        "02:42:0a:00:00:02",
        config);
  }

  /** Containers list their endpoints too, as the engine's snapshot does. */
  private Snapshot snapshot() {
    List<ObservedContainer> withEndpoints =
        containers.stream()
            .map(
                c ->
                    new ObservedContainer(
                        c.id(),
                        c.name(),
                        c.labels(),
                        c.running(),
                        networks.stream()
                            .flatMap(n -> n.endpoints().stream())
                            .filter(e -> e.containerId().equals(c.id()))
                            .toList()))
            .toList();
    return new Snapshot(
        new EngineInfo("20.10.24", "1.41", "none", "test"), networks, withEndpoints);
  }

  private static Plan plan(Snapshot snapshot, Exporter.Result result) {
    List<DockerNetwork> ns =
        result.resources().stream()
            .filter(DockerNetwork.class::isInstance)
            .map(DockerNetwork.class::cast)
            .toList();
    List<NetworkAttachment> as =
        result.resources().stream()
            .filter(NetworkAttachment.class::isInstance)
            .map(NetworkAttachment.class::cast)
            .toList();
    return Planner.plan(DesiredState.from("p", ns, as), snapshot, PlanOptions.apply(false));
  }

  private static List<String> names(Exporter.Result r) {
    return r.resources().stream().map(x -> x.getKind() + "/" + x.getMetadata().getName()).toList();
  }

  @Test
  void everyOptionIsWrittenBackAndPlansAsNothingToDo() {
    String web = "Web_Net.1";
    network(
        new NetworkConfig(
            web,
            "bridge",
            Map.of(
                "com.docker.network.driver.mtu", "1400", "com.docker.network.enable_ipv6", "true"),
            true,
            true,
            false,
            true,
            null,
            "local",
            false,
            "",
            Map.of("team", "a", Ownership.MANAGED_BY + "-not", "x"),
            "default",
            Map.of("opt", "1"),
            List.of(
                new IpamPool(
                    "10.203.1.0/24",
                    "10.203.1.128/25",
                    "10.203.1.1",
                    Map.of("router", "10.203.1.2")),
                new IpamPool("fd00:203:1::/64", null, null, null))),
        endpoint(
            web,
            "fixed",
            Map.of(),
            new EndpointConfig(
                List.of("web", SHORT), "10.203.1.130", null, null, null, null, null, null),
            "10.203.1.130/24"),
        endpoint(
            web,
            "dynamic",
            Map.of(),
            new EndpointConfig(List.of("api"), null, null, null, null, null, null, null),
            "10.203.1.131/24"));
    network(
        config(
            "vlan-config",
            "null",
            Map.of("parent", "eth9"),
            true,
            null,
            Map.of(),
            List.of(new IpamPool("10.203.3.0/24", null, "10.203.3.1", null))));
    network(
        config(
            "vlan",
            "macvlan",
            Map.of("parent", "eth9"),
            false,
            "vlan-config",
            Map.of(),
            List.of()));
    network(
        config(
            "bridge",
            "bridge",
            Map.of(),
            false,
            null,
            Map.of(),
            List.of(new IpamPool("172.17.0.0/16", null, null, null))));
    network(config("host", "host", Map.of(), false, null, Map.of(), List.of()));
    Snapshot snapshot = snapshot();

    Exporter.Result result = Exporter.export(snapshot, List.of(), null);

    assertThat(names(result))
        .containsExactly(
            "DockerNetwork/vlan",
            "DockerNetwork/vlan-config",
            "DockerNetwork/web-net-1",
            "NetworkAttachment/web-net-1-dynamic",
            "NetworkAttachment/web-net-1-fixed");
    assertThat(result.notes()).isEmpty();
    DockerNetwork w = (DockerNetwork) result.resources().get(2);
    assertThat(w.getSpec().getName()).isEqualTo(web);
    assertThat(w.getSpec().getAdoptionPolicy()).isEqualTo(AdoptionPolicy.IfCompatible);
    assertThat(w.getSpec().getDriverOpts())
        .containsExactly(Map.entry("com.docker.network.driver.mtu", "1400"));
    assertThat(w.getSpec().getIpam().getDriver()).isNull();
    assertThat(w.getSpec().getScope()).isNull();
    assertThat(w.getSpec().getIpam().getConfig()).hasSize(2);
    assertThat(w.getSpec().getIpam().getConfig().get(0).getAuxAddresses())
        .containsEntry("router", "10.203.1.2");
    DockerNetwork cfg = (DockerNetwork) result.resources().get(1);
    assertThat(cfg.getSpec().getDriver())
        .as("the engine's \"null\" driver of config-only networks")
        .isNull();
    assertThat(cfg.getSpec().getConfigOnly()).isTrue();
    NetworkAttachment fixed = (NetworkAttachment) result.resources().get(4);
    assertThat(fixed.getSpec().getAliases()).as("without the short id").containsExactly("web");
    assertThat(fixed.getSpec().getIpv4Address()).isEqualTo("10.203.1.130");
    NetworkAttachment dynamic = (NetworkAttachment) result.resources().get(3);
    assertThat(dynamic.getSpec().getIpv4Address()).as("the engine's choice is no setting").isNull();

    Plan plan = plan(snapshot, result);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notes(new ResourceRef("DockerNetwork", "default", "web-net-1")))
        .anyMatch(n -> n.startsWith("adopted existing network"));
  }

  /**
   * The only networks that carry a computed dynamic range (io.dockernet.dynamic-range, with the
   * gateway pinned beside it) are the ones dockernet created, and those are never exported: their
   * manifests exist already, and re-applying those reads the range back from the label. So no
   * computed ipRange or pinned gateway can reach an exported manifest.
   */
  @Test
  void aNetworkWithAComputedDynamicRangeIsNotExported() {
    network(
        config(
            "statics",
            "bridge",
            Map.of(),
            false,
            null,
            Map.of(
                Ownership.MANAGED_BY,
                "dockernet",
                Ownership.PROJECT,
                "q",
                Ownership.OWNER,
                "default/statics",
                io.dockernet.pool.DynamicRanges.LABEL,
                "10.238.5.128/25"),
            List.of(new IpamPool("10.238.5.0/24", "10.238.5.128/25", "10.238.5.1", null))));
    Snapshot snapshot = snapshot();

    for (List<String> only : List.of(List.<String>of(), List.of("statics"))) {
      Exporter.Result result = Exporter.export(snapshot, only, null);
      assertThat(result.resources()).as("exporting %s", only).isEmpty();
      assertThat(result.notes())
          .anyMatch(n -> n.contains("statics is managed by dockernet project q"));
    }
  }

  @Test
  void composeServicesAreSelectedByProjectAndServiceAndManagedNetworksAreSkipped() {
    Map<String, String> compose =
        Map.of(
            Exporter.COMPOSE_PROJECT,
            "shop",
            Exporter.COMPOSE_SERVICE,
            "api",
            Exporter.COMPOSE_ONEOFF,
            "False");
    network(
        config(
            "shop_default",
            "bridge",
            Map.of(),
            false,
            null,
            Map.of("com.docker.compose.network", "default"),
            List.of(new IpamPool("172.30.0.0/16", null, "172.30.0.1", null))),
        endpoint(
            "shop_default",
            "shop_api_1",
            compose,
            new EndpointConfig(List.of("api", "a1"), null, null, null, null, null, null, null),
            "172.30.0.2/16"),
        endpoint(
            "shop_default",
            "shop_api_2",
            compose,
            new EndpointConfig(List.of("api", "a2"), null, null, null, null, null, null, null),
            "172.30.0.3/16"),
        endpoint(
            "shop_default",
            "ours",
            Map.of(),
            new EndpointConfig(
                List.of(),
                null,
                null,
                null,
                null,
                Map.of(Ownership.ENDPOINT_OWNER_OPT, "q/default/x"),
                null,
                null),
            "172.30.0.4/16"));
    network(
        config(
            "theirs",
            "bridge",
            Map.of(),
            false,
            null,
            Map.of(
                Ownership.MANAGED_BY,
                "dockernet",
                Ownership.PROJECT,
                "q",
                Ownership.OWNER,
                "default/theirs"),
            List.of()));
    Snapshot snapshot = snapshot();

    Exporter.Result result =
        Exporter.export(snapshot, List.of("theirs", "shop_default", "nope"), "team-a");

    assertThat(names(result))
        .containsExactly("DockerNetwork/shop-default", "NetworkAttachment/shop-default-shop-api");
    assertThat(result.errors()).containsExactly("network nope does not exist");
    assertThat(result.notes())
        .anyMatch(
            n -> n.contains("theirs is managed by dockernet project q (owner default/theirs)"))
        .anyMatch(
            n ->
                n.contains("container ours on shop_default is managed by dockernet (q/default/x)"));
    NetworkAttachment api = (NetworkAttachment) result.resources().get(1);
    assertThat(api.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(api.getSpec().getContainer()).isNull();
    assertThat(api.getSpec().getContainerSelector().getMatchLabels()).isEqualTo(compose);
    assertThat(api.getSpec().getAliases())
        .as("what every container of the service shares")
        .containsExactly("api");

    assertThat(
            plan(snapshot, new Exporter.Result(result.resources(), List.of(), List.of())).actions())
        .isEmpty();
  }

  @Test
  void namesAreKubernetesNamesAndUnique() {
    ResourceNames names = new ResourceNames();
    assertThat(names.unique("My_Net")).isEqualTo("my-net");
    assertThat(names.unique("my.net")).isEqualTo("my-net-2");
    assertThat(ResourceNames.of("__")).isEqualTo("x");
    String longName = ResourceNames.of("a".repeat(100));
    assertThat(longName).hasSize(63).doesNotStartWith("-").doesNotEndWith("-");
    assertThat(ResourceNames.of("a".repeat(100))).isEqualTo(longName);
  }

  @SuppressWarnings("unused")
  private static List<HasMetadata> resources(Exporter.Result r) {
    return r.resources();
  }
}
