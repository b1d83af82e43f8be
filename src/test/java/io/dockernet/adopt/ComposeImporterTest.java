package io.dockernet.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeImporterTest {
  private static ComposeImporter.Result run(Map<String, String> env, String... texts) {
    List<ComposeImporter.Source> sources = new java.util.ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      sources.add(
          new ComposeImporter.Source(i == 0 ? "compose.yml" : "override" + i + ".yml", texts[i]));
    }
    return ComposeImporter.importFiles(sources, null, "My App", env);
  }

  private static DockerNetwork network(ComposeImporter.Result r, String dockerName) {
    return r.resources().stream()
        .filter(DockerNetwork.class::isInstance)
        .map(DockerNetwork.class::cast)
        .filter(n -> n.getSpec().getName().equals(dockerName))
        .findFirst()
        .orElseThrow(() -> new AssertionError(names(r)));
  }

  private static NetworkAttachment attachment(ComposeImporter.Result r, String name) {
    return r.resources().stream()
        .filter(NetworkAttachment.class::isInstance)
        .map(NetworkAttachment.class::cast)
        .filter(n -> n.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(names(r)));
  }

  private static List<String> names(ComposeImporter.Result r) {
    return r.resources().stream().map(HasMetadata::getMetadata).map(m -> m.getName()).toList();
  }

  @Test
  void networksServicesVariablesAndTheOverride() {
    ComposeImporter.Result r =
        run(
            Map.of("SUBNET", "10.203.70.0/24"),
            """
        services:
          web:
            image: busybox
            networks:
              front:
                aliases: [www, "${ALIAS:-portal}"]
                ipv4_address: 10.203.70.10
              back:
          db:
            image: busybox
            networks: [back]
          worker:
            image: busybox
          host:
            image: busybox
            network_mode: host
        networks:
          front:
            driver: bridge
            driver_opts: {com.docker.network.driver.mtu: 1400}
            attachable: true
            labels: [tier=front]
            ipam:
              config:
                - subnet: ${SUBNET}
                  gateway: 10.203.70.1
                  ip_range: 10.203.70.128/25
                  aux_addresses: {router: 10.203.70.2}
          back:
            name: shared-back
            internal: true
            enable_ipv6: true
            ipam: {config: [{subnet: "fd00:203:70::/64"}]}
          outside:
            external: true
          unused: {}
        """);

    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.project()).isEqualTo("myapp");
    assertThat(names(r))
        .containsExactly(
            "myapp-default",
            "myapp-front",
            "shared-back",
            "myapp-db-back",
            "myapp-web-back",
            "myapp-web-front",
            "myapp-worker-default");
    DockerNetwork front = network(r, "myapp_front");
    assertThat(front.getSpec().getAdoptionPolicy()).isEqualTo(AdoptionPolicy.IfCompatible);
    assertThat(front.getSpec().getDriverOpts())
        .containsEntry("com.docker.network.driver.mtu", "1400");
    assertThat(front.getSpec().getAttachable()).isTrue();
    assertThat(front.getSpec().getLabels()).containsEntry("tier", "front");
    assertThat(front.getSpec().getIpam().getConfig().get(0).getSubnet())
        .isEqualTo("10.203.70.0/24");
    assertThat(front.getSpec().getIpam().getConfig().get(0).getIpRange())
        .isEqualTo("10.203.70.128/25");
    assertThat(front.getSpec().getIpam().getConfig().get(0).getAuxAddresses())
        .containsEntry("router", "10.203.70.2");
    DockerNetwork back = network(r, "shared-back");
    assertThat(back.getSpec().getInternal()).isTrue();
    assertThat(back.getSpec().getEnableIPv6()).isTrue();
    assertThat(back.getSpec().getAttachable()).as("as docker-compose 1.29 makes them").isTrue();
    NetworkAttachment web = attachment(r, "myapp-web-front");
    assertThat(web.getSpec().getNetwork()).isEqualTo("myapp_front");
    assertThat(web.getSpec().getAliases()).containsExactly("web", "www", "portal");
    assertThat(web.getSpec().getIpv4Address()).isEqualTo("10.203.70.10");
    assertThat(web.getSpec().getContainerSelector().getMatchLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "com.docker.compose.project",
                "myapp",
                "com.docker.compose.service",
                "web",
                "com.docker.compose.oneoff",
                "False"));
    assertThat(attachment(r, "myapp-worker-default").getSpec().getNetwork())
        .isEqualTo("myapp_default");
    assertThat(r.notes())
        .anyMatch(n -> n.contains("unused is not used by any service"))
        .anyMatch(n -> n.contains("host has network_mode"));
    assertThat(r.override())
        .contains(
            "front:\n    external: true\n    name: myapp_front",
            "back:\n    external: true\n    name: shared-back",
            "default:\n    external: true\n    name: myapp_default");
  }

  @Test
  void externalNetworksAreReferredToNotCreated() {
    ComposeImporter.Result r =
        run(
            Map.of(),
            """
        services:
          app: {image: busybox, networks: {edge: {aliases: [a]}}}
        networks:
          edge: {external: true, name: corp-edge}
        """);
    assertThat(names(r)).containsExactly("myapp-app-edge");
    assertThat(attachment(r, "myapp-app-edge").getSpec().getNetwork()).isEqualTo("corp-edge");
    assertThat(r.notes()).anyMatch(n -> n.contains("edge is external (corp-edge): not created"));
    assertThat(r.override()).isNull();
  }

  @Test
  void overridesMergeAndTheEnvironmentWinsOverDefaults() {
    ComposeImporter.Result r =
        ComposeImporter.importFiles(
            List.of(
                new ComposeImporter.Source(
                    "a.yml",
                    "services: {s: {image: x, networks: [n]}}\nnetworks: {n: {driver_opts: {a: '1'}}}\n"),
                new ComposeImporter.Source(
                    "b.yml", "networks: {n: {driver_opts: {b: '${B-2}'}, internal: true}}\n")),
            "Proj_1",
            "dir",
            Map.of("B", "3"));
    DockerNetwork n = network(r, "proj_1_n");
    assertThat(n.getSpec().getDriverOpts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "3"));
    assertThat(n.getSpec().getInternal()).isTrue();
  }

  @Test
  void unsupportedKeysAreLocatedWarnings() {
    ComposeImporter.Result r =
        run(
            Map.of(),
            """
        services:
          s:
            image: x
            networks:
              n:
                priority: 10
        networks:
          n:
            driver: bridge
            enable_ipv4: false
            x-note: fine
        """);
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            "compose.yml:10:5: networks.n.enable_ipv4: enable_ipv4 is not supported by dockernet import; ignored",
            "compose.yml:6:9: services.s.networks.n.priority: priority is not supported by dockernet import; ignored");
  }

  @Test
  void malformedFilesAreLocatedErrorsAndProduceNothing() {
    ComposeImporter.Result syntax = run(Map.of(), "services:\n  s: [\n");
    assertThat(syntax.errors())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).startsWith("compose.yml:3:1: invalid YAML"));
    assertThat(syntax.resources()).isEmpty();

    ComposeImporter.Result undeclared =
        run(Map.of(), "services:\n  s:\n    image: x\n    networks: [nope]\n");
    assertThat(undeclared.errors())
        .extracting(Problem::toString)
        .containsExactly(
            "compose.yml:4:16: services.s.networks.nope: service s uses network nope, which is not declared under the top-level networks:");
    assertThat(undeclared.resources()).isEmpty();
    assertThat(undeclared.override()).isNull();

    ComposeImporter.Result required =
        run(Map.of(), "networks:\n  n:\n    driver: ${DRIVER:?set DRIVER}\n");
    assertThat(required.errors())
        .extracting(Problem::toString)
        .containsExactly(
            "compose.yml:3:13: networks.n.driver: required variable DRIVER is missing a value: set DRIVER");
  }

  @Test
  void interpolationFollowsCompose() {
    Interpolation i = new Interpolation(Map.of("A", "a", "E", ""));
    assertThat(i.apply("$A-${A}-${E:-d}-${E-d}-${U-u}-${U:-$A}-$$A-${U}"))
        .isEqualTo("a-a-d--u-a-$A-");
    assertThat(Interpolation.dotEnv("# c\nexport A=1\nB=\"two words\"\nC=3 # note\n\nbad\n"))
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "3"));
  }
}
