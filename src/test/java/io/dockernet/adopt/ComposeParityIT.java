package io.dockernet.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose parity with Debian's docker-compose 1.29.2 (installed by scripts/test.sh): for each file,
 * the networks docker-compose creates and the ones dockernet creates from {@code import compose}
 * inspect the same (driver, options, IPAM, internal, attachable, IPv6); then {@code docker-compose
 * up} with the written override puts every container on dockernet's networks with its declared
 * addresses and aliases, and {@code plan} is a no-op. Subnets: 10.203.60.0/24 – 10.203.69.0/24,
 * fd00:203:60::/64. Also: export of a project docker-compose runs (10.203.67.0/24).
 */
class ComposeParityIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static final String IMAGE =
      "    image: " + TestEngine.IMAGE + "\n    command: sleep 3600\n";

  @Test
  void ipv6WithStaticAddresses() throws Exception {
    parity(
        "v6",
        Map.of(),
        """
        services:
          web:
        %s    networks:
              front:
                aliases: [www]
                ipv4_address: 10.203.60.10
                ipv6_address: "fd00:203:60::10"
        networks:
          front:
            enable_ipv6: true
            ipam:
              config:
                - subnet: 10.203.60.0/24
                  gateway: 10.203.60.1
                - subnet: "fd00:203:60::/64"
        """
            .formatted(IMAGE),
        Map.of("web", Map.of("front", new Endpoint("10.203.60.10", "fd00:203:60::10", "www"))));
  }

  @Test
  void internalWithOptionsLabelsAndTheDefaultNetwork() throws Exception {
    parity(
        "internal",
        Map.of(),
        """
        services:
          api:
        %s    networks:
              back:
                aliases: [api-v1]
          worker:
        %snetworks:
          default:
            ipam: {config: [{subnet: 10.203.61.0/24}]}
          back:
            internal: true
            driver: bridge
            driver_opts:
              com.docker.network.driver.mtu: 1400
              com.docker.network.bridge.enable_icc: "true"
            labels: [tier=back]
            ipam: {config: [{subnet: 10.203.62.0/24, ip_range: 10.203.62.128/25}]}
        """
            .formatted(IMAGE, IMAGE),
        Map.of(
            "api",
            Map.of("back", new Endpoint(null, null, "api-v1")),
            "worker",
            Map.of("default", new Endpoint(null, null, "worker"))));
  }

  @Test
  void externalNetworksAreUsedNotCreated() throws Exception {
    String outside = engine.name("outside");
    engine.createUnmanagedNetwork(outside, "--subnet", "10.203.63.0/24");
    parity(
        "external",
        Map.of("OUTSIDE", outside),
        """
        services:
          app:
        %s    networks:
              edge: {aliases: [app-edge]}
              mine: {ipv4_address: 10.203.64.5}
        networks:
          edge:
            external: true
            name: ${OUTSIDE}
          mine:
            ipam: {config: [{subnet: 10.203.64.0/24}]}
        """
            .formatted(IMAGE),
        Map.of(
            "app",
            Map.of(
                "edge",
                new Endpoint(null, null, "app-edge"),
                "mine",
                new Endpoint("10.203.64.5", null, "app"))));
  }

  @Test
  void variablesFromTheEnvironmentAndDotEnv() throws Exception {
    Files.createDirectories(tmp.resolve("vars"));
    Files.writeString(
        tmp.resolve("vars/.env"),
        "SUBNET=10.203.65.0/24\nMTU=1300\n# comment\nALIAS=from-dotenv\n");
    parity(
        "vars",
        Map.of("MTU", "1450"),
        """
        services:
          svc:
        %s    networks:
              net:
                aliases: ["${ALIAS}", "${MISSING:-fallback}"]
                ipv4_address: ${ADDRESS:-10.203.65.20}
        networks:
          net:
            driver_opts: {com.docker.network.driver.mtu: "${MTU}"}
            ipam:
              config:
                - subnet: ${SUBNET}
                  gateway: ${GATEWAY:-10.203.65.1}
        """
            .formatted(IMAGE),
        Map.of(
            "svc", Map.of("net", new Endpoint("10.203.65.20", null, "from-dotenv", "fallback"))));
  }

  @Test
  void aNameOverrideWithRangesAndAuxAddresses() throws Exception {
    String custom = engine.name("custom");
    parity(
        "named",
        Map.of("CUSTOM", custom),
        """
        services:
          one:
        %s    networks:
              shared: {ipv4_address: 10.203.66.200, aliases: [first]}
          two:
        %s    networks: [shared]
        networks:
          shared:
            name: ${CUSTOM}
            attachable: true
            ipam:
              driver: default
              config:
                - subnet: 10.203.66.0/24
                  ip_range: 10.203.66.0/25
                  gateway: 10.203.66.254
                  aux_addresses: {printer: 10.203.66.100}
        """
            .formatted(IMAGE, IMAGE),
        Map.of(
            "one",
            Map.of("shared", new Endpoint("10.203.66.200", null, "first", "one")),
            "two",
            Map.of("shared", new Endpoint(null, null, "two"))));
  }

  /**
   * A project docker-compose made and runs: export adopts it, and containers Compose recreates are
   * selected again.
   */
  @Test
  void exportOfARunningComposeProjectAdoptsIt() throws Exception {
    Path dir = tmp.resolve("running");
    Files.createDirectories(dir);
    Path file = dir.resolve("docker-compose.yml");
    Files.writeString(
        file,
        """
        services:
          api:
        %s    networks:
              app: {aliases: [backend], ipv4_address: 10.203.67.10}
          cache:
        %s    networks: [app]
        networks:
          app:
            internal: true
            ipam: {config: [{subnet: 10.203.67.0/24}]}
        """
            .formatted(IMAGE, IMAGE));
    String project = engine.prefix().replace("-", "") + "running";
    String network = project + "_app";
    engine.removeNetworkAfter(network);
    Path manifests = tmp.resolve("running-manifests");
    try {
      compose(dir, Map.of(), project, List.of(file), "up", "-d");
      String id = engine.inspectNetwork(network).get("Id").asText();
      Run export = Dockernet.run("export", network, "-o", manifests.toString());
      assertThat(export.exit()).as(export.toString()).isZero();
      String api =
          Files.readString(
              manifests.resolve(
                  "attachment-" + ResourceNames.of(network, project, "api") + ".yaml"));
      assertThat(api)
          .contains("com.docker.compose.service: api", "ipv4Address: 10.203.67.10", "- backend");
      assertThat(Dockernet.run("validate", "-f", manifests.toString()).exit()).isZero();
      Run plan =
          Dockernet.run(
              "plan", "-f", manifests.toString(), "--project", project, "--detailed-exitcode");
      assertThat(plan.exit()).as(plan.toString()).isZero();

      // Compose recreates its containers: they are selected again, and still nothing is to do.
      compose(dir, Map.of(), project, List.of(file), "up", "-d", "--force-recreate");
      Run again =
          Dockernet.run(
              "plan", "-f", manifests.toString(), "--project", project, "--detailed-exitcode");
      assertThat(again.exit()).as(again.toString()).isZero();
      assertThat(again.out()).as(again.toString()).doesNotContain("Blocked", "Conflict");
      assertThat(engine.inspectNetwork(network).get("Id").asText()).isEqualTo(id);
    } finally {
      compose(dir, Map.of(), project, List.of(file), "down");
    }
  }

  record Endpoint(String ipv4, String ipv6, String... aliases) {}

  /**
   * docker-compose up (reference), inspect its networks, down; dockernet import + apply, inspect
   * the same names; docker-compose up with the override: endpoints as declared; plan is a no-op.
   */
  private void parity(
      String name,
      Map<String, String> env,
      String composeFile,
      Map<String, Map<String, Endpoint>> want)
      throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Path file = dir.resolve("docker-compose.yml");
    Files.writeString(file, composeFile);
    String project = engine.prefix().replace("-", "") + name;
    Path manifests = tmp.resolve(name + "-manifests");
    Path override = dir.resolve("dockernet-override.yml");

    Run imported =
        Dockernet.subprocess(
            env,
            60,
            "import",
            "compose",
            "-f",
            file.toString(),
            "-p",
            project,
            "-o",
            manifests.toString(),
            "--compose-override",
            override.toString());
    assertThat(imported.exit()).as(imported.toString()).isZero();
    List<String> created = new ArrayList<>();
    try (var files = Files.list(manifests)) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().startsWith("network-")).sorted().toList()) {
        Map<String, Map<String, Object>> doc =
            new org.yaml.snakeyaml.Yaml().load(Files.readString(p));
        created.add((String) doc.get("spec").get("name"));
      }
    }
    assertThat(created).as(imported.toString()).isNotEmpty();
    created.forEach(engine::removeNetworkAfter);

    Map<String, JsonNode> reference = new LinkedHashMap<>();
    try {
      compose(dir, env, project, List.of(file), "up", "-d");
      for (String n : created) {
        reference.put(n, comparable(engine.inspectNetwork(n)));
      }
    } finally {
      compose(dir, env, project, List.of(file), "down");
    }

    Run apply = Dockernet.run("apply", "-f", manifests.toString(), "--project", project);
    try {
      assertThat(apply.exit()).as(apply.toString()).isZero();
      for (String n : created) {
        JsonNode ours = engine.inspectNetwork(n);
        // With static addresses declared, dockernet gives the network the dynamic range it
        // computed (and pins the gateway Docker would pick anyway) so that no container started
        // later takes a declared address; docker-compose does not. Everything else must match.
        boolean ranged = ours.at("/Labels").has("io.dockernet.dynamic-range");
        assertThat(withoutDynamicRange(comparable(ours), ranged))
            .as("network " + n + " as docker-compose makes it")
            .isEqualTo(withoutDynamicRange(reference.get(n), ranged));
      }
      try {
        compose(dir, env, project, List.of(file, override), "up", "-d");
        for (var service : want.entrySet()) {
          String container = project + "_" + service.getKey() + "_1";
          JsonNode networks = engine.inspectContainer(container).at("/NetworkSettings/Networks");
          for (var e : service.getValue().entrySet()) {
            String network = networkName(e.getKey(), created, env, project);
            JsonNode ep = networks.get(network);
            assertThat(ep).as(container + " on " + network + " in " + networks).isNotNull();
            if (e.getValue().ipv4() != null) {
              assertThat(ep.get("IPAddress").asText()).isEqualTo(e.getValue().ipv4());
            }
            if (e.getValue().ipv6() != null) {
              assertThat(ep.get("GlobalIPv6Address").asText()).isEqualTo(e.getValue().ipv6());
            }
            List<String> aliases = new ArrayList<>();
            ep.get("Aliases").forEach(a -> aliases.add(a.asText()));
            assertThat(aliases).contains(e.getValue().aliases());
          }
        }
        for (String n : created) {
          assertThat(engine.inspectNetwork(n).at("/Labels/io.dockernet.managed-by").asText())
              .as("docker-compose used dockernet's network " + n)
              .isEqualTo("dockernet");
        }
        Run plan =
            Dockernet.run(
                "plan", "-f", manifests.toString(), "--project", project, "--detailed-exitcode");
        assertThat(plan.exit()).as(plan.toString()).isZero();
      } finally {
        compose(dir, env, project, List.of(file, override), "down");
      }
      for (String n : created) {
        assertThat(engine.networkExists(n))
            .as("docker-compose down left dockernet's network " + n)
            .isTrue();
      }
    } finally {
      Dockernet.run("delete", "-f", manifests.toString(), "--project", project);
    }
  }

  private static String networkName(
      String key, List<String> created, Map<String, String> env, String project) {
    String composeName = project + "_" + key;
    if (created.contains(composeName)) {
      return composeName;
    }
    // external or name: networks: the only name the test gave through the environment
    return env.values().stream().filter(v -> v.startsWith("dnt-")).findFirst().orElse(composeName);
  }

  /**
   * What parity is about: driver, options, IPAM, internal, attachable, IPv6 (not labels, ids or
   * containers).
   */
  private static JsonNode comparable(JsonNode n) {
    ObjectNode o = JSON.createObjectNode();
    for (String field :
        List.of(
            "Driver",
            "Options",
            "IPAM",
            "Internal",
            "Attachable",
            "EnableIPv6",
            "Scope",
            "Ingress")) {
      o.set(field, n.get(field));
    }
    return o;
  }

  private static JsonNode withoutDynamicRange(JsonNode comparable, boolean ranged) {
    JsonNode copy = comparable.deepCopy();
    if (ranged) {
      copy.at("/IPAM/Config").forEach(c -> ((ObjectNode) c).remove(List.of("IPRange", "Gateway")));
    }
    return copy;
  }

  private static void compose(
      Path dir, Map<String, String> env, String project, List<Path> files, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "--no-ansi", "-p", project));
    files.forEach(f -> cmd.addAll(List.of("-f", f.toString())));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "docker-compose is missing: scripts/test.sh installs Debian's docker-compose", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish\n" + out);
    }
    assertThat(p.exitValue()).as(cmd + "\n" + out).isZero();
  }
}
