package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which DockerNetworks wait for their attachments to reach the cache, and for how long. */
class AttachmentSettleTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

  private static DockerNetwork network(String subnet, String ipRange, String pool) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(
        new ObjectMetaBuilder()
            .withName("n")
            .withNamespace("ns")
            .withCreationTimestamp(CREATED.toString())
            .build());
    IpamConfig c = new IpamConfig();
    c.setSubnet(subnet);
    c.setIpRange(ipRange);
    c.setPool(pool);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(c));
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setIpam(ipam);
    n.setSpec(spec);
    return n;
  }

  @Test
  void aNetworkThatMayGetARangeWaitsOutTheWindowFromTheEndOfItsCreationSecond() {
    // creationTimestamp is truncated to the second: "10:00:00Z" may mean 10:00:00.999.
    DockerNetwork n = network("10.238.2.0/24", null, null);
    assertThat(AttachmentSettle.left(n, CREATED.plusMillis(500)))
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(AttachmentSettle.left(n, CREATED.plusMillis(2999))).isEqualTo(Duration.ofMillis(1));
    assertThat(AttachmentSettle.left(n, CREATED.plusSeconds(3))).isZero();
    assertThat(AttachmentSettle.left(n, CREATED.plusSeconds(60))).isZero();
    assertThat(AttachmentSettle.left(n, CREATED.minusSeconds(30)))
        .as("a clock behind the API server's waits no longer than the window and the second")
        .isEqualTo(AttachmentSettle.WINDOW.plusSeconds(1));
  }

  @Test
  void networksThatCannotGetARangeAreNotDelayed() {
    Instant now = CREATED.plusMillis(100);
    assertThat(AttachmentSettle.left(network("10.238.2.0/24", "10.238.2.0/25", null), now))
        .isZero();
    assertThat(AttachmentSettle.left(network(null, null, "pool-a"), now)).isZero();
    DockerNetwork noIpam = network(null, null, null);
    noIpam.getSpec().setIpam(null);
    assertThat(AttachmentSettle.left(noIpam, now)).isZero();
  }
}
