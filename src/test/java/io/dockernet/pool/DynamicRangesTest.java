package io.dockernet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Static addresses stay free: how the dynamic range is chosen, kept and reported. */
class DynamicRangesTest {
  static final String PROJECT = "demo";

  static IPAddress ip(String s) {
    return new IPAddressString(s).getAddress();
  }

  static NetworkAttachment attach(String name, String network, String address) {
    NetworkAttachment a = new NetworkAttachment();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(network);
    spec.setContainer(name);
    if (address.contains(":")) {
      spec.setIpv6Address(address);
    } else {
      spec.setIpv4Address(address);
    }
    a.setSpec(spec);
    return a;
  }

  static Snapshot engine(ObservedNetwork... networks) {
    return new Snapshot(
        new EngineInfo("20.10.24", "1.41", "none", "test"), List.of(networks), List.of());
  }

  /** The network the engine has after a create from this desired network. */
  static ObservedNetwork created(DockerNetwork desired) {
    NetworkConfig c = DesiredState.network(PROJECT, desired).config();
    return new ObservedNetwork("id-" + c.name(), c, List.of());
  }

  static IpamConfig config(DockerNetwork n) {
    return n.getSpec().getIpam().getConfig().get(0);
  }

  @Test
  void theLargestAlignedBlockWithoutStaticsOrGatewayTheHighestOfEquals() {
    IPAddress subnet = ip("10.233.1.0/24");
    assertThat(
            DynamicRanges.largestFree(
                subnet, List.of(ip("10.233.1.1"), ip("10.233.1.10"), ip("10.233.1.20"))))
        .hasToString("10.233.1.128/25");
    assertThat(
            DynamicRanges.largestFree(
                subnet, List.of(ip("10.233.1.1"), ip("10.233.1.10"), ip("10.233.1.200"))))
        .hasToString("10.233.1.128/26");
    assertThat(DynamicRanges.largestFree(ip("fd00:233::/64"), List.of(ip("fd00:233::1"))))
        .hasToString("fd00:233:0:0:8000::/65");
    // A /29 with every 4-address block taken: no range worth setting.
    assertThat(
            DynamicRanges.largestFree(
                ip("10.233.2.0/29"), List.of(ip("10.233.2.1"), ip("10.233.2.5"))))
        .isNull();
    assertThat(DynamicRanges.firstHost(ip("10.233.1.0/24"))).hasToString("10.233.1.1");
  }

  @Test
  void aNewNetworkGetsARangeThePinnedGatewayAndTheLabel() {
    DockerNetwork n = PoolAllocatorTest.fromPool("web", "10.233.1.0/24");
    DynamicRanges.Result r =
        DynamicRanges.arrange(
            PROJECT,
            List.of(n),
            List.of(attach("db", "web", "10.233.1.10"), attach("cache", "web", "10.233.1.20")),
            engine());
    DockerNetwork arranged = r.networks().get(0);
    assertThat(config(arranged).getIpRange()).isEqualTo("10.233.1.128/25");
    assertThat(config(arranged).getGateway()).isEqualTo("10.233.1.1");
    assertThat(arranged.getSpec().getLabels())
        .containsEntry(DynamicRanges.LABEL, "10.233.1.128/25");
    assertThat(config(n).getIpRange()).as("the declared network is not changed").isNull();

    Plan plan =
        r.report(
            Planner.plan(
                DesiredState.from(PROJECT, r.networks(), List.of()),
                engine(),
                PlanOptions.apply(false)));
    assertThat(plan.actions()).singleElement().isInstanceOf(Action.CreateNetwork.class);
    assertThat(plan.actions().get(0).reason())
        .contains("dynamic addresses from 10.233.1.128/25, which holds no declared static address");
  }

