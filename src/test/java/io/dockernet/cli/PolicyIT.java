package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockernet.policy.Family;
import io.dockernet.policy.Netfilter;
import io.dockernet.policy.PolicyEnforcer;
import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DockerNetworkPolicy enforced by the CLI on the real engine and this host's netfilter, with
 * bounded traffic (busybox {@code nc -w 1}, {@code ping -c 1 -W 1}) only between containers this
 * test starts on networks it creates. Every test leaves the filter tables as it found them
 * (Docker's per-bridge rules aside: other suites create networks meanwhile). Subnets:
 * 10.204.1-9.0/24, fd00:204:6::/64, and 10.204.250.0/24 for a network namespace playing "outside".
 */
class PolicyIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final int PORT = 8080;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private String before4;
  private String before6;
  private Process watch;
  private Path lastDir;
  private final List<String> cleanup = new ArrayList<>();

  @BeforeAll
  static void sweep() {
    // Rules a killed earlier run of this class left behind (owners are dnt-<run> projects).
    String owner = new Netfilter().read(Family.IPV4).owner();
    if (owner != null && owner.startsWith("dnt-")) {
      TestEngine.sweepLeftovers();
      new PolicyEnforcer(new Netfilter(), owner).enforce(List.of(), engine.gateway().snapshot());
    }
  }

  @BeforeEach
  void recordTables() {
    before4 = table(Family.IPV4);
    before6 = table(Family.IPV6);
  }

  @AfterEach
  void tablesAsFound() throws InterruptedException {
    if (watch != null && watch.isAlive()) {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    removeContainers();
    if (lastDir != null) {
      Dockernet.run("delete", "-f", lastDir.toString(), "--project", engine.prefix());
    }
    cleanup.forEach(c -> Cli.result("sh", "-c", c));
    assertTablesAsFound(before4, before6);
  }

  // ---- the tests ----

  @Test
  void withoutPoliciesDockerBehaviourIsUnchangedAndNothingIsInstalled() {
    Path dir = manifests("plain", networks(1, 2, false), "");
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    String a1 = run("a1", "a", 1);
    run("a2", "a", 1);
    String b1 = run("b1", "b", 2);
    assertThat(engine.pingWithin(engine.name("a2"), a1, Duration.ofSeconds(5))).isTrue();
    assertThat(connects("a2", a1)).isTrue();
    assertThat(engine.ping(engine.name("a1"), b1)).as("Docker isolates networks").isFalse();
    assertThat(Cli.run("iptables-save", "-t", "filter")).doesNotContain("DOCKERNET");
    deleteAll(dir);
  }

  @Test
  void ingressAllowListWithinANetworkAlsoOnNetworksCreatedLaterAndReapplyWritesNothing()
      throws IOException {
    Path dir =
        manifests(
            "ingress",
            networks(3, 4, false),
            policy(
                "web-from-client",
                "a",
                "app: web",
                """
          ingress:
            - from: [{containerSelector: {matchLabels: {app: client}}}]
              ports: [{protocol: tcp, port: %d}]
        """
                    .formatted(PORT)));
    // The policy's network is created by the same apply, after which Docker may insert its rules.
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    String web = run("web", "a", 3, "app=web");
    String client = run("client", "a", 3, "app=client");
    String other = run("other", "a", 3, "app=other");
    // plan -o json carries the rule changes the table shows.
    JsonNode pending =
        JSON.readTree(
            ok(Dockernet.run(
                    "plan", "-f", dir.toString(), "--project", engine.prefix(), "-o", "json"))
                .out());
    assertThat(pending.path("policies").get(0).path("policy").asText())
        .isEqualTo("default/web-from-client");
    assertThat(pending.path("policies").get(0).path("containers").asInt()).isEqualTo(1);
    assertThat(pending.path("netfilterChanges").toString())
        .contains("iptables: + DOCKERNET-IN-")
        .contains("iptables: + FORWARD -j DOCKERNET-POLICY");
    Dockernet.Run applied =
        ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    assertThat(applied.out())
        .contains("DockerNetworkPolicy default/web-from-client  enforced  containers 1");

    assertThat(connects("client", web)).as("allowed peer on the allowed port").isTrue();
    assertThat(connects("other", web)).as("other container on the same network").isFalse();
    assertThat(engine.ping(engine.name("client"), web)).as("icmp is not allowed").isFalse();
    assertThat(engine.ping(engine.name("web"), client))
        .as("web is not restricted outwards; the reply passes")
        .isTrue();
    assertThat(engine.ping(engine.name("other"), client))
        .as("unselected containers unchanged")
        .isTrue();

    // A network created after the policy: Docker inserts its rules at the top of FORWARD.
    engine.createUnmanagedNetwork(engine.name("later"), "--subnet", "10.204.9.0/24");
    assertThat(connects("other", web)).as("still dropped after Docker inserted rules").isFalse();
    assertThat(connects("client", web)).isTrue();

    // Docker put the new network's rules above our guard; apply puts our chain first again, moving
    // only our jump.
    assertThat(ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix())).out())
        .doesNotContain("DOCKERNET-IN");
    String rules = ours();
    Dockernet.Run again =
        ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    assertThat(again.out()).contains("netfilter: no change");
    assertThat(ours()).isEqualTo(rules);
    Dockernet.Run plan =
        ok(
            Dockernet.run(
                "plan", "-f", dir.toString(), "--project", engine.prefix(), "--detailed-exitcode"));
    assertThat(plan.out()).contains("netfilter: no change");
    assertThat(
            JSON.readTree(
                    ok(Dockernet.run(
                            "plan",
                            "-f",
                            dir.toString(),
                            "--project",
                            engine.prefix(),
                            "-o",
                            "json"))
                        .out())
                .path("netfilterChanges")
                .toString())
        .isEqualTo("[]");

    engine.docker("network", "rm", engine.name("later"));
    deleteAll(dir);
    assertThat(ours()).as("policy deleted: no rule of ours left").isEmpty();
  }

  @Test
  void crossNetworkAllowOpensOnePortOnly() {
    Path dir =
        manifests(
            "cross",
            networks(5, 6, false),
            policy(
                "web-from-b",
                "a",
                "app: web",
                """
          ingress:
            - from: [{network: %s}]
              ports: [{port: %d}]
        """
                    .formatted(engine.name("b"), PORT)));
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    String web = run("web", "a", 5, "app=web");
    String plainA = run("plain", "a", 5, "app=plain");
    run("bee", "b", 6, "app=bee");
    listen("plain");
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));

    assertThat(connects("bee", web))
        .as("B -> A:port allowed, reply passes Docker's isolation")
        .isTrue();
    assertThat(engine.ping(engine.name("bee"), web))
        .as("other B -> A traffic stays blocked")
        .isFalse();
    assertThat(connects("bee", plainA))
        .as("unselected containers of A stay isolated from B")
        .isFalse();
    deleteAll(dir);
    assertThat(ours()).isEmpty();
  }

  @Test
  void egressLimitedToACidr() {
    String ns = engine.name("ns").substring(0, Math.min(15, engine.name("ns").length()));
    TestEngine.VethPair veth = engine.vethPair();
    Cli.run("ip", "netns", "add", ns);
    cleanup.add("ip netns del " + ns);
    Cli.run("ip", "link", "set", veth.b(), "netns", ns);
    Cli.run("ip", "addr", "add", "10.204.250.1/24", "dev", veth.a());
    Cli.run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.204.250.2/24", "dev", veth.b());
    Cli.run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.204.250.130/24", "dev", veth.b());
    Cli.run("ip", "netns", "exec", ns, "ip", "link", "set", veth.b(), "up");
    Cli.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");

    Path dir =
        manifests(
            "egress",
            networks(7, 8, false),
            policy(
                "client-out",
                "a",
                "app: client",
                """
          egress:
            - to: [{cidr: 10.204.250.0/25}]
        """));
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    String client = run("client", "a", 7, "app=client");
    String web = run("web", "a", 7, "app=web");
    assertThat(engine.pingWithin(engine.name("client"), "10.204.250.130", Duration.ofSeconds(5)))
        .as("reachable before the policy")
        .isTrue();
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));

    assertThat(engine.ping(engine.name("client"), "10.204.250.2"))
        .as("inside the allowed CIDR")
        .isTrue();
    assertThat(engine.ping(engine.name("client"), "10.204.250.130"))
        .as("outside the allowed CIDR")
        .isFalse();
    assertThat(connects("client", web))
        .as("egress to its own network is not allowed either")
        .isFalse();
    assertThat(engine.ping(engine.name("web"), client))
        .as("Kubernetes: an egress policy isolates ingress too")
        .isFalse();
    assertThat(
            Cli.result(
                    "docker",
                    "exec",
                    engine.name("client"),
                    "nslookup",
                    engine.name("web"),
                    "127.0.0.11")
                .ok())
        .as("Docker's embedded DNS still answers")
        .isTrue();
    deleteAll(dir);
  }

  @Test
  void ipv6IngressAllowList() {
    Path dir =
        manifests(
            "v6",
            networks(11, 12, true)
                .replace("10.204.11.0/24", "10.204.11.0/24\n      - subnet: fd00:204:6::/64"),
            policy(
                "web6",
                "a",
                "app: web",
                """
          ingress:
            - from: [{containerSelector: {matchLabels: {app: client}}}]
              ports: [{port: %d}]
        """
                    .formatted(PORT)));
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    run("web", "a", 11, "app=web");
    run("client", "a", 11, "app=client");
    run("other", "a", 11, "app=other");
    String web6 =
        engine
            .inspectContainer(engine.name("web"))
            .path("NetworkSettings")
            .path("Networks")
            .path(engine.name("a"))
            .path("GlobalIPv6Address")
            .asText();
    assertThat(web6).startsWith("fd00:204:6:");
    assertThat(engine.pingWithin(engine.name("other"), web6, Duration.ofSeconds(10)))
        .as("IPv6 up (DAD done)")
        .isTrue();
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));

    assertThat(Cli.run("ip6tables-save", "-t", "filter")).contains("-j DOCKERNET-POLICY");
    assertThat(connects("client", web6)).as("allowed over IPv6").isTrue();
    assertThat(connects("other", web6)).as("dropped over IPv6").isFalse();
    assertThat(engine.ping(engine.name("other"), web6)).isFalse();
    deleteAll(dir);
    assertThat(Cli.run("ip6tables-save", "-t", "filter")).doesNotContain("DOCKERNET");
  }

  @Test
  void usersOwnDockerUserRuleStaysInOrder() {
    String mine =
        "-s 10.204.99.99/32 -m comment --comment \"" + engine.prefix() + " user rule\" -j DROP";
    Cli.run("sh", "-c", "iptables -I DOCKER-USER 1 " + mine);
    cleanup.add("iptables -D DOCKER-USER " + mine);
    Path dir =
        manifests("user", networks(13, 14, false), policy("p", "a", "app: web", "  ingress: []\n"));
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    run("web", "a", 13, "app=web");
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    List<String> user = chain("DOCKER-USER");
    assertThat(user).containsSubsequence("-j DOCKERNET-POLICY", mine, "-j RETURN");
    deleteAll(dir);
    assertThat(chain("DOCKER-USER"))
        .containsSubsequence(mine, "-j RETURN")
        .doesNotContain("-j DOCKERNET-POLICY");
  }

  @Test
  void watchHealsFlushedRulesRemovedJumpsAndCoversContainersThatComeAndGo() throws IOException {
    Path dir =
        manifests(
            "watch",
            networks(15, 16, false),
            policy(
                "web",
                "a",
                "app: web",
                """
          ingress:
            - from: [{containerSelector: {matchLabels: {app: client}}}]
              ports: [{port: %d}]
        """
                    .formatted(PORT)));
    ok(Dockernet.run("apply", "-f", dir.toString(), "--project", engine.prefix()));
    String web = run("web", "a", 15, "app=web");
    run("client", "a", 15, "app=client");
    run("other", "a", 15, "app=other");
    startWatch(dir);
    await().atMost(Duration.ofSeconds(30)).until(() -> !connects("other", web));
    String installed = ours();

    // Rules flushed by hand.
    for (String c : chains()) {
      Cli.run("iptables", "-F", c);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> ours().equals(installed));
    // Jumps removed by hand; a rule above our guard (as dockerd inserts them on a restart).
    Cli.run("iptables", "-D", "DOCKER-USER", "-j", "DOCKERNET-POLICY");
    Cli.run("iptables", "-D", "FORWARD", "-j", "DOCKERNET-POLICY");
    await().atMost(Duration.ofSeconds(20)).until(() -> ours().equals(installed));
    assertThat(connects("other", web)).isFalse();

    // A container started later that the selector matches is covered; when it leaves, so do its
    // rules.
    String web2 = run("web2", "a", 15, "app=web");
    await().atMost(Duration.ofSeconds(20)).until(() -> ours().contains(web2 + "/32"));
    assertThat(connects("other", web2)).isFalse();
    assertThat(connects("client", web2)).isTrue();
    engine.docker("rm", "-f", engine.name("web2"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !ours().contains(web2 + "/32"));

    watch.destroy();
    deleteAll(dir);
    assertThat(ours()).isEmpty();
  }

  @Test
  void policiesForARemoteEngineAreRefusedBeforeAnyChange() {
    Path dir =
        manifests(
            "remote", networks(17, 18, false), policy("p", "a", "app: web", "  ingress: []\n"));
    Dockernet.Run r =
        Dockernet.run(
            "apply",
            "-f",
            dir.toString(),
            "--project",
            engine.prefix(),
            "-H",
            "tcp://127.0.0.1:1",
            "--allow-insecure-tcp");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("only the CLI running on that host").contains("PolicyUnsupported");
    assertThat(engine.networkExists(engine.name("a"))).isFalse();
  }

  // ---- helpers ----

  /** Two bridge networks a and b with the test's labels, 10.204.N.0/24 each. */
  private String networks(int a, int b, boolean ipv6) {
    return network("a", a, ipv6) + "---\n" + network("b", b, false);
  }

  private String network(String name, int third, boolean ipv6) {
    engine.removeNetworkAfter(engine.name(name));
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: %s}
        spec:
          enableIPv6: %s
          ipam:
            config:
              - subnet: 10.204.%d.0/24
        """
        .formatted(engine.name(name), ipv6, third);
  }

  private String policy(String name, String network, String selector, String rules) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: %s}
        spec:
          network: %s
          containerSelector: {matchLabels: {%s}}
        """
            .formatted(name, engine.name(network), selector)
        + rules;
  }

  private Path manifests(String dirName, String networks, String policies) {
    lastDir =
        write(
            tmp.resolve(dirName),
            "m.yaml",
            networks + (policies.isEmpty() ? "" : "---\n" + policies));
    return lastDir;
  }

  /**
   * Starts a container on one network of this test with labels, listening on PORT; returns its IPv4
   * address.
   */
  private String run(String name, String network, int third, String... labels) {
    Map<String, String> l =
        Arrays.stream(labels)
            .map(s -> s.split("=", 2))
            .collect(Collectors.toMap(s -> s[0], s -> s[1]));
    engine.runContainer(engine.name(name), l, engine.name(network));
    listen(name);
    String ip = ip(name, network);
    assertThat(ip).startsWith("10.204." + third + ".");
    return ip;
  }

  private String ip(String name, String network) {
    return engine
        .inspectContainer(engine.name(name))
        .path("NetworkSettings")
        .path("Networks")
        .path(engine.name(network))
        .path("IPAddress")
        .asText();
  }

  private void listen(String name) {
    engine.docker(
        "exec",
        "-d",
        engine.name(name),
        "nc",
        "-ll",
        "-p",
        String.valueOf(PORT),
        "-e",
        "echo",
        "ok");
  }

  /** A TCP connection from a container to PORT at an address, one second at most. */
  private boolean connects(String from, String address) {
    Cli.Result r =
        Cli.result(
            30,
            "docker",
            "exec",
            engine.name(from),
            "sh",
            "-c",
            "timeout 3 nc -w 1 " + address + " " + PORT + " </dev/null");
    return r.ok() && r.stdout().contains("ok");
  }

  private Dockernet.Run ok(Dockernet.Run r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private void deleteAll(Path dir) {
    removeContainers();
    ok(Dockernet.run("delete", "-f", dir.toString(), "--project", engine.prefix()));
  }

  private void removeContainers() {
    List<String> names = new ArrayList<>(List.of("docker", "rm", "-f"));
    List.of("web", "web2", "client", "other", "a1", "a2", "b1", "bee", "plain")
        .forEach(n -> names.add(engine.name(n)));
    Cli.result(names.toArray(String[]::new));
  }

  private void startWatch(Path dir) throws IOException {
    String jar = System.getProperty("dockernet.jar", "target/dockernet.jar");
    watch =
        new ProcessBuilder(
                "java",
                "-jar",
                jar,
                "watch",
                "-f",
                dir.toString(),
                "--project",
                engine.prefix(),
                "--resync",
                "5s")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("watch.log").toFile())
            .start();
  }

  /** Our chains and jumps in the IPv4 filter table, as text. */
  private static String ours() {
    return Cli.run("iptables-save", "-t", "filter")
        .lines()
        .filter(l -> l.contains("DOCKERNET"))
        .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", ""))
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  private static List<String> chains() {
    return Cli.run("iptables-save", "-t", "filter")
        .lines()
        .filter(l -> l.startsWith(":DOCKERNET"))
        .map(l -> l.substring(1).split(" ")[0])
        .toList();
  }

  private static List<String> chain(String name) {
    return Cli.run("iptables-save", "-t", "filter")
        .lines()
        .filter(l -> l.startsWith("-A " + name + " "))
        .map(l -> l.substring(("-A " + name + " ").length()))
        .toList();
  }

  /**
   * Both filter tables as {@link #table} read them before (20 s for the shared dockerd to settle).
   */
  static void assertTablesAsFound(String before4, String before6) {
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> table(Family.IPV4).equals(before4));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the assertion below says what differs
    }
    assertThat(table(Family.IPV4)).as("iptables filter table as found").isEqualTo(before4);
    assertThat(table(Family.IPV6)).as("ip6tables filter table as found").isEqualTo(before6);
  }

  /**
   * The filter table minus counters and Docker's per-bridge and swarm rules (other suites create
   * networks meanwhile). Docker's own jumps from FORWARD to its chains are compared as a set,
   * listed last: the shared dockerd moves them back to the top (delete, then insert) on every
   * network create, so their order changes, and a reading between the two misses one, whatever this
   * test does.
   */
  static String table(Family f) {
    List<String> lines =
        Cli.run(f.tool() + "-save", "-t", "filter")
            .lines()
            .filter(
                l ->
                    !l.startsWith("#")
                        && !l.contains("br-")
                        && !l.contains("docker_gwbridge")
                        && !l.contains("DOCKER-INGRESS"))
            .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", ""))
            .toList();
    List<String> dockerJumps =
        lines.stream()
            .filter(l -> l.matches("-A FORWARD -j DOCKER-(USER|ISOLATION-STAGE-1)"))
            .distinct()
            .sorted()
            .toList();
    List<String> rest = new ArrayList<>(lines);
    rest.removeIf(l -> l.matches("-A FORWARD -j DOCKER-(USER|ISOLATION-STAGE-1)"));
    rest.addAll(dockerJumps);
    return String.join("\n", rest);
  }
}
