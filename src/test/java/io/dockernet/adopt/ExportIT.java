package io.dockernet.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dockernet export} on networks made by hand with every option engine 20.10 takes: the
 * manifests validate, plan as no-ops, apply with zero writes (same ids, no container restarted),
 * export identically twice, and from then on {@code watch} heals drift on them. Subnets:
 * 10.203.1.0/24 – 10.203.5.0/24, fd00:203:1::/64.
 */
class ExportIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  @Test
  void exportedManifestsAdoptWithoutChangesAndWatchHealsThem() throws Exception {
    TestEngine.VethPair veth = engine.vethPair();
    String opts = engine.name("opts");
    String internal = engine.name("internal");
    String config = engine.name("config");
    String fromConfig = engine.name("fromcfg");
    String macvlan = engine.name("macvlan");
    String managed = engine.name("managed");
    String bridgeName = "dnt" + engine.prefix().substring(4);
    engine.createUnmanagedNetwork(
        opts,
        "--label",
        "team=a",
        "--attachable",
        "--ipv6",
        "--subnet",
        "10.203.1.0/24",
        "--gateway",
        "10.203.1.1",
        "--ip-range",
        "10.203.1.128/25",
        "--aux-address",
        "router=10.203.1.2",
        "--subnet",
        "fd00:203:1::/64",
        "-o",
        "com.docker.network.bridge.enable_icc=true",
        "-o",
        "com.docker.network.driver.mtu=1400",
        "-o",
        "com.docker.network.bridge.name=" + bridgeName);
    engine.createUnmanagedNetwork(internal, "--internal", "--subnet", "10.203.2.0/24");
    engine.createUnmanagedNetwork(
        config,
        "--config-only",
        "--subnet",
        "10.203.3.0/24",
        "--gateway",
        "10.203.3.1",
        "-o",
        "parent=" + veth.a());
    // The engine takes no labels on a network made from a configuration-only one.
    engine.docker("network", "create", "-d", "macvlan", "--config-from", config, fromConfig);
    engine.createUnmanagedNetwork(
        macvlan,
        "-d",
        "macvlan",
        "-o",
        "parent=" + veth.b(),
        "--subnet",
        "10.203.4.0/24",
        "--gateway",
        "10.203.4.1");
    for (String n : List.of(opts, internal, config, fromConfig, macvlan, managed)) {
      engine.removeNetworkAfter(n);
    }
    String fixed = engine.name("fixed");
    engine.docker(
        "run",
        "-d",
        "--name",
        fixed,
        "--label",
        TestEngine.TEST_LABEL + "=true",
        "--network",
        opts,
        "--ip",
        "10.203.1.130",
        "--ip6",
        "fd00:203:1::130",
        "--network-alias",
        "web",
        TestEngine.IMAGE,
        "sleep",
        "3600");
    engine.removeContainerAfter(fixed);
    String dynamic = engine.name("dynamic");
    engine.runContainer(dynamic, opts);
    engine.docker("network", "disconnect", opts, dynamic);
    engine.docker("network", "connect", "--alias", "api", "--alias", "api.internal", opts, dynamic);
    String composed = engine.name("composed");
    engine.runContainer(
        composed,
        Map.of(
            Exporter.COMPOSE_PROJECT,
            engine.prefix(),
            Exporter.COMPOSE_SERVICE,
            "worker",
            Exporter.COMPOSE_ONEOFF,
            "False"),
        opts,
        macvlan,
        fromConfig);
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(
        other.resolve("m.yaml"),
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: managed}
        spec: {name: %s, ipam: {config: [{subnet: 10.203.5.0/24}]}}
        """
            .formatted(managed));
    assertThat(
            Dockernet.run("apply", "-f", other.toString(), "--project", engine.prefix() + "-other")
                .exit())
        .isZero();

    Map<String, String> ids = new TreeMap<>();
    for (String n : List.of(opts, internal, config, fromConfig, macvlan)) {
      ids.put(n, engine.inspectNetwork(n).get("Id").asText());
    }
    Map<String, String> started = startedAt(fixed, dynamic, composed);

    Path dir = tmp.resolve("export");
    Run export =
        Dockernet.run(
            "export",
            opts,
            internal,
            config,
            fromConfig,
            macvlan,
            managed,
            "bridge",
            "-o",
            dir.toString());
    assertThat(export.exit()).as(export.toString()).isZero();
    assertThat(export.err())
        .as(export.toString())
        .contains(
            "network " + managed + " is managed by dockernet project " + engine.prefix() + "-other")
        .contains("network bridge is predefined by Docker: not exported");
    Map<String, String> files = read(dir);
    assertThat(files.keySet()).as(files.toString()).hasSize(5 + 5);
    String optsYaml = files.get("network-" + opts + ".yaml");
    assertThat(optsYaml)
        .contains(
            "adoptionPolicy: IfCompatible",
            "attachable: true",
            "enableIPv6: true",
            "com.docker.network.driver.mtu: '1400'",
            "com.docker.network.bridge.name: " + bridgeName,
            "team: a",
            "ipRange: 10.203.1.128/25",
            "router: 10.203.1.2",
            "subnet: fd00:203:1::/64")
        .doesNotContain("io.dockernet", "enable_ipv6", "scope", "ipam:\n    driver");
    assertThat(files.get("network-" + config + ".yaml"))
        .contains("configOnly: true", "parent: " + veth.a());
    assertThat(files.get("network-" + fromConfig + ".yaml"))
        .contains("configFrom: " + config, "driver: macvlan")
        .doesNotContain("subnet");
    assertThat(files.get("network-" + internal + ".yaml"))
        .contains("internal: true", "subnet: 10.203.2.0/24");
    assertThat(files.get("attachment-" + opts + "-" + fixed + ".yaml"))
        .contains(
            "container: " + fixed,
            "ipv4Address: 10.203.1.130",
            "ipv6Address: fd00:203:1::130",
            "- web");
    assertThat(files.get("attachment-" + opts + "-" + dynamic + ".yaml"))
        .contains("- api", "- api.internal")
        .doesNotContain("ipv4Address", "ipv6Address");
    String service = files.get("attachment-" + opts + "-" + engine.prefix() + "-worker.yaml");
    assertThat(service)
        .as(files.keySet().toString())
        .contains(
            "containerSelector",
            Exporter.COMPOSE_PROJECT + ": " + engine.prefix(),
            Exporter.COMPOSE_SERVICE + ": worker",
            Exporter.COMPOSE_ONEOFF + ": 'False'")
        .doesNotContain("container: ");

    Run validate = Dockernet.run("validate", "-f", dir.toString());
    assertThat(validate.exit()).as(validate.toString()).isZero();
    String project = engine.prefix();
    Run plan =
        Dockernet.run("plan", "-f", dir.toString(), "--project", project, "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.toString()).isZero();

    Run apply =
        Dockernet.subprocess(
            Map.of(), 120, "apply", "-f", dir.toString(), "--project", project, "--stats");
    assertThat(apply.exit()).as(apply.toString()).isZero();
    String stats =
        apply.err().lines().filter(l -> l.startsWith("dockernet-stats:")).findFirst().orElseThrow();
    assertThat(stats)
        .as("engine calls of apply")
        .doesNotContain(
            "networks.create", "networks.remove", "networks.connect", "networks.disconnect");
    for (var e : ids.entrySet()) {
      assertThat(engine.inspectNetwork(e.getKey()).get("Id").asText())
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(startedAt(fixed, dynamic, composed)).as("no container restarted").isEqualTo(started);

    Path again = tmp.resolve("again");
    assertThat(
            Dockernet.run(
                    "export",
                    opts,
                    internal,
                    config,
                    fromConfig,
                    macvlan,
                    managed,
                    "bridge",
                    "-o",
                    again.toString())
                .exit())
        .isZero();
    assertThat(read(again)).as("exporting twice gives identical files").isEqualTo(files);
    Run stream = Dockernet.run("export", opts, internal, config, fromConfig, macvlan);
    assertThat(stream.out())
        .as("stdout is one stream of the same documents")
        .isEqualTo(
            String.join(
                "---\n",
                files.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(ExportIT::networksFirst))
                    .map(Map.Entry::getValue)
                    .toList()));

    // From now on dockernet heals drift on the adopted networks.
    Dockernet.Child watch =
        Dockernet.start(Map.of(), List.of("watch", "-f", dir.toString(), "--project", project));
    try {
      await("watch started\n" + watch.output())
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  watch.err().contains("watching")
                      || watch.out().contains("watching")
                      || watch.out().contains("noop"));
      engine.docker("network", "disconnect", opts, dynamic);
      await("disconnect healed\n" + watch.output())
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> engine.inspectContainer(dynamic).at("/NetworkSettings/Networks").has(opts));
      assertThat(
              engine
                  .inspectContainer(dynamic)
                  .at("/NetworkSettings/Networks/" + opts + "/Aliases")
                  .toString())
          .contains("\"api\"", "\"api.internal\"");
      engine.docker("network", "rm", internal);
      await("removal healed\n" + watch.output())
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> engine.networkExists(internal));
      JsonNode healed = engine.inspectNetwork(internal);
      assertThat(healed.get("Internal").asBoolean()).isTrue();
      assertThat(healed.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.203.2.0/24");
    } finally {
      watch.terminate();
      watch.await(30);
    }
  }

  private static int networksFirst(String a, String b) {
    return a.startsWith("network-") != b.startsWith("network-")
        ? (a.startsWith("network-") ? -1 : 1)
        : a.compareTo(b);
  }

  private Map<String, String> startedAt(String... containers) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String c : containers) {
      result.put(c, engine.inspectContainer(c).at("/State/StartedAt").asText());
    }
    return result;
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }
}
