package io.dockernet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real local Docker engine for integration tests. Register once per test class:
 *
 * <pre>{@code @RegisterExtension static final TestEngine engine = new TestEngine();}</pre>
 *
 * <p>Everything it creates carries {@link #labels()} ({@code io.dockernet.test=true} plus this
 * run's id and JVM pid) and is removed after the class. Before the class it sweeps leftovers of
 * earlier runs: objects of test JVMs that are no longer alive, and unlabelled-by-run test objects
 * older than an hour. It never touches objects of test classes running concurrently in other JVMs.
 * Objects your code under test creates should carry {@link #labels()} too ({@link #specLabels()} in
 * a DockerNetwork's spec.labels); registering them with {@link #removeNetworkAfter}/{@link
 * #removeContainerAfter} only covers a run that is not killed.
 */
public final class TestEngine implements BeforeAllCallback, AfterAllCallback {
  public static final String IMAGE =
      System.getProperty("dockernet.test.image", "dockernet/busybox:local");
  public static final String TEST_LABEL = "io.dockernet.test";
  public static final String RUN_LABEL = "io.dockernet.test.run";
  public static final String PID_LABEL = "io.dockernet.test.pid";

  /**
   * The same three, for networks dockernet creates from a test's spec: spec.labels refuse keys
   * under dockernet's own prefix {@code io.dockernet.}, so these live outside it.
   */
  public static final String SPEC_TEST_LABEL = "dockernet-test";

  public static final String SPEC_RUN_LABEL = "dockernet-test.run";
  public static final String SPEC_PID_LABEL = "dockernet-test.pid";
  private static final Duration STALE_AFTER = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile boolean engineChecked;

  private final String runId = UUID.randomUUID().toString().substring(0, 6);
  private final long pid = ProcessHandle.current().pid();
  private final List<DockerJavaGateway> gateways = new CopyOnWriteArrayList<>();
  private final Set<String> extraNetworks =
      java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final Set<String> extraContainers =
      java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final List<String> veths = new CopyOnWriteArrayList<>();
  private volatile boolean usesSwarm;
  private volatile DockerJavaGateway shared;

  // ---- lifecycle ----

  @Override
  public void beforeAll(ExtensionContext context) {
    ensureEngine();
    sweepLeftovers();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    cleanUp();
  }

  /**
   * Removes what this instance created: containers, then networks, veth pairs, swarm use, gateways.
   */
  public void cleanUp() {
    List<String> containers =
        new ArrayList<>(
            lines(Cli.run("docker", "ps", "-aq", "--filter", "label=" + RUN_LABEL + "=" + runId)));
    containers.addAll(extraContainers);
    if (!containers.isEmpty()) {
      List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f"));
      cmd.addAll(containers);
      Cli.result(cmd.toArray(String[]::new));
    }
    List<String> networks = new ArrayList<>(extraNetworks);
    for (String label : List.of(RUN_LABEL, SPEC_RUN_LABEL)) {
      networks.addAll(
          lines(
              Cli.run(
                  "docker", "network", "ls", "-q", "--filter", "label=" + label + "=" + runId)));
    }
    removeNetworks(networks);
    extraContainers.clear();
    extraNetworks.clear();
    for (String v : veths) {
      Cli.result("ip", "link", "del", v);
    }
    veths.clear();
    if (usesSwarm) {
      usesSwarm = false;
      SharedSwarm.release(runId);
    }
    for (DockerJavaGateway g : gateways) {
      g.close();
    }
    gateways.clear();
    shared = null;
  }

  // ---- names and labels ----

  /** Unique per run: "dnt-&lt;run&gt;". */
  public String prefix() {
    return "dnt-" + runId;
  }

  /** A unique name for a test object: "dnt-&lt;run&gt;-&lt;suffix&gt;". */
  public String name(String suffix) {
    return prefix() + "-" + suffix;
  }

  /** Labels every test object carries: the test marker, this run and this JVM. */
  public Map<String, String> labels() {
    return Map.of(TEST_LABEL, "true", RUN_LABEL, runId, PID_LABEL, Long.toString(pid));
  }

  /**
   * {@link #labels()} for a DockerNetwork's (or a manifest's) {@code spec.labels}: the network
   * dockernet creates from it is then removed after the class, and by the next run's sweep when
   * this JVM was killed.
   */
  public Map<String, String> specLabels() {
    return Map.of(
        SPEC_TEST_LABEL, "true", SPEC_RUN_LABEL, runId, SPEC_PID_LABEL, Long.toString(pid));
  }

  // ---- engine access ----

  /** A gateway to the local engine, shared within this test class. */
  public DockerJavaGateway gateway() {
    DockerJavaGateway g = shared;
    if (g == null) {
      synchronized (this) {
        if (shared == null) {
          shared = newGateway();
        }
        g = shared;
      }
    }
    return g;
  }

  /** A fresh gateway (its own call counter); closed after the class. */
  public DockerJavaGateway newGateway() {
    return newGateway(EngineConfig.fromEnvironment());
  }

  public DockerJavaGateway newGateway(EngineConfig config) {
    DockerJavaGateway g = new DockerJavaGateway(config);
    gateways.add(g);
    return g;
  }

  /** Runs the docker CLI; returns stdout, fails the test on a non-zero exit. */
  public String docker(String... args) {
    return Cli.run(Cli.docker(List.of(args)));
  }

  /** Runs the docker CLI and returns the result, whatever the exit code. */
  public Cli.Result dockerResult(String... args) {
    return Cli.result(Cli.docker(List.of(args)));
  }

  // ---- containers ----

  /**
   * Starts {@link #IMAGE} running {@code sleep 3600} on the given networks (none: the default
   * bridge); returns its id.
   */
  public String runContainer(String name, String... networks) {
    return runContainer(name, Map.of(), networks);
  }

  public String runContainer(String name, Map<String, String> labels, String... networks) {
    List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", name));
    addLabels(cmd, labels);
    if (networks.length > 0) {
      cmd.add("--network");
      cmd.add(networks[0]);
    }
    cmd.addAll(List.of(IMAGE, "sleep", "3600"));
    String id = docker(cmd.toArray(String[]::new));
    for (int i = 1; i < networks.length; i++) {
      docker("network", "connect", networks[i], name);
    }
    return id;
  }

  /** Creates (not starts) a container, e.g. for "a stopped container on a network". */
  public String createContainer(String name, String... networks) {
    List<String> cmd = new ArrayList<>(List.of("create", "--name", name));
    addLabels(cmd, Map.of());
    if (networks.length > 0) {
      cmd.add("--network");
      cmd.add(networks[0]);
    }
    cmd.addAll(List.of(IMAGE, "sleep", "3600"));
    String id = docker(cmd.toArray(String[]::new));
    for (int i = 1; i < networks.length; i++) {
      docker("network", "connect", networks[i], name);
    }
    return id;
  }

  /** {@code docker exec <from> ping -c 1 -W 1 <target>} succeeded. */
  public boolean ping(String fromContainer, String target) {
    return Cli.result(30, "docker", "exec", fromContainer, "ping", "-c", "1", "-W", "1", target)
        .ok();
  }

  /** Like {@link #ping} over IPv4 only ({@code ping -4}), for names that also resolve to IPv6. */
  public boolean ping4(String fromContainer, String target) {
    return Cli.result(
            30, "docker", "exec", fromContainer, "ping", "-4", "-c", "1", "-W", "1", target)
        .ok();
  }

  /**
   * Pings until it succeeds or {@code timeout} passes: for positive checks right after a container
   * starts (an IPv6 address answers only after duplicate address detection, ~1-2 s).
   */
  public boolean pingWithin(String fromContainer, String target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      if (ping(fromContainer, target)) {
        return true;
      }
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** Removes this container after the class even though it lacks our run label. */
  public void removeContainerAfter(String nameOrId) {
    extraContainers.add(nameOrId);
  }

  // ---- networks ----

  /**
   * Creates a network with the docker CLI, not through the product (so it carries none of the
   * product's labels, only {@link #labels()}); {@code dockerArgs} are extra {@code docker network
   * create} flags such as "--subnet", "10.123.1.0/24". Returns its id.
   */
  public String createUnmanagedNetwork(String name, String... dockerArgs) {
    List<String> cmd = new ArrayList<>(List.of("network", "create"));
    addLabels(cmd, Map.of());
    cmd.addAll(List.of(dockerArgs));
    cmd.add(name);
    return docker(cmd.toArray(String[]::new));
  }

  /** Removes this network after the class even though it lacks our run label. */
  public void removeNetworkAfter(String nameOrId) {
    extraNetworks.add(nameOrId);
  }

  /** {@code docker network inspect} as JSON (the object, not the array). */
  public JsonNode inspectNetwork(String nameOrId) {
    return parse(docker("network", "inspect", nameOrId)).get(0);
  }

  /** {@code docker inspect} of a container as JSON (the object, not the array). */
  public JsonNode inspectContainer(String nameOrId) {
    return parse(docker("container", "inspect", nameOrId)).get(0);
  }

  public boolean networkExists(String nameOrId) {
    return dockerResult("network", "inspect", nameOrId).ok();
  }

  // ---- host-level fixtures ----

  /** Two ends of a veth pair. */
  public record VethPair(String a, String b) {}

  /** A veth pair with unique names (a safe macvlan/ipvlan parent), deleted after the class. */
  public VethPair vethPair() {
    String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    VethPair pair = new VethPair("dnt" + tag + "a", "dnt" + tag + "b");
    Cli.run("ip", "link", "add", pair.a(), "type", "veth", "peer", "name", pair.b());
    veths.add(pair.a()); // deleting one end deletes both
    Cli.run("ip", "link", "set", pair.a(), "up");
    Cli.run("ip", "link", "set", pair.b(), "up");
    return pair;
  }

  /**
   * Makes the engine a one-node swarm manager on loopback (shared with other test classes running
   * at the same time); left after the last user's class, and only if tests created it.
   */
  public void swarm() {
    if (!usesSwarm) {
      SharedSwarm.acquire(runId);
      usesSwarm = true;
    }
  }

  // ---- internals ----

  private void addLabels(List<String> cmd, Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(labels());
    all.putAll(extra);
    all.forEach(
        (k, v) -> {
          cmd.add("--label");
          cmd.add(k + "=" + v);
        });
  }

  /**
   * Makes sure the engine answers and the test image exists, running scripts/ensure-docker.sh if
   * not.
   */
  public static synchronized void ensureEngine() {
    if (engineChecked) {
      return;
    }
    boolean up = Cli.result("docker", "version", "--format", "{{.Server.Version}}").ok();
    boolean image = up && Cli.result("docker", "image", "inspect", IMAGE).ok();
    if (!up || !image) {
      Path script = Path.of(System.getProperty("user.dir"), "scripts", "ensure-docker.sh");
      if (!Files.exists(script)) {
        throw new AssertionError(
            "no Docker engine or no image "
                + IMAGE
                + ", and "
                + script
                + " is missing to set them up");
      }
      Cli.Result r = Cli.result(600, "bash", script.toString());
      if (!r.ok()) {
        throw new AssertionError(
            "integration tests need a Docker engine and the image "
                + IMAGE
                + "; scripts/ensure-docker.sh failed: "
                + r.stderr().trim());
      }
    }
    engineChecked = true;
  }

  /** Removes test objects of dead test JVMs (and old ones without a pid), containers first. */
  public static void sweepLeftovers() {
    List<String> containers =
        stale(
            lines(Cli.run("docker", "ps", "-aq", "--filter", "label=" + TEST_LABEL + "=true")),
            "container");
    if (!containers.isEmpty()) {
      List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f"));
      cmd.addAll(containers);
      Cli.result(cmd.toArray(String[]::new));
    }
    List<String> networks = new ArrayList<>();
    for (String label : List.of(TEST_LABEL, SPEC_TEST_LABEL)) {
      networks.addAll(
          lines(Cli.run("docker", "network", "ls", "-q", "--filter", "label=" + label + "=true")));
    }
    removeNetworks(stale(networks, "network"));
  }

  /**
   * A config-only network goes only after the networks built from it: retry until nothing more
   * goes.
   */
  private static void removeNetworks(List<String> networks) {
    List<String> left = new ArrayList<>(networks);
    while (!left.isEmpty()) {
      int before = left.size();
      left.removeIf(
          n -> {
            Cli.Result r = Cli.result("docker", "network", "rm", n);
            return r.ok() || r.stderr().contains("not found");
          });
      if (left.size() == before) {
        return;
      }
    }
  }

  private static List<String> stale(List<String> ids, String kind) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> cmd = new ArrayList<>(List.of("docker", kind, "inspect"));
    cmd.addAll(ids);
    Cli.Result r = Cli.result(cmd.toArray(String[]::new));
    List<String> result = new ArrayList<>();
    for (JsonNode o : parse(r.stdout().isBlank() ? "[]" : r.stdout())) {
      JsonNode labels =
          kind.equals("container") ? o.path("Config").path("Labels") : o.path("Labels");
      String pidLabel = labels.path(PID_LABEL).asText(labels.path(SPEC_PID_LABEL).asText(""));
      boolean dead;
      if (!pidLabel.isEmpty()) {
        dead = ProcessHandle.of(Long.parseLong(pidLabel)).map(p -> !p.isAlive()).orElse(true);
      } else {
        dead = Instant.parse(o.path("Created").asText()).isBefore(Instant.now().minus(STALE_AFTER));
      }
      if (dead) {
        result.add(o.path("Id").asText());
      }
    }
    return result;
  }

  private static List<String> lines(String output) {
    return output.isBlank() ? List.of() : List.of(output.trim().split("\\s+"));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
