package io.dockernet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.Ownership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EndpointDiff alone: what counts as a change of an endpoint, strictly (ours) and for one we leave
 * alone.
 */
class EndpointDiffTest {
  static final String ID = "0123456789abcdef0123456789abcdef";

  static EndpointConfig config(List<String> aliases, String ipv4, Map<String, String> driverOpts) {
    return new EndpointConfig(aliases, ipv4, null, null, null, driverOpts, null, null);
  }

  static ObservedEndpoint observed(EndpointConfig config, String assignedIpv4) {
    return new ObservedEndpoint("net-id", "web", ID, "/app", "ep-id", assignedIpv4, "", "", config);
  }

  @Test
  void theShortContainerIdAliasTheEngineAddsIsNoChange() {
    EndpointConfig desired = config(List.of("api"), null, Map.of());
    ObservedEndpoint e =
        observed(config(List.of("api", ID.substring(0, 12)), null, Map.of()), "10.1.0.5/24");
    assertThat(EndpointDiff.strict(desired, e)).isEmpty();
  }

  @Test
  void aliasesCompareAsSetsStrictlyForOursAndAsASubsetOtherwise() {
    EndpointConfig desired = config(List.of("a"), null, Map.of());
    ObservedEndpoint e = observed(config(List.of("b", "a"), null, Map.of()), "10.1.0.5/24");
    assertThat(EndpointDiff.strict(desired, e))
        .extracting(FieldChange::toString)
        .containsExactly("aliases: [a, b] -> [a]");
    assertThat(EndpointDiff.compatible(desired, e)).isEmpty();
  }

  @Test
  void anAddressTheSpecLeavesOutMeansAny() {
    ObservedEndpoint pinned = observed(config(List.of(), "10.1.0.7", Map.of()), "10.1.0.7/24");
    assertThat(EndpointDiff.strict(config(List.of(), null, Map.of()), pinned)).isEmpty();
  }

  @Test
  void aStaticAddressMustBeConfiguredForOursAndOnlyAssignedOtherwise() {
    EndpointConfig desired = config(List.of(), "10.1.0.7", Map.of());
    ObservedEndpoint dynamic = observed(config(List.of(), null, Map.of()), "10.1.0.7/24");
    assertThat(EndpointDiff.strict(desired, dynamic))
        .extracting(FieldChange::field)
        .containsExactly("ipv4Address");
    assertThat(EndpointDiff.compatible(desired, dynamic)).isEmpty();
  }

  @Test
  void ourOwnerOptionIsComparedOnlyForOurs() {
    EndpointConfig desired =
        config(List.of(), null, Map.of(Ownership.ENDPOINT_OWNER_OPT, "p/default/a"));
    ObservedEndpoint unmanaged = observed(config(List.of(), null, Map.of()), "10.1.0.5/24");
    assertThat(EndpointDiff.strict(desired, unmanaged))
        .extracting(FieldChange::field)
        .containsExactly("driverOpts." + Ownership.ENDPOINT_OWNER_OPT);
    assertThat(EndpointDiff.compatible(desired, unmanaged)).isEmpty();
  }
}
