package io.dockernet.testing;

import io.dockernet.engine.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code dockerd} for tests that must stop, restart or TLS-protect an engine without
 * touching the shared one (other test JVMs use it concurrently). It listens only on {@code
 * tcp://127.0.0.1:PORT} with {@code --tlsverify} and certificates made for it ({@link
 * TestCertificates}), keeps its own data root, exec root (hence its own containerd) and pid file
 * under {@code /tmp/dnt-dockerd-<id>}, and changes nothing on the host beyond what its own networks
 * need: {@code --iptables=false --ip-masq=false} and a default bridge of its own (a Linux bridge
 * {@code dnt<id>b} on a /30 of 10.123.191.0/24, made here and deleted by {@link #close()}). Not
 * {@code --bridge=none}: a dockerd started with it deletes the host's {@code docker0} (its "remove
 * the default bridge interface" step), which breaks the shared engine's default network for every
 * other test. Networks on it need explicit subnets. It has no images: use it for networks, not
 * containers.
 *
 * <p>{@link #startIsolated()} makes the other kind, for tests of what a dockerd does to netfilter
 * (its restart rebuilds its chains): a dockerd in a network namespace of its own ({@code ip netns}
 * named like its directory) with Docker's iptables management on, reached over a unix socket in its
 * directory. Its chains, bridges, addresses and rules live in that namespace only. It cannot share
 * the host's netfilter: a dockerd with {@code --iptables} starting (or restarting) flushes the
 * DOCKER, DOCKER-ISOLATION-STAGE-1/2 chains of the filter and nat tables it finds, which on the
 * host are the shared engine's (published ports and network isolation of every other suite). {@link
 * #inNetns} runs a command (iptables, a dockernet JVM) in that namespace.
 *
 * <p>{@link #close()} removes its networks, stops it and deletes its directories (and namespace). A
 * test JVM killed before that leaves a daemon behind: {@link #sweepLeftovers()} (run by {@link
 * #start}) stops daemons of dead JVMs.
 */
public final class SecondDockerd implements AutoCloseable {
  private static final Path ROOTS = Path.of("/tmp");
  private static final String PREFIX = "dnt-dockerd-";

  private final Path root;
  private final TestCertificates certificates;
  private final int port;

  /** The network namespace of an isolated daemon ({@link #startIsolated()}); null otherwise. */
  private final String netns;

  private Process process;

  private SecondDockerd(Path root, TestCertificates certificates, int port, String netns) {
    this.root = root;
    this.certificates = certificates;
    this.port = port;
    this.netns = netns;
  }

  /** Generates certificates, starts the daemon and waits until it answers (about 2 s). */
  public static SecondDockerd start() {
    Path root = newRoot();
    SecondDockerd d =
        new SecondDockerd(root, TestCertificates.create(root.resolve("tls")), freePort(), null);
    d.startDaemon();
    return d;
  }

  /**
   * A daemon in a network namespace of its own, with Docker's iptables management on, on a unix
   * socket (so dockernet treats it as local: policies can be enforced for it, in that namespace).
   * Its default bridge is 10.234.255.0/24 inside the namespace. It has no images: {@link
   * #loadImage} copies one from the shared engine.
   */
  public static SecondDockerd startIsolated() {
    Path root = newRoot();
    String netns = root.getFileName().toString();
    Cli.run("ip", "netns", "add", netns);
    Cli.run("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");
    SecondDockerd d = new SecondDockerd(root, null, 0, netns);
    d.startDaemon();
    return d;
  }

  private static Path newRoot() {
    TestEngine.ensureEngine(); // the binaries come with the shared engine's setup
    sweepLeftovers();
    Path root = ROOTS.resolve(PREFIX + UUID.randomUUID().toString().substring(0, 8));
    try {
      Files.createDirectories(root);
      Files.writeString(root.resolve("owner"), Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  /** tcp://127.0.0.1:PORT, or unix://DIR/docker.sock for an isolated daemon. */
  public String host() {
    return netns != null ? "unix://" + root.resolve("docker.sock") : "tcp://127.0.0.1:" + port;
  }

  /** The command prefixed to run in the isolated daemon's network namespace. */
  public List<String> inNetns(List<String> command) {
    if (netns == null) {
      throw new IllegalStateException("not an isolated dockerd");
    }
    List<String> all = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns));
    all.addAll(command);
    return all;
  }

  /** The network namespace of an isolated daemon. */
  public String netns() {
    return netns;
  }

  /** Copies an image of the shared engine into this daemon. */
  public void loadImage(String image) {
    Cli.run("sh", "-c", "docker save " + image + " | docker -H " + host() + " load -q");
  }

  public int port() {
    return port;
  }

  public TestCertificates certificates() {
    return certificates;
  }

  /** How a client reaches it: TLS with the client certificate, verifying the server's. */
  public EngineConfig config() {
    return netns != null
        ? EngineConfig.forHost(host())
        : EngineConfig.forHost(host()).withTls(certificates.clientDir());
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * SIGTERM and wait (up to 20 s, then SIGKILL). Networks and their state stay in the data root.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts it again on the same port with the same data (after {@link #stop()}). */
  public synchronized void restart() {
    stop();
    startDaemon();
  }

  /** The docker CLI against this daemon; fails the test on a non-zero exit. */
  public String docker(String... args) {
    return Cli.run(command(args));
  }

  public Cli.Result dockerResult(String... args) {
    return Cli.result(30, command(args));
  }

  public boolean networkExists(String nameOrId) {
    return dockerResult("network", "inspect", nameOrId).ok();
  }

  /** Ids of the networks on this daemon other than the predefined host and none. */
  public List<String> customNetworks() {
    String out = docker("network", "ls", "-q", "--no-trunc", "--filter", "type=custom");
    return out.isBlank() ? List.of() : List.of(out.trim().split("\\s+"));
  }

  /** Removes its networks (and their host bridges), stops it, deletes its directories. */
  @Override
  public synchronized void close() {
    List<String> networks = List.of();
    try {
      if (!running()) {
        startDaemon(); // a test may have left it stopped: its networks still need removing
      }
      if (netns != null) {
        // Its containers (all this test's: the daemon is private) hold endpoints on its networks.
        String all = docker("ps", "-aq");
        if (!all.isBlank()) {
          List<String> rm = new ArrayList<>(List.of("rm", "-f"));
          rm.addAll(List.of(all.trim().split("\\s+")));
          dockerResult(rm.toArray(String[]::new));
        }
      }
      networks = customNetworks();
      for (String id : networks) {
        dockerResult("network", "rm", id);
      }
    } catch (AssertionError e) {
      System.err.println("[SecondDockerd] cleanup: " + e.getMessage());
    } finally {
      stop();
      if (netns != null) {
        Cli.result("ip", "netns", "del", netns); // its bridges and rules go with it
      } else {
        networks.forEach(SecondDockerd::deleteBridge);
        Cli.result("ip", "link", "del", bridgeName(root));
      }
      deleteTree(root);
    }
  }

  /**
   * Like {@link #close()} without removing networks one by one: they go with the data root. For
   * daemons holding thousands of networks (the operator benchmark), whose removal would take
   * minutes; the Linux bridges of its bridge networks are deleted all the same.
   */
  public synchronized void discard() {
    List<String> networks = List.of();
    try {
      if (running()) {
        networks = customNetworks();
      }
    } catch (AssertionError e) {
      System.err.println("[SecondDockerd] discard: " + e.getMessage());
    } finally {
      stop();
      networks.forEach(SecondDockerd::deleteBridge);
      Cli.result("ip", "link", "del", bridgeName(root));
      deleteTree(root);
    }
  }

  /** Stops daemons left by test JVMs that died, and deletes their directories. */
  public static synchronized void sweepLeftovers() {
    try (Stream<Path> dirs = Files.list(ROOTS)) {
      for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
        long owner = readPid(dir.resolve("owner"));
        if (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        long daemon = readPid(dir.resolve("docker.pid"));
        ProcessHandle.of(daemon)
            .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
            .ifPresent(
                p -> {
                  p.destroy();
                  p.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(t -> null).join();
                  if (p.isAlive()) {
                    p.destroyForcibly();
                  }
                });
        Cli.result("ip", "link", "del", bridgeName(dir));
        if (Files.exists(Path.of("/run/netns", dir.getFileName().toString()))) {
          Cli.result("ip", "netns", "del", dir.getFileName().toString());
        }
        deleteTree(dir);
      }
    } catch (IOException e) {
      System.err.println("[SecondDockerd] sweep: " + e.getMessage());
    }
  }

  // ---- internals ----

  private synchronized void startDaemon() {
    List<String> cmd =
        netns != null
            ? isolatedCommand()
            : List.of(
                "dockerd",
                "--data-root",
                root.resolve("data").toString(),
                "--exec-root",
                root.resolve("exec").toString(),
                "--pidfile",
                root.resolve("docker.pid").toString(),
                "-H",
                host(),
                "--tlsverify",
                "--tlscacert",
                certificates.caCert().toString(),
                "--tlscert",
                certificates.serverCert().toString(),
                "--tlskey",
                certificates.serverKey().toString(),
                "--bridge=" + hostBridge(root),
                "--iptables=false",
                "--ip-masq=false",
                "--ip-forward=false");
    startProcess(cmd);
  }

  /** Docker's iptables management on (the default), in its own network namespace. */
  private List<String> isolatedCommand() {
    return inNetns(
        List.of(
            "dockerd",
            "--data-root",
            root.resolve("data").toString(),
            "--exec-root",
            root.resolve("exec").toString(),
            "--pidfile",
            root.resolve("docker.pid").toString(),
            "-H",
            host(),
            "--bip",
            "10.234.255.1/24"));
  }

  private void startProcess(List<String> cmd) {
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(root.resolve("dockerd.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start dockerd: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the second dockerd exited " + process.exitValue() + ":\n" + logTail());
      }
      if (dockerResult("version", "--format", "{{.Server.Version}}").ok()) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("the second dockerd did not answer within 60 s:\n" + logTail());
  }

  private String[] command(String... args) {
    if (netns != null) {
      List<String> all = new ArrayList<>(List.of("docker", "-H", host()));
      all.addAll(List.of(args));
      return all.toArray(String[]::new);
    }
    List<String> all =
        new ArrayList<>(
            List.of(
                "docker",
                "-H",
                host(),
                "--tlsverify",
                "--tlscacert",
                certificates.caCert().toString(),
                "--tlscert",
                certificates.clientDir().resolve("cert.pem").toString(),
                "--tlskey",
                certificates.clientDir().resolve("key.pem").toString()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(root.resolve("dockerd.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** The daemon's own default bridge: "dnt" + the 8 characters of its id + "b" (15 at most). */
  private static String bridgeName(Path root) {
    return "dnt" + root.getFileName().toString().substring(PREFIX.length()) + "b";
  }

  /**
   * Creates the default bridge (once) on a /30 of 10.123.191.0/24 that no other interface holds.
   */
  private static synchronized String hostBridge(Path root) {
    String name = bridgeName(root);
    if (Cli.result("ip", "link", "show", name).ok()) {
      return name;
    }
    String taken = Cli.run("ip", "-4", "-o", "addr", "show");
    int first = Math.floorMod(name.hashCode(), 64);
    for (int i = 0; i < 64; i++) {
      String gateway = "10.123.191." + (((first + i) % 64) * 4 + 1);
      if (!taken.contains(" " + gateway + "/")) {
        Cli.run("ip", "link", "add", name, "type", "bridge");
        Cli.run("ip", "addr", "add", gateway + "/30", "dev", name);
        Cli.run("ip", "link", "set", name, "up");
        return name;
      }
    }
    throw new AssertionError("no free /30 left in 10.123.191.0/24 for a second dockerd's bridge");
  }

  /** A bridge network's Linux bridge is br-<first 12 of its id>; a stopped daemon may leave it. */
  private static void deleteBridge(String networkId) {
    String bridge = "br-" + networkId.substring(0, Math.min(12, networkId.length()));
    if (Cli.result("ip", "link", "show", bridge).ok()) {
      Cli.result("ip", "link", "del", bridge);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long readPid(Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[SecondDockerd] cannot delete " + dir + ": " + e.getMessage());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
