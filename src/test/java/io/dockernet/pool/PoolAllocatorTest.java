package io.dockernet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolAllocatorTest {
  static final String PROJECT = "demo";

  static SubnetPool pool(String name, Integer prefix, List<String> cidrs, String... exclude) {
    SubnetPool p = new SubnetPool();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SubnetPoolSpec spec = new SubnetPoolSpec();
    spec.setCidrs(cidrs);
    spec.setPrefixLength(prefix);
    spec.setExclude(exclude.length == 0 ? null : List.of(exclude));
    p.setSpec(spec);
    return p;
  }

  static DockerNetwork fromPool(String name, String... pools) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    n.setSpec(new DockerNetworkSpec());
    IpamSpec ipam = new IpamSpec();
    List<IpamConfig> config = new ArrayList<>();
    for (String p : pools) {
      IpamConfig c = new IpamConfig();
      if (p.contains("/")) {
        c.setSubnet(p);
      } else {
        c.setPool(p);
      }
      config.add(c);
    }
    ipam.setConfig(config);
    n.getSpec().setIpam(ipam);
    return n;
  }

  static ObservedNetwork byHand(String name, String subnet) {
    return observed(name, subnet, Map.of());
  }

  static ObservedNetwork observed(String name, String subnet, Map<String, String> labels) {
    NetworkConfig c =
        new NetworkConfig(
            name,
            "bridge",
            Map.of(),
            false,
            false,
            false,
            false,
            null,
            "local",
            false,
            null,
            labels,
            "default",
            Map.of(),
            List.of(new IpamPool(subnet, null, null, null)));
    return new ObservedNetwork("id-" + name, c, List.of());
  }

  /** A network as a previous apply created it from the allocation (our labels, pool label). */
  static ObservedNetwork ours(DockerNetwork declared, Allocation previous) {
    DockerNetwork allocated =
        previous.networks().stream()
            .filter(n -> n.getMetadata().getName().equals(declared.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    NetworkConfig config = DesiredState.network(PROJECT, allocated).config();
    return new ObservedNetwork("id-" + config.name(), config, List.of());
  }

  static Snapshot snapshot(ObservedNetwork... networks) {
    return new Snapshot(
        new EngineInfo("20.10.24", "1.41", "none", "test"), List.of(networks), List.of());
  }

  static Allocation allocate(
      List<DockerNetwork> networks, List<SubnetPool> pools, Snapshot snapshot, String... routes) {
    List<IPAddress> r = new ArrayList<>();
    for (String route : routes) {
      r.add(new IPAddressString(route).getAddress());
    }
    return PoolAllocator.allocate(new PoolAllocator.Input(PROJECT, networks, pools, snapshot, r));
  }

  static Map<String, String> subnets(Allocation a) {
    Map<String, String> m = new HashMap<>();
    a.grants().forEach(g -> m.put(g.dockerName(), g.subnet()));
    return m;
  }

  @Test
  void lowestFreeBlockSkippingEngineNetworksRoutesExcludesAndDeclaredSubnets() {
    SubnetPool p = pool("p", 24, List.of("10.205.0.0/16"), "10.205.2.0/24");
    Allocation a =
        allocate(
            List.of(
                fromPool("a", "p"),
                fromPool("b", "p"),
                fromPool("c", "p"),
                fromPool("explicit", "10.205.4.0/23")),
            List.of(p),
            snapshot(byHand("by-hand", "10.205.0.0/24")),
            "10.205.3.128/25",
            "0.0.0.0/0");
    assertThat(subnets(a))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a", "10.205.1.0/24", "b", "10.205.6.0/24", "c", "10.205.7.0/24"));
    assertThat(a.problems()).isEmpty();
    DockerNetwork allocated = a.networks().get(0);
    assertThat(allocated.getSpec().getIpam().getConfig().get(0).getSubnet())
        .isEqualTo("10.205.1.0/24");
    assertThat(allocated.getSpec().getIpam().getConfig().get(0).getPool()).isNull();
    assertThat(allocated.getSpec().getLabels()).containsEntry(PoolAllocator.POOL_LABEL, "p");
  }

  @Test
  void sameInputSameAllocationWhateverTheOrderOfTheNetworks() {
    SubnetPool p = pool("p", 24, List.of("10.205.0.0/16"));
    List<DockerNetwork> forward =
        List.of(fromPool("a", "p"), fromPool("b", "p"), fromPool("c", "p"));
    List<DockerNetwork> backward =
        List.of(fromPool("c", "p"), fromPool("b", "p"), fromPool("a", "p"));
    assertThat(subnets(allocate(forward, List.of(p), snapshot())))
        .isEqualTo(subnets(allocate(backward, List.of(p), snapshot())));
  }

  @Test
  void existingAllocationIsKeptAndADeletedOneFreesItsBlock() {
    SubnetPool p = pool("p", 24, List.of("10.205.0.0/16"));
    DockerNetwork a = fromPool("a", "p");
    DockerNetwork b = fromPool("b", "p");
    Allocation first = allocate(List.of(a, b), List.of(p), snapshot());
    assertThat(subnets(first))
        .containsEntry("a", "10.205.0.0/24")
        .containsEntry("b", "10.205.1.0/24");

    // b alone, a already on the engine: b keeps its block though a lower one ... is not free (a
    // holds it)
    Allocation again =
        allocate(List.of(b, a), List.of(p), snapshot(ours(a, first), ours(b, first)));
    assertThat(subnets(again)).isEqualTo(subnets(first));
    assertThat(again.grants()).noneMatch(Allocation.Grant::fresh);

    // a deleted: a new network takes a's block; b keeps its own
    Allocation later =
        allocate(List.of(b, fromPool("c", "p")), List.of(p), snapshot(ours(b, first)));
    assertThat(subnets(later))
        .containsEntry("b", "10.205.1.0/24")
        .containsEntry("c", "10.205.0.0/24");
  }

  @Test
  void reApplyPlansNothing() {
    SubnetPool p = pool("p", 24, List.of("10.205.0.0/16"));
    DockerNetwork a = fromPool("a", "p");
    Allocation first = allocate(List.of(a), List.of(p), snapshot());
    Snapshot engine = snapshot(ours(a, first));
    Allocation again = allocate(List.of(a), List.of(p), engine);
    Plan plan =
        Planner.plan(
            DesiredState.from(PROJECT, again.networks(), List.of()),
            engine,
            PlanOptions.apply(true));
    assertThat(again.report(plan).actions()).isEmpty();
  }

  @Test
  void exhaustionBlocksOnlyTheOverflowAndPlanNamesTheSubnet() {
    SubnetPool p = pool("small", 26, List.of("10.205.9.0/25"));
    Snapshot engine = snapshot();
    Allocation a =
        allocate(
            List.of(fromPool("n1", "small"), fromPool("n2", "small"), fromPool("n3", "small")),
            List.of(p),
            engine);
    assertThat(subnets(a)).containsOnlyKeys("n1", "n2");
    assertThat(a.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.dockerName()).isEqualTo("n3");
              assertThat(problem.code()).isEqualTo(Reason.POOL_EXHAUSTED);
              assertThat(problem.message()).contains("small").contains("/26").contains("2 in all");
            });
    assertThat(a.blocked()).extracting(n -> n.getMetadata().getName()).containsExactly("n3");
    Plan plan =
        a.report(
            Planner.plan(
                DesiredState.from(PROJECT, a.networks(), List.of()),
                a.visible(engine),
                PlanOptions.apply(true)));
    assertThat(plan.actions())
        .filteredOn(x -> x instanceof Action.CreateNetwork)
        .extracting(Action::reason)
        .containsExactlyInAnyOrder(
            "network missing; subnet 10.205.9.0/26 allocated from pool small",
            "network missing; subnet 10.205.9.64/26 allocated from pool small");
    assertThat(plan.actions())
        .filteredOn(x -> x instanceof Action.Blocked)
        .extracting(x -> ((Action.Blocked) x).code())
        .containsExactly(Reason.POOL_EXHAUSTED);
  }

  @Test
  void poolChangedUnderAnAllocationReportsOutsidePoolAndKeepsTheSubnet() {
    DockerNetwork a = fromPool("a", "p");
    Allocation first =
        allocate(List.of(a), List.of(pool("p", 24, List.of("10.205.0.0/16"))), snapshot());
    Snapshot engine = snapshot(ours(a, first));
    Allocation moved =
        allocate(List.of(a), List.of(pool("p", 24, List.of("10.206.0.0/16"))), engine);
    assertThat(subnets(moved)).containsEntry("a", "10.205.0.0/24");
    assertThat(moved.problems())
        .singleElement()
        .extracting(Allocation.PoolProblem::code)
        .isEqualTo(Reason.OUTSIDE_POOL);
    Plan plan =
        moved.report(
            Planner.plan(
                DesiredState.from(PROJECT, moved.networks(), List.of()),
                moved.visible(engine),
                PlanOptions.apply(true)));
    assertThat(plan.changes()).isEmpty(); // never a recreate on its own
  }

  @Test
  void ipv6PoolsAndPoolsOfBothFamiliesOnOneNetwork() {
    SubnetPool v4 = pool("v4", null, List.of("10.205.0.0/16"));
    SubnetPool v6 = pool("v6", null, List.of("fd00:205::/48"));
    DockerNetwork dual = fromPool("dual", "v4", "v6");
    Allocation a = allocate(List.of(dual), List.of(v4, v6), snapshot(byHand("x", "fd00:205::/64")));
    List<IpamConfig> config = a.networks().get(0).getSpec().getIpam().getConfig();
    assertThat(config)
        .extracting(IpamConfig::getSubnet)
        .containsExactly("10.205.0.0/24", "fd00:205:0:1::/64");
    assertThat(a.networks().get(0).getSpec().getLabels())
        .containsEntry(PoolAllocator.POOL_LABEL, "v4,v6");
  }

  @Test
  void unknownPoolBlocksTheNetwork() {
    Allocation a = allocate(List.of(fromPool("a", "nope")), List.of(), snapshot());
    assertThat(a.problems())
        .singleElement()
        .extracting(Allocation.PoolProblem::code)
        .isEqualTo(Reason.POOL_NOT_FOUND);
    assertThat(a.networks()).isEmpty();
  }

  @Test
  void networksOfOthersNeverCountAsOurAllocation() {
    SubnetPool p = pool("p", 24, List.of("10.205.0.0/16"));
    ObservedNetwork someoneElse =
        observed(
            "a",
            "10.205.0.0/24",
            Map.of(
                Ownership.MANAGED_BY,
                Ownership.MANAGED_BY_VALUE,
                Ownership.PROJECT,
                "other",
                Ownership.OWNER,
                "default/a",
                PoolAllocator.POOL_LABEL,
                "p"));
    Allocation a = allocate(List.of(fromPool("a", "p")), List.of(p), snapshot(someoneElse));
    assertThat(subnets(a)).containsEntry("a", "10.205.1.0/24");
  }

  @Test
  void fleetTakenRangesAreAvoided() {
    SubnetPool p = pool("p", 24, List.of("10.205.0.0/16"));
    Allocation a =
        PoolAllocator.allocate(
            new PoolAllocator.Input(
                PROJECT,
                List.of(fromPool("a", "p")),
                List.of(p),
                snapshot(),
                List.of(),
                List.of(),
                Map.of("p", List.of(new IPAddressString("10.205.0.0/23").getAddress()))));
    assertThat(subnets(a)).containsEntry("a", "10.205.2.0/24");
  }

  @Test
  void routesFromProcFiles() {
    List<IPAddress> v4 =
        HostRoutes.parseV4(
            List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "br-1\t0003C90A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"));
    assertThat(v4).extracting(Object::toString).containsExactly("10.201.3.0/24");
    List<IPAddress> v6 =
        HostRoutes.parseV6(
            List.of(
                "fd000203000100000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 br-5",
                "00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000001 00000000 00200001 lo"));
    assertThat(v6).extracting(Object::toString).containsExactly("fd00:203:1::/64");
  }
}