  @Test
  void noStaticsNoRangeAndAUsersRangeIsLeftAlone() {
    DockerNetwork plain = PoolAllocatorTest.fromPool("plain", "10.233.3.0/24");
    DockerNetwork ranged = PoolAllocatorTest.fromPool("ranged", "10.233.4.0/24");
    config(ranged).setIpRange("10.233.4.0/25");
    DynamicRanges.Result r =
        DynamicRanges.arrange(
            PROJECT,
            List.of(plain, ranged),
            List.of(attach("db", "ranged", "10.233.4.10")),
            engine());
    assertThat(r.networks()).containsExactly(plain, ranged);
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void reApplyKeepsTheRecordedRangeAndPlansNothing() {
    DockerNetwork n = PoolAllocatorTest.fromPool("web", "10.233.1.0/24");
    List<NetworkAttachment> statics = List.of(attach("db", "web", "10.233.1.10"));
    DockerNetwork first =
        DynamicRanges.arrange(PROJECT, List.of(n), statics, engine()).networks().get(0);
    Snapshot after = engine(created(first));

    DynamicRanges.Result again = DynamicRanges.arrange(PROJECT, List.of(n), statics, after);
    assertThat(config(again.networks().get(0)).getIpRange()).isEqualTo("10.233.1.128/25");
    assertThat(again.notes()).isEmpty();
    assertThat(
            Planner.plan(
                    DesiredState.from(PROJECT, again.networks(), List.of()),
                    after,
                    PlanOptions.apply(false))
                .converged())
        .isTrue();
  }

  @Test
  void aStaticAddedInsideTheRangeIsANoteNotARecreate() {
    DockerNetwork n = PoolAllocatorTest.fromPool("web", "10.233.1.0/24");
    DockerNetwork first =
        DynamicRanges.arrange(
                PROJECT, List.of(n), List.of(attach("db", "web", "10.233.1.10")), engine())
            .networks()
            .get(0);
    Snapshot after = engine(created(first));

    DynamicRanges.Result r =
        DynamicRanges.arrange(
            PROJECT,
            List.of(n),
            List.of(attach("db", "web", "10.233.1.10"), attach("late", "web", "10.233.1.200")),
            after);
    Plan plan =
        r.report(
            Planner.plan(
                DesiredState.from(PROJECT, r.networks(), List.of()),
                after,
                PlanOptions.apply(false)));
    assertThat(plan.converged()).isTrue();
    assertThat(plan.notes(DesiredState.ref(n)))
        .singleElement()
        .asString()
        .contains(
            "static address 10.233.1.200 of NetworkAttachment default/late (container late) lies"
                + " inside the dynamic range 10.233.1.128/25 of network web",
            "does not recreate the network for this alone");
  }

  @Test
  void aRecreateForAnotherReasonMovesTheRangeAndShowsIt() {
    DockerNetwork n = PoolAllocatorTest.fromPool("web", "10.233.1.0/24");
    DockerNetwork first =
        DynamicRanges.arrange(
                PROJECT, List.of(n), List.of(attach("db", "web", "10.233.1.10")), engine())
            .networks()
            .get(0);
    Snapshot after = engine(created(first));
    n.getSpec().setLabels(new HashMap<>(Map.of("tier", "front")));

    DynamicRanges.Result r =
        DynamicRanges.arrange(
            PROJECT,
            List.of(n),
            List.of(attach("db", "web", "10.233.1.10"), attach("late", "web", "10.233.1.200")),
            after);
    Plan plan =
        r.report(
            Planner.plan(
                DesiredState.from(PROJECT, r.networks(), List.of()),
                after,
                PlanOptions.apply(false)));
    Action.RecreateNetwork recreate = (Action.RecreateNetwork) plan.actions().get(0);
    assertThat(recreate.changes().toString())
        .contains("labels.tier", "ipam.config[0].ipRange: 10.233.1.128/25 -> 10.233.1.128/26");
    assertThat(recreate.reason()).contains("dynamic addresses from 10.233.1.128/26");
  }

  @Test
  void aNetworkMadeBeforeTheRuleIsNotRecreatedButNoted() {
    DockerNetwork n = PoolAllocatorTest.fromPool("web", "10.233.1.0/24");
    Snapshot before = engine(created(n)); // no range, no label
    DynamicRanges.Result r =
        DynamicRanges.arrange(
            PROJECT, List.of(n), List.of(attach("db", "web", "10.233.1.10")), before);
    assertThat(r.networks()).containsExactly(n);
    assertThat(r.notes().get(DesiredState.ref(n)))
        .singleElement()
        .asString()
        .contains(
            "was created without a dynamic range", "10.233.1.10 of NetworkAttachment default/db");
    assertThat(
            Planner.plan(
                    DesiredState.from(PROJECT, r.networks(), List.of()),
                    before,
                    PlanOptions.apply(false))
                .converged())
        .isTrue();
  }
}
