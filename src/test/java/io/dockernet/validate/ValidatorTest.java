package io.dockernet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.manifest.Manifests;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {
  private static final String NETWORK =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: DockerNetwork
      metadata:
        name: web
      spec:
        ipam:
          config:
            - subnet: 10.123.245.0/24
      """;
  private static final String ATTACHMENT =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: NetworkAttachment
      metadata:
        name: app
      spec:
      """;

  static Stream<Path> goodSamples() throws IOException, URISyntaxException {
    Path dir = Path.of(ValidatorTest.class.getResource("/manifests/good").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodSamples")
  void goodSamplesLoadAndValidateWithoutProblems(Path file) {
    LoadResult loaded = ManifestLoader.load(file);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.manifests().isEmpty()).isFalse();
    assertThat(Validator.validate(loaded.manifests())).isEmpty();
  }

  private static Manifests load(String yaml) {
    LoadResult loaded = ManifestLoader.loadString("m.yaml", yaml);
    assertThat(loaded.problems()).isEmpty();
    return loaded.manifests();
  }

  private static List<String> offline(String yaml) {
    return Validator.validate(load(yaml)).stream().map(Problem::toString).toList();
  }

  private static List<String> engine(String yaml, Snapshot snapshot) {
    Manifests m = load(yaml);
    return Validator.validateAgainstEngine(m.networks(), m.attachments(), m.locator(), snapshot)
        .stream()
        .map(Problem::toString)
        .toList();
  }

  private static Snapshot engineWith(String api, ObservedNetwork... networks) {
    return new Snapshot(
        new EngineInfo("20.10.24", api, "none", "test"), List.of(networks), List.of());
  }

  private static ObservedNetwork observed(String name, String subnet, Map<String, String> labels) {
    NetworkConfig config =
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
            subnet == null ? List.of() : List.of(new IpamPool(subnet, null, null, null)));
    return new ObservedNetwork("id-" + name, config, List.of());
  }

  @Test
  void overlappingIpv6SubnetsBetweenNetworksAreFound() {
    assertThat(
            offline(
                """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: a}
        spec:
          enableIPv6: true
          ipam: {config: [{subnet: "fd00:123:245::/48"}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: b}
        spec:
          enableIPv6: true
          ipam: {config: [{subnet: "fd00:123:245:7::/64"}]}
        """))
        .containsExactly(
            "m.yaml:13:28: spec.ipam.config[0].subnet: subnet fd00:123:245:7::/64 overlaps "
                + "fd00:123:245::/48 of DockerNetwork default/a (m.yaml:6:28); Docker refuses overlapping subnets on one engine");
  }

  @Test
  void networksOnDifferentHostsMayOverlapAndShareNames() {
    String other = NETWORK.replace("name: web", "name: web-two") + "  name: web\n  host: two\n";
    assertThat(offline(NETWORK + "  host: one\n---\n" + other)).isEmpty();
  }

  @Test
  void withoutFilesProblemsCarryOnlyTheirPathAndFindingsNameTheirResource() {
    Manifests m =
        load(
            NETWORK
                + "---\n"
                + ATTACHMENT
                + "  network: web\n  container: app-1\n  ipv4Address: 10.123.246.9\n");
    List<Finding> findings =
        Validator.findings(
            m.networks(), m.attachments(), List.of(), io.dockernet.validate.Locator.NONE);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resource()).isSameAs(m.attachments().get(0));
              assertThat(f.problem())
                  .hasToString(
                      "spec.ipv4Address: ipv4Address 10.123.246.9 is outside the IPv4 subnets "
                          + "of network web: 10.123.245.0/24");
            });
  }

  @Test
  void fieldsNewerThanTheEngineApiAreReported() {
    String yaml =
        NETWORK
            + "  enableIPv4: true\n---\n"
            + ATTACHMENT
            + "  network: web\n  container: app-1\n  macAddress: \"02:42:0a:7b:f5:09\"\n  gwPriority: 10\n";
    assertThat(engine(yaml, engineWith("1.41")))
        .containsExactly(
            "m.yaml:9:15: spec.enableIPv4: this engine speaks API 1.41; spec.enableIPv4 needs 1.47 or later (older engines "
                + "always enable IPv4: remove the field)",
            "m.yaml:18:15: spec.macAddress: this engine speaks API 1.41; spec.macAddress needs 1.44 or later",
            "m.yaml:19:15: spec.gwPriority: this engine speaks API 1.41; spec.gwPriority needs 1.48 or later");
    assertThat(engine(yaml, engineWith("1.48"))).isEmpty();
  }

  @Test
  void subnetsOverlappingOtherEngineNetworksAreReportedButNotTheNetworkItself() {
    Map<String, String> ours =
        Map.of(
            Ownership.MANAGED_BY,
            Ownership.MANAGED_BY_VALUE,
            Ownership.OWNER,
            new ResourceRef("DockerNetwork", "default", "web").key());
    Snapshot snapshot =
        engineWith(
            "1.41",
            observed("web", "10.123.245.0/24", ours),
            observed("legacy", "10.123.0.0/16", Map.of()),
            observed("bridge", "172.17.0.0/16", Map.of()));
    assertThat(engine(NETWORK, snapshot))
        .containsExactly(
            "m.yaml:8:17: spec.ipam.config[0].subnet: subnet "
                + "10.123.245.0/24 overlaps 10.123.0.0/16 of the engine's network legacy (not managed by dockernet); Docker "
                + "refuses overlapping subnets on one engine");
  }

  @Test
  void attachmentsToUnknownNetworksAndStaticAddressesOnEngineNetworksAreChecked() {
    Snapshot snapshot =
        engineWith(
            "1.41",
            observed("bridge", "172.17.0.0/16", Map.of()),
            observed("nosubnet", null, Map.of()),
            observed("legacy", "10.123.247.0/24", Map.of()));
    String yaml =
        ATTACHMENT
            + "  network: ghost\n  container: app-1\n"
            + "---\n"
            + ATTACHMENT.replace("app", "b")
            + "  network: nosubnet\n  container: app-1\n  ipv4Address: 10.9.0.2\n"
            + "---\n"
            + ATTACHMENT.replace("app", "c")
            + "  network: legacy\n  container: app-1\n  ipv4Address: 10.9.0.2\n"
            + "---\n"
            + ATTACHMENT.replace("app", "d")
            + "  network: legacy\n  container: app-2\n  ipv4Address: 10.123.247.5\n";
    assertThat(engine(yaml, snapshot))
        .containsExactly(
            "m.yaml:6:12: spec.network: network ghost is neither declared nor present on the engine",
            "m.yaml:16:16: spec.ipv4Address: the engine's network nosubnet has no user-configured IPv4 subnet; Docker "
                + "allows static addresses only on networks created with one",
            "m.yaml:25:16: spec.ipv4Address: 10.9.0.2 is outside the subnets of the engine's network legacy: 10.123.247.0/24");
  }

  @Test
  void problemsAreSortedByLine() {
    List<Problem> problems =
        Validator.validate(
                load(
                    ATTACHMENT
                        + "  network: host\n  aliases: [\"-x\"]\n"
                        + "  linkLocalIPs: [10.0.0.1]\n"))
            .stream()
            .toList();
    assertThat(problems).extracting(p -> p.location().line()).isSorted();
    assertThat(problems).hasSize(4);
  }

  @Test
  void aStaticAddressInsideTheUsersIpRangeIsAWarningOutsideItNothing() {
    String network =
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          ipam:
            config:
              - subnet: 10.123.245.0/24
                ipRange: 10.123.245.128/25
        ---
        """;
    List<Problem> inside =
        Validator.validate(
            load(
                network
                    + ATTACHMENT
                    + "  network: web\n  container: app\n  ipv4Address: 10.123.245.200\n"));
    assertThat(inside).hasSize(1);
    assertThat(inside.get(0).warning()).isTrue();
    assertThat(inside.get(0).toString())
        .startsWith("m.yaml:18:16: warning: spec.ipv4Address: ipv4Address 10.123.245.200 lies")
        .contains(
            "ipRange 10.123.245.128/25 of network web (DockerNetwork default/web (m.yaml:9:18))");
    assertThat(Problems.errors(inside)).isEmpty();
    assertThat(
            offline(
                network
                    + ATTACHMENT
                    + "  network: web\n  container: app\n  ipv4Address: 10.123.245.20\n"))
        .isEmpty();
  }
}
