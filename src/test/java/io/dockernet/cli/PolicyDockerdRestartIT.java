package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.operator.MockCluster;
import io.dockernet.operator.OperatorProcess;
import io.dockernet.policy.Family;
import io.dockernet.testing.Cli;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "dockerd restarted → rules back", with a real dockerd restart. The shared engine is never
 * restarted (other suites use it): a private dockerd ({@link SecondDockerd#startIsolated()}) runs
 * in a network namespace of its own with Docker's iptables management on, so its restart rebuilds
 * its chains exactly as on a host, in that namespace's netfilter only. dockernet runs there too
 * (the jar under {@code nsenter --net}, as on a Docker host), over the daemon's unix socket.
 *
 * <p>What a restart of dockerd 20.10 does (checked here): it flushes and refills its own chains
 * (DOCKER, DOCKER-ISOLATION-*), keeps DOCKER-USER and moves its jump first, re-inserts every
 * network's FORWARD rules, and restarts the containers (restart policy), which come back with
 * addresses handed out in the order they restart: a policy's rules can then name the wrong
 * containers. Subnets 10.234.1-2.0/24 inside that namespace; the host's filter tables are left as
 * found.
 */
class PolicyDockerdRestartIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final int PORT = 8080;
  static final String MARKER = "dnt restart marker";
  static final List<String> APPS = List.of("web", "client", "other");

  static SecondDockerd dockerd;

  @TempDir Path tmp;
  private String before4;
  private String before6;
  private final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void startPrivateDockerd() {
    dockerd = SecondDockerd.startIsolated();
    dockerd.loadImage(TestEngine.IMAGE);
  }

  @AfterAll
  static void stopPrivateDockerd() {
    if (dockerd != null) {
      dockerd.close();
    }
  }

  @BeforeEach
  void recordHostTables() {
    before4 = PolicyIT.table(Family.IPV4);
    before6 = PolicyIT.table(Family.IPV6);
  }

  @AfterEach
  void hostTablesAsFound() throws InterruptedException {
    stopProcesses();
    PolicyIT.assertTablesAsFound(before4, before6);
  }

  @Test
  void watchBringsThePolicyBackAfterDockerdRestartsAndRebuildsItsChains()
      throws IOException, InterruptedException {
    Path dir = manifests("watch", 1);
    ok(dockernet("apply", "-f", dir.toString()));
    startContainers(1);
    String applied = ok(dockernet("apply", "-f", dir.toString())).stdout();
    assertThat(applied).contains("DockerNetworkPolicy default/web  enforced  containers 1");
    assertEnforced(1);
    Map<String, String> addressesBefore = addresses(1);

    startWatch(dir);
    restartDockerd(1, addressesBefore);
    await().atMost(Duration.ofSeconds(60)).until(() -> rulesName(1) && nothingPending(dir));
    assertEnforced(1);
    assertThat(forward().get(0))
        .as("our chain decides before Docker's re-inserted rules")
        .isIn("-j DOCKERNET-POLICY", "-j DOCKER-USER");

    stopProcesses(); // watch would bring the declared network back after delete
    removeContainers(1);
    ok(dockernet("delete", "-f", dir.toString()));
    assertThat(netns("iptables-save", "-t", "filter")).doesNotContain("DOCKERNET");
  }

  @Test
  void operatorBringsThePolicyBackAfterDockerdRestartsAndRebuildsItsChains() throws Exception {
    List<String> create =
        new ArrayList<>(List.of("network", "create", "--subnet", "10.234.2.0/24"));
    engine.labels().forEach((k, v) -> create.addAll(List.of("--label", k + "=" + v)));
    create.add(network(2));
    dockerd.docker(create.toArray(String[]::new));
    startContainers(2);
    // The operator runs unchanged, in this host's namespace (it reaches the mock API server on
    // 127.0.0.1); only the iptables tools it runs enter the private daemon's namespace.
    Map<String, String> env =
        Map.of("DOCKER_HOST", dockerd.host(), "PATH", shims() + ":" + System.getenv("PATH"));
    try (MockCluster cluster = new MockCluster();
        OperatorProcess operator =
            OperatorProcess.start(
                cluster.writeKubeconfig(tmp),
                tmp.resolve("operator.log"),
                List.of(),
                env,
                "--resync-period",
                "5s")) {
      var policies = cluster.client.resources(DockerNetworkPolicy.class).inNamespace("team-r");
      String yaml = Files.readString(manifests("operator", 2).resolve("m.yaml"));
      DockerNetworkPolicy policy =
          Serialization.unmarshal(
              yaml.substring(yaml.indexOf("---") + 3), DockerNetworkPolicy.class);
      policy.getMetadata().setNamespace("team-r");
      policies.resource(policy).create();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "Enforced".equals(reason(policies.withName("web").get())));
      assertThat(policies.withName("web").get().getStatus().getContainers()).isEqualTo(1);
      assertEnforced(2);

      restartDockerd(2, addresses(2));
      await().atMost(Duration.ofSeconds(60)).until(() -> rulesName(2) && enforced(2));
      assertEnforced(2);

      policies.withName("web").delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !netns("iptables-save", "-t", "filter").contains("DOCKERNET"));
    }
  }

  // ---- helpers ----

  /**
   * Restarts the private dockerd and checks that it rebuilt its chains (a marker rule put in its
   * DOCKER chain is gone) and restarted the containers, web on another address; prints what moved.
   */
  private void restartDockerd(int third, Map<String, String> addressesBefore) {
    netns("iptables", "-A", "DOCKER", "-m", "comment", "--comment", MARKER);
    dockerd.restart();
    assertThat(netns("iptables-save", "-t", "filter"))
        .as("dockerd rebuilt its chains (our marker in its DOCKER chain is gone)")
        .doesNotContain(MARKER);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> addresses(third).keySet().containsAll(List.of("client", "other")));
    dockerd.docker("start", name("web", third));
    await().atMost(Duration.ofSeconds(60)).until(() -> addresses(third).size() == 3);
    assertThat(addresses(third).get("web"))
        .as("web came back on another address")
        .isNotEqualTo(addressesBefore.get("web"));
    System.out.printf(
        "[PolicyDockerdRestartIT] addresses before the restart %s, after %s; FORWARD now %s%n",
        addressesBefore, addresses(third), forward());
  }

  /** iptables-save/-restore (both families) that run in the private daemon's namespace. */
  private Path shims() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool :
        List.of("iptables-save", "iptables-restore", "ip6tables-save", "ip6tables-restore")) {
      String real = Cli.run("sh", "-c", "command -v " + tool);
      Path shim = bin.resolve(tool);
      Files.writeString(
          shim,
          "#!/bin/sh\nexec " + String.join(" ", dockerd.inNetns(List.of(real))) + " \"$@\"\n");
      shim.toFile().setExecutable(true);
    }
    return bin;
  }

  private static String reason(DockerNetworkPolicy p) {
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return null;
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
  }

  /** A bridge network "rN" (10.234.N.0/24) and a policy: web accepts only client on PORT. */
  private Path manifests(String name, int third) {
    String yaml =
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: %1$s}
        spec:
          ipam:
            config:
              - subnet: 10.234.%2$d.0/24
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: web}
        spec:
          network: %1$s
          containerSelector: {matchLabels: {app: web}}
          ingress:
            - from: [{containerSelector: {matchLabels: {app: client}}}]
              ports: [{protocol: tcp, port: %3$d}]
        """
            .formatted(network(third), third, PORT);
    return write(tmp.resolve(name), "m.yaml", yaml);
  }

  private String network(int third) {
    return engine.name("r" + third);
  }

  /**
   * web, client and other on network rN, in that order (web gets the first address); client and
   * other restart with the daemon, web is started by the test after them, so that it comes back on
   * another address (the engine hands out the lowest free one) and rules naming its old one would
   * protect a different container. Each one's main process answers "ok" on PORT.
   */
  private void startContainers(int third) {
    for (String app : APPS) {
      List<String> run =
          new ArrayList<>(
              List.of(
                  "run",
                  "-d",
                  "--restart",
                  app.equals("web") ? "no" : "always",
                  "--name",
                  name(app, third),
                  "--network",
                  network(third),
                  "-l",
                  "app=" + app));
      engine.labels().forEach((k, v) -> run.addAll(List.of("-l", k + "=" + v)));
      run.addAll(
          List.of(TestEngine.IMAGE, "nc", "-ll", "-p", String.valueOf(PORT), "-e", "echo", "ok"));
      dockerd.docker(run.toArray(String[]::new));
    }
  }

  private String name(String app, int third) {
    return engine.name(app + third);
  }

  private void stopProcesses() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    processes.clear();
  }

  private void removeContainers(int third) {
    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
    APPS.forEach(app -> rm.add(name(app, third)));
    dockerd.docker(rm.toArray(String[]::new));
  }

  /** app -> its container's IPv4 address, for the running ones. */
  private Map<String, String> addresses(int third) {
    Map<String, String> out = new TreeMap<>();
    for (String app : APPS) {
      Cli.Result r =
          dockerd.dockerResult(
              "inspect",
              "-f",
              "{{if .State.Running}}{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}{{end}}",
              name(app, third));
      if (r.ok() && !r.stdout().isBlank()) {
        out.put(app, r.stdout().strip());
      }
    }
    return out;
  }

  /** plan: the installed rules are the wanted ones (exit 0 with --detailed-exitcode). */
  private boolean nothingPending(Path dir) {
    Cli.Result plan = dockernet("plan", "-f", dir.toString(), "--detailed-exitcode");
    return plan.ok() && plan.stdout().contains("netfilter: no change");
  }

  /** Whether our rules name web (protected) and client (allowed) at their current addresses. */
  private boolean rulesName(int third) {
    Map<String, String> now = addresses(third);
    String ours = ours();
    return now.size() == 3
        && ours.contains("-d " + now.get("web") + "/32")
        && ours.contains("-s " + now.get("client") + "/32")
        && !ours.contains("-d " + now.get("client") + "/32")
        && !ours.contains("-s " + now.get("other") + "/32");
  }

  private void assertEnforced(int third) {
    Map<String, String> now = addresses(third);
    assertThat(connects(name("client", third), now.get("web"))).as("allowed peer").isTrue();
    assertThat(connects(name("other", third), now.get("web"))).as("other dropped").isFalse();
    assertThat(connects(name("web", third), now.get("other")))
        .as("unselected containers unchanged")
        .isTrue();
  }

  private boolean enforced(int third) {
    Map<String, String> now = addresses(third);
    return connects(name("client", third), now.get("web"))
        && !connects(name("other", third), now.get("web"));
  }

  /** A TCP connection from a container to PORT at an address, one second at most. */
  private boolean connects(String container, String address) {
    Cli.Result r =
        dockerd.dockerResult(
            "exec",
            container,
            "sh",
            "-c",
            "timeout 3 nc -w 1 " + address + " " + PORT + " </dev/null");
    return r.ok() && r.stdout().contains("ok");
  }

  /** dockernet (the jar, its own JVM) in the private daemon's network namespace. */
  private Cli.Result dockernet(String... args) {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-H", dockerd.host(), "--project", engine.prefix()));
    return Cli.result(120, dockerd.inNetns(cmd).toArray(String[]::new));
  }

  private void startWatch(Path dir) throws IOException {
    List<String> cmd =
        List.of(
            "java",
            "-jar",
            jar(),
            "watch",
            "-f",
            dir.toString(),
            "-H",
            dockerd.host(),
            "--project",
            engine.prefix(),
            "--resync",
            "5s");
    processes.add(
        new ProcessBuilder(dockerd.inNetns(cmd))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("watch.log").toFile())
            .start());
  }

  private static String jar() {
    return System.getProperty("dockernet.jar", "target/dockernet.jar");
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.ok()).as(r.toString()).isTrue();
    return r;
  }

  private static String netns(String... command) {
    return Cli.run(dockerd.inNetns(List.of(command)).toArray(String[]::new));
  }

  /** Our rules in the namespace's IPv4 filter table, without counters. */
  private static String ours() {
    return netns("iptables-save", "-t", "filter")
        .lines()
        .filter(l -> l.contains("DOCKERNET"))
        .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", ""))
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  /** The namespace's FORWARD chain, in order. */
  private static List<String> forward() {
    return netns("iptables-save", "-t", "filter")
        .lines()
        .filter(l -> l.startsWith("-A FORWARD "))
        .map(l -> l.substring("-A FORWARD ".length()))
        .toList();
  }
}
