package io.dockernet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidationTest {

  static List<String> problems(String yaml) {
    LoadResult r = ManifestLoader.loadString("p.yaml", yaml);
    assertThat(r.problems()).isEmpty();
    return Validator.validate(r.manifests()).stream().map(Problem::toString).toList();
  }

  @Test
  void malformedCidrsPortsAndPeersAreLocated() {
    assertThat(
            problems(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: bad}
        spec:
          network: a
          policyTypes: [Ingres]
          ingress:
            - from:
                - cidr: 10.0.0.300/24
                - cidr: 10.0.0.1/24
                - {network: b, cidr: 10.0.0.0/8}
              ports:
                - {protocol: sctp, port: 1}
                - {port: 0}
                - {port: 90, endPort: 80}
                - {protocol: icmp, port: 8}
          egress:
            - to: [{cidr: "fd00::/64"}]
              ports: [{endPort: 5}]
        """))
        .containsExactly(
            "p.yaml:6:17: spec.policyTypes[0]: \"Ingres\" is not a policy type; use Ingress or Egress",
            "p.yaml:9:17: spec.ingress[0].from[0].cidr: \"10.0.0.300/24\" is not a CIDR; write an IPv4 or IPv6 block such as 192.0.2.0/24 or 2001:db8::/64",
            "p.yaml:10:17: spec.ingress[0].from[1].cidr: \"10.0.0.1/24\" has host bits set; did you mean 10.0.0.0/24?",
            "p.yaml:11:11: spec.ingress[0].from[2]: a peer needs exactly one of containerSelector, network and cidr (this one has 2)",
            "p.yaml:13:22: spec.ingress[0].ports[0].protocol: \"sctp\" is not a supported protocol; use tcp, udp or icmp",
            "p.yaml:14:18: spec.ingress[0].ports[1].port: 0 is not a port; use 1-65535",
            "p.yaml:15:31: spec.ingress[0].ports[2].endPort: 80 is not a range end for port 90; use 90-65535",
            "p.yaml:16:34: spec.ingress[0].ports[3].port: icmp has no ports; remove port and endPort",
            "p.yaml:19:25: spec.egress[0].ports[0].endPort: endPort needs port, the first port of the range");
  }

  @Test
  void undeclaredNetworkIsInvalidAgainstTheEngine() {
    LoadResult r =
        ManifestLoader.loadString(
            "p.yaml",
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: p}
        spec:
          network: nowhere
          ingress: [{from: [{network: elsewhere}]}]
        """);
    Snapshot empty = new Snapshot(new EngineInfo("20.10", "1.41", null, "e"), List.of(), List.of());
    assertThat(
            Validator.validatePoliciesAgainstEngine(
                r.manifests().policies(), List.of(), r.manifests().locator(), empty))
        .map(Problem::toString)
        .containsExactly(
            "p.yaml:5:12: spec.network: network nowhere is neither declared nor present on the engine",
            "p.yaml:6:31: spec.ingress[0].from[0].network: network elsewhere is neither declared nor present on the engine");
  }
}
