package io.dockernet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SubnetPool manifests and pool requests: bad input is reported at its file:line. */
class PoolValidationTest {

  private static List<String> problems(String yaml) {
    LoadResult loaded = ManifestLoader.loadString("p.yaml", yaml);
    List<String> load = loaded.problems().stream().map(Problem::toString).toList();
    return load.isEmpty()
        ? Validator.validate(loaded.manifests()).stream().map(Problem::toString).toList()
        : load;
  }

  private static final String POOL =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: SubnetPool
      metadata:
        name: lab
      spec:
        cidrs: [10.205.0.0/16]
        exclude: [10.205.255.0/24]
        allocation: Fleet
      ---
      """;

  @Test
  void aPoolAndANetworkAskingItAreValid() {
    assertThat(
            problems(
                POOL
                    + """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          ipam:
            config:
              - pool: lab
        """))
        .isEmpty();
  }

  @Test
  void subnetAndPoolTogetherGatewayWithPoolAndUnknownPool() {
    assertThat(
            problems(
                POOL
                    + """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          ipam:
            config:
              - pool: lab
                subnet: 10.205.0.0/24
                gateway: 10.205.0.1
              - pool: lan
        """))
        .containsExactly(
            "p.yaml:18:17: spec.ipam.config[0].subnet: give either subnet or pool, not both",
            "p.yaml:19:18: spec.ipam.config[0].gateway: gateway is not allowed with pool: the subnet is only known when it is "
                + "allocated (the engine takes its first address as gateway); use subnet to set gateway",
            "p.yaml:20:15: spec.ipam.config[1].pool: SubnetPool lan is not declared; declared pools: lab");
  }

  @Test
  void badPools() {
    assertThat(
            problems(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: SubnetPool
        metadata:
          name: bad
          namespace: x
        spec:
          cidrs: [10.205.0.1/16, fd00:205::/48, 10.206.0.0/26]
          exclude: [nonsense]
        """))
        .containsExactly(
            "p.yaml:5:3: metadata.namespace: SubnetPool is cluster-scoped; remove metadata.namespace");
    assertThat(
            problems(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: SubnetPool
        metadata:
          name: bad
        spec:
          cidrs: [10.205.0.1/16, fd00:205::/48, 10.206.0.0/26]
          exclude: [nonsense]
        """))
        .containsExactly(
            "p.yaml:6:11: spec.cidrs[0]: 10.205.0.1/16 has host bits set; write 10.205.0.0/16",
            "p.yaml:6:26: spec.cidrs[1]: fd00:205::/48 is IPv6 but the pool is IPv4; a pool holds one family (declare a second pool for the other)",
            "p.yaml:6:41: spec.cidrs[2]: a range of the pool is smaller than one block: /26 cannot hold a /24 (the default prefixLength); set spec.prefixLength",
            "p.yaml:7:13: spec.exclude[0]: \"nonsense\" is not a CIDR (e.g. 10.100.0.0/16 or fd00:100::/48)");
  }

  @Test
  void ipv6PoolNeedsEnableIPv6() {
    assertThat(
            problems(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: SubnetPool
        metadata:
          name: six
        spec:
          cidrs: [fd00:205::/48]
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          ipam:
            config:
              - pool: six
        """))
        .containsExactly(
            "p.yaml:15:15: spec.ipam.config[0].pool: SubnetPool six is IPv6: the network needs enableIPv6: true");
  }
}
