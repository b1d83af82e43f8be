package io.dockernet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NetworkDiff alone: what counts as a change of a network, strictly (ours) and for adoption. */
class NetworkDiffTest {

  static NetworkConfig net(
      Map<String, String> options, Map<String, String> labels, List<IpamPool> pools) {
    return new NetworkConfig(
        "web", "bridge", options, false, false, false, false, null, null, false, null, labels, null,
        Map.of(), pools);
  }

  static IpamPool pool(String subnet, String gateway) {
    return new IpamPool(subnet, null, gateway, Map.of());
  }

  @Test
  void sameSettingsAreNoChange() {
    NetworkConfig c = net(Map.of(), Map.of("team", "a"), List.of(pool("10.1.0.0/24", null)));
    assertThat(NetworkDiff.strict(c, c)).isEmpty();
    assertThat(NetworkDiff.compatible(c, c)).isEmpty();
  }

  @Test
  void whatTheEngineFillsInIsNoChange() {
    NetworkConfig desired = net(Map.of(), Map.of(), List.of(pool("10.1.0.0/24", null)));
    NetworkConfig observed =
        new NetworkConfig(
            "web",
            "bridge",
            Map.of("com.docker.network.enable_ipv6", "false"),
            false,
            false,
            false,
            false,
            true,
            "local",
            false,
            "",
            Map.of(),
            "default",
            Map.of(),
            List.of(pool("10.1.0.0/24", "10.1.0.1"), pool("fd00:1::/64", "fd00:1::1")));
    assertThat(NetworkDiff.strict(desired, observed)).isEmpty();
  }

  @Test
  void subnetsCompareByValueAndPairBySubnet() {
    NetworkConfig desired =
        net(Map.of(), Map.of(), List.of(pool("fd00:0::/64", null), pool("10.1.0.0/24", null)));
    NetworkConfig observed =
        net(Map.of(), Map.of(), List.of(pool("10.1.0.0/24", null), pool("fd00::/64", null)));
    assertThat(NetworkDiff.strict(desired, observed)).isEmpty();
  }

  @Test
  void aChangedSubnetIsAFieldChange() {
    NetworkConfig desired = net(Map.of(), Map.of(), List.of(pool("10.2.0.0/24", null)));
    NetworkConfig observed = net(Map.of(), Map.of(), List.of(pool("10.1.0.0/24", null)));
    assertThat(NetworkDiff.strict(desired, observed))
        .extracting(FieldChange::toString)
        .containsExactly("ipam.config[0].subnet: 10.1.0.0/24 -> 10.2.0.0/24");
  }

  @Test
  void aDroppedLabelIsAChangeOfOursButNotForAdoption() {
    NetworkConfig desired = net(Map.of(), Map.of(), List.of());
    NetworkConfig observed = net(Map.of(), Map.of("team", "a"), List.of());
    assertThat(NetworkDiff.strict(desired, observed))
        .extracting(FieldChange::toString)
        .containsExactly("labels.team: a -> " + NetworkDiff.UNSET);
    assertThat(NetworkDiff.compatible(desired, observed)).isEmpty();
  }

  @Test
  void adoptionStillNeedsWhatTheSpecAsksFor() {
    NetworkConfig desired =
        net(Map.of("com.docker.network.bridge.name", "br-web"), Map.of(), List.of());
    NetworkConfig observed = net(Map.of(), Map.of(), List.of());
    assertThat(NetworkDiff.compatible(desired, observed))
        .extracting(FieldChange::field)
        .containsExactly("driverOpts.com.docker.network.bridge.name");
  }
}
