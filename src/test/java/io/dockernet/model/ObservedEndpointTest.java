package io.dockernet.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.EndpointStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An observed endpoint is normalised once, when it is built, and {@code get} and resource status
 * show it through one view.
 */
class ObservedEndpointTest {
  static final String ID = "0123456789abcdef0123456789abcdef";

  static ObservedEndpoint observed(List<String> aliases, String ipv4, String ipv6, String mac) {
    return new ObservedEndpoint(
        "net-id",
        "web",
        ID,
        "app",
        "ep-id",
        ipv4,
        ipv6,
        mac,
        EndpointConfig.empty().withAliases(aliases));
  }

  @Test
  void theShortIdAliasTheEngineAddsIsDroppedEveryCopyOfIt() {
    String shortId = ID.substring(0, 12);
    ObservedEndpoint e = observed(List.of(shortId, "web", shortId), null, null, null);
    assertThat(e.config().aliases()).containsExactly("web");
  }

  @Test
  void aliasesThatOnlyLookLikeTheIdStay() {
    ObservedEndpoint e =
        observed(List.of(ID.substring(0, 11), ID.substring(0, 13), "fedcba987654"), null, null, "");
    assertThat(e.config().aliases())
        .containsExactly(ID.substring(0, 11), ID.substring(0, 13), "fedcba987654");
  }

  @Test
  void addressesLoseThePrefixLengthAndEmptyMeansUnset() {
    ObservedEndpoint e = observed(List.of(), "10.1.0.5/24", "", "");
    assertThat(e.ipv4Address()).isEqualTo("10.1.0.5");
    assertThat(e.ipv6Address()).isNull();
    assertThat(e.macAddress()).isNull();
    assertThat(observed(List.of(), null, "fd00::5/64", null).ipv6Address()).isEqualTo("fd00::5");
  }

  @Test
  void getAndStatusShowOneViewWithAliasesSorted() {
    EndpointStatus s =
        EndpointViews.status(
            observed(List.of("www", ID.substring(0, 12), "api"), "10.1.0.5/24", null, ""));
    assertThat(s.getContainer()).isEqualTo("app");
    assertThat(s.getIpv4Address()).isEqualTo("10.1.0.5");
    assertThat(s.getMacAddress()).isNull();
    assertThat(s.getAliases()).containsExactly("api", "www");
    assertThat(EndpointViews.status(observed(List.of(), null, null, null)).getAliases()).isNull();
  }
}
