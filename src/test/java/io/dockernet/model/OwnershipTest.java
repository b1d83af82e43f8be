package io.dockernet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec hash is written into the labels of every network dockernet creates, and a network whose
 * hash differs from its manifest's is recreated. A change in how it is computed would recreate
 * every managed network on upgrade: these values were computed by the release that introduced the
 * test and must never change.
 */
class OwnershipTest {

  @Test
  void specHashesNeverChange() {
    NetworkConfig plain =
        new NetworkConfig(
            "web", "bridge", Map.of(), false, false, false, false, null, null, false, null,
            Map.of(), null, Map.of(), List.of());
    NetworkConfig full =
        new NetworkConfig(
            "db",
            "bridge",
            Map.of("com.docker.network.bridge.name", "br-db", "a", "b"),
            true,
            true,
            false,
            true,
            Boolean.TRUE,
            "local",
            false,
            null,
            Map.of("team", "x", Ownership.PROJECT, "p"),
            "default",
            Map.of("k", "v"),
            List.of(
                new IpamPool(
                    "10.9.0.0/24",
                    "10.9.0.128/25",
                    "10.9.0.1",
                    Map.of("h2", "10.9.0.3", "h1", "10.9.0.2")),
                new IpamPool("fd00:9::/64", null, null, null)));
    assertThat(Ownership.specHash(plain)).isEqualTo("ca8b347310a0");
    assertThat(Ownership.specHash(full)).isEqualTo("ad784298985c");
  }

  @Test
  void aPoolPrintsAsItsRecordAlwaysDid() {
    assertThat(new IpamPool("10.9.0.0/24", null, "10.9.0.1", Map.of("b", "2", "a", "1")))
        .hasToString(
            "IpamPool[subnet=10.9.0.0/24, ipRange=null, gateway=10.9.0.1, auxAddresses={a=1, b=2}]");
  }
}
