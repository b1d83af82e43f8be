package io.dockernet.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {
  static final String A_ID = "aaaaaaaaaaaa0000";
  static final String B_ID = "bbbbbbbbbbbb0000";

  /**
   * Network a (10.204.1.0/24, fd00:204:1::/64) with web (10.204.1.2), client (.3), other (.4);
   * network b (10.204.2.0/24) with peer (.2).
   */
  static Snapshot snapshot() {
    ObservedNetwork a = network(A_ID, "a", "10.204.1.0/24", "fd00:204:1::/64");
    ObservedNetwork b = network(B_ID, "b", "10.204.2.0/24", null);
    List<ObservedContainer> containers = new ArrayList<>();
    containers.add(
        container(
            "c1", "web", Map.of("app", "web"), endpoint(a, "c1", "10.204.1.2", "fd00:204:1::2")));
    containers.add(
        container(
            "c2",
            "client",
            Map.of("app", "client"),
            endpoint(a, "c2", "10.204.1.3", "fd00:204:1::3")));
    containers.add(
        container(
            "c3",
            "other",
            Map.of("app", "other"),
            endpoint(a, "c3", "10.204.1.4", "fd00:204:1::4")));
    containers.add(
        container("c4", "peer", Map.of("app", "peer"), endpoint(b, "c4", "10.204.2.2", null)));
    return new Snapshot(new EngineInfo("20.10", "1.41", null, "test"), List.of(a, b), containers);
  }

  static ObservedNetwork network(String id, String name, String v4, String v6) {
    List<IpamPool> pools = new ArrayList<>();
    pools.add(new IpamPool(v4, null, null, null));
    if (v6 != null) {
      pools.add(new IpamPool(v6, null, null, null));
    }
    return new ObservedNetwork(
        id,
        new NetworkConfig(
            name,
            "bridge",
            Map.of(),
            false,
            false,
            false,
            v6 != null,
            null,
            "local",
            false,
            null,
            Map.of(),
            "default",
            Map.of(),
            pools),
        List.of());
  }

  static ObservedEndpoint endpoint(ObservedNetwork n, String container, String v4, String v6) {
    return new ObservedEndpoint(
        n.id(),
        n.name(),
        container,
        container,
        "ep-" + container,
        v4,
        v6,
        null,
        EndpointConfig.empty());
  }

  static ObservedContainer container(
      String id, String name, Map<String, String> labels, ObservedEndpoint... endpoints) {
    return new ObservedContainer(id, name, labels, true, List.of(endpoints));
  }

  static List<DockerNetworkPolicy> policies(String yaml) {
    LoadResult r = ManifestLoader.loadString("test", yaml);
    assertThat(r.problems()).isEmpty();
    return r.manifests().policies();
  }

  static final String WEB_FROM_CLIENT =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: DockerNetworkPolicy
      metadata: {name: web}
      spec:
        network: a
        containerSelector: {matchLabels: {app: web}}
        ingress:
          - from: [{containerSelector: {matchLabels: {app: client}}}]
            ports: [{protocol: tcp, port: 80}]
      """;

  @Test
  void noPolicyNoRules() {
    PolicyCompiler.Compiled c = PolicyCompiler.compile(List.of(), snapshot(), "default");
    assertThat(c.ipv4().isEmpty()).isTrue();
    assertThat(c.ipv6().isEmpty()).isTrue();
  }

  @Test
  void ingressAllowListSelectsOnlyTheChosenContainer() {
    PolicyCompiler.Compiled c =
        PolicyCompiler.compile(policies(WEB_FROM_CLIENT), snapshot(), "default");
    String in = "DOCKERNET-IN-" + PolicyCompiler.hash(A_ID + "/c1");
    assertThat(c.ipv4().chains()).containsOnlyKeys("DOCKERNET-POLICY", in);
    assertThat(c.ipv4().chains().get("DOCKERNET-POLICY"))
        .containsExactly(
            "-m comment --comment \"dockernet owner default\"",
            "-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
            "-d 10.204.1.2/32 -o br-aaaaaaaaaaaa -j " + in);
    assertThat(c.ipv4().chains().get(in))
        .containsExactly(
            "-s 10.204.1.3/32 -p tcp -m tcp --dport 80 -m comment --comment \"default/web\" -j RETURN",
            "-j DROP");
    // IPv6: same shape, neighbour discovery always passes.
    assertThat(c.ipv6().chains().get("DOCKERNET-POLICY"))
        .contains(
            "-p ipv6-icmp -m icmp6 --icmpv6-type 135 -j RETURN",
            "-d fd00:204:1::2/128 -o br-aaaaaaaaaaaa -j " + in);
    assertThat(c.ipv6().chains().get(in))
        .containsExactly(
            "-s fd00:204:1::3/128 -p tcp -m tcp --dport 80 -m comment --comment \"default/web\" -j RETURN",
            "-j DROP");
    assertThat(c.coverage().get("default/web").containers()).isEqualTo(1);
    assertThat(c.coverage().get("default/web").rules()).isEqualTo(6);
  }

  @Test
  void policiesSelectingOneContainerAreAUnion() {
    List<DockerNetworkPolicy> both = new ArrayList<>(policies(WEB_FROM_CLIENT));
    both.addAll(
        policies(
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: icmp}
        spec:
          network: a
          ingress: [{ports: [{protocol: icmp}]}]
        """));
    PolicyCompiler.Compiled c = PolicyCompiler.compile(both, snapshot(), "default");
    String webIn = "DOCKERNET-IN-" + PolicyCompiler.hash(A_ID + "/c1");
    assertThat(c.ipv4().chains().get(webIn))
        .containsExactly(
            "-p icmp -m comment --comment \"default/icmp\" -j RETURN",
            "-s 10.204.1.3/32 -p tcp -m tcp --dport 80 -m comment --comment \"default/web\" -j RETURN",
            "-j DROP");
    // The icmp policy selects every container on a (three), none on b.
    assertThat(c.coverage().get("default/icmp").containers()).isEqualTo(3);
    assertThat(c.ipv4().chains().keySet().stream().filter(k -> k.startsWith("DOCKERNET-IN-")))
        .hasSize(3);
  }

  @Test
  void ingressFromAnotherNetworkOpensIsolationWithReplies() {
    PolicyCompiler.Compiled c =
        PolicyCompiler.compile(
            policies(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: from-b, namespace: team}
        spec:
          network: a
          containerSelector: {matchLabels: {app: web}}
          ingress:
            - from: [{network: b}]
              ports: [{port: 8000, endPort: 8080}, {protocol: udp, port: 53}]
        """),
            snapshot(),
            "default");
    String in = "DOCKERNET-IN-" + PolicyCompiler.hash(A_ID + "/c1");
    assertThat(c.ipv4().chains().get("DOCKERNET-POLICY"))
        .contains(
            "-i br-bbbbbbbbbbbb -o br-aaaaaaaaaaaa -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-i br-aaaaaaaaaaaa -o br-bbbbbbbbbbbb -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
    assertThat(c.ipv4().chains().get(in))
        .containsExactly(
            "-s 10.204.2.0/24 -i br-bbbbbbbbbbbb -p tcp -m tcp --dport 8000:8080 -m comment --comment \"team/from-b\" -j ACCEPT",
            "-s 10.204.2.0/24 -i br-bbbbbbbbbbbb -p udp -m udp --dport 53 -m comment --comment \"team/from-b\" -j ACCEPT",
            "-j DROP");
    // b has no IPv6 subnet: the IPv6 chain of web allows nothing.
    assertThat(c.ipv6().chains().get(in)).containsExactly("-j DROP");
  }

  @Test
  void egressOnlyPolicyAlsoIsolatesIngressAsInKubernetes() {
    PolicyCompiler.Compiled c =
        PolicyCompiler.compile(
            policies(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: out}
        spec:
          network: a
          containerSelector: {matchLabels: {app: client}}
          egress: [{to: [{cidr: 10.204.250.0/24}, {cidr: "fd00:204:250::/64"}]}]
        """),
            snapshot(),
            "default");
    String out = "DOCKERNET-OUT-" + PolicyCompiler.hash(A_ID + "/c2");
    String in = "DOCKERNET-IN-" + PolicyCompiler.hash(A_ID + "/c2");
    assertThat(c.ipv4().chains().get(out))
        .containsExactly(
            "-d 10.204.250.0/24 -m comment --comment \"default/out\" -j RETURN", "-j DROP");
    assertThat(c.ipv6().chains().get(out))
        .containsExactly(
            "-d fd00:204:250::/64 -m comment --comment \"default/out\" -j RETURN", "-j DROP");
    assertThat(c.ipv4().chains().get(in)).containsExactly("-j DROP");
    assertThat(c.ipv4().chains().get("DOCKERNET-POLICY"))
        .contains("-s 10.204.1.3/32 -i br-aaaaaaaaaaaa -j " + out);
  }

  @Test
  void policyTypesEgressOnlyLeavesIngressAlone() {
    PolicyCompiler.Compiled c =
        PolicyCompiler.compile(
            policies(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: out}
        spec:
          network: a
          policyTypes: [Egress]
          egress: []
        """),
            snapshot(),
            "default");
    assertThat(c.ipv4().chains().keySet()).noneMatch(k -> k.startsWith("DOCKERNET-IN-"));
    assertThat(c.ipv4().chains().keySet().stream().filter(k -> k.startsWith("DOCKERNET-OUT-")))
        .hasSize(3);
  }

  @Test
  void containersStartedLaterAreSelectedAndLeaversDropped() {
    Snapshot s = snapshot();
    List<ObservedContainer> more = new ArrayList<>(s.containers());
    more.add(
        container(
            "c5",
            "web2",
            Map.of("app", "web"),
            endpoint(s.networks().get(0), "c5", "10.204.1.5", null)));
    PolicyCompiler.Compiled c =
        PolicyCompiler.compile(
            policies(WEB_FROM_CLIENT), new Snapshot(s.engine(), s.networks(), more), "default");
    assertThat(c.coverage().get("default/web").containers()).isEqualTo(2);
    assertThat(c.ipv4().chains()).containsKey("DOCKERNET-IN-" + PolicyCompiler.hash(A_ID + "/c5"));
    assertThat(c.ipv6().chains())
        .doesNotContainKey("DOCKERNET-IN-" + PolicyCompiler.hash(A_ID + "/c5"));
  }

  @Test
  void undeclaredNetworkAndOtherDriversAreProblemsNotRules() {
    PolicyCompiler.Compiled c =
        PolicyCompiler.compile(
            policies(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: nowhere}
        spec: {network: missing}
        """),
            snapshot(),
            "default");
    assertThat(c.coverage().get("default/nowhere").problem()).contains("missing");
    assertThat(c.ipv4().isEmpty()).isTrue();
  }

  @Test
  void sameInputSameRulesWhateverTheSnapshotOrder() {
    Snapshot s = snapshot();
    List<ObservedContainer> reversed = new ArrayList<>(s.containers());
    java.util.Collections.reverse(reversed);
    List<DockerNetworkPolicy> p = policies(WEB_FROM_CLIENT);
    assertThat(PolicyCompiler.compile(p, new Snapshot(s.engine(), s.networks(), reversed), "x"))
        .isEqualTo(PolicyCompiler.compile(p, s, "x"));
  }
}
