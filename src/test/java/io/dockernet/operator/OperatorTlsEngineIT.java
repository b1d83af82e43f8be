package io.dockernet.operator;

import static io.dockernet.operator.KubeFixtures.awaitReady;
import static io.dockernet.operator.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.testing.EngineProxy;
import io.dockernet.testing.SecondDockerd;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator (as {@code dockernet operator}, its own process, logging at debug) reaches a second
 * {@code dockerd} that this test starts on 127.0.0.1 with TLS certificates it generates, through a
 * DockerHost and a Secret (ca.pem, cert.pem, key.pem). Plain tcp:// is refused unless the
 * DockerHost allows it; a wrong CA fails closed; the key material appears in none of the operator's
 * logs, events, statuses or metrics. Subnets 10.123.80.0/22 (80 on the second engine, 81 on the
 * main engine through a plain TCP front, 82 never created).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorTlsEngineIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final Duration CONVERGE = Duration.ofSeconds(30);
  static final String NS = "team-tls";
  static final String SECRET_NS = "dockernet-system";

  @TempDir static Path dir;
  static SecondDockerd second;
  static EngineProxy plainFront;
  static MockCluster cluster;
  static KubernetesClient client;
  static OperatorProcess operator;
  static String remote;
  static String wrongCa;
  static String plain;
  static Path prepared;

  @BeforeAll
  static void start() throws Exception {
    second = SecondDockerd.start();
    plainFront = new EngineProxy();
    cluster = new MockCluster();
    client = cluster.client;
    remote = engine.name("remote");
    wrongCa = engine.name("wrong-ca");
    plain = engine.name("plain");
    for (String ns : List.of(NS, SECRET_NS)) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    client
        .resource(
            KubeFixtures.tlsSecret(SECRET_NS, "engine-tls", second.certificates().clientDir()))
        .create();
    client
        .resource(
            KubeFixtures.tlsSecret(
                SECRET_NS, "engine-wrong-ca", second.certificates().wrongCaClientDir()))
        .create();
    // What someone could prepare at the predictable path older versions used: it must stay unused.
    prepared =
        Files.createDirectories(
            dir.resolve("tmp").resolve("dockernet-tls-" + System.getProperty("user.name")));
    Files.setPosixFilePermissions(prepared, PosixFilePermissions.fromString("rwxrwxrwx"));
    operator =
        OperatorProcess.start(
            cluster.writeKubeconfig(dir),
            dir.resolve("operator.log"),
            List.of(
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Djava.io.tmpdir=" + dir.resolve("tmp")),
            "--secret-namespace",
            SECRET_NS,
            "--resync-period",
            "10m");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (operator != null) {
        client.resources(DockerNetwork.class).inAnyNamespace().delete();
        await()
            .atMost(CONVERGE)
            .until(
                () ->
                    client
                        .resources(DockerNetwork.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .isEmpty());
      }
    } finally {
      if (operator != null) {
        operator.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      if (plainFront != null) {
        plainFront.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  @Order(1)
  void aTlsEngineIsReachedThroughADockerHostAndASecret() {
    client
        .resource(KubeFixtures.host(remote, second.host(), "engine-tls", null, Map.of()))
        .create();
    awaitReady(client, DockerHost.class, null, remote, "True", "Reachable", CONVERGE);
    DockerHost host = get(client, DockerHost.class, null, remote);
    assertThat(host.getStatus().getReachable()).isTrue();
    assertThat(host.getStatus().getEngineVersion())
        .isEqualTo(second.docker("version", "--format", "{{.Server.Version}}"));
    assertThat(host.getStatus().getApiVersion()).isNotBlank();

    String dockerName = engine.name("tls-net");
    client
        .resource(KubeFixtures.network(engine, NS, "tls-net", dockerName, "10.123.80.0/24", remote))
        .create();
    awaitReady(client, DockerNetwork.class, NS, "tls-net", "True", "Converged", CONVERGE);
    String id = second.docker("network", "inspect", "--format", "{{.Id}}", dockerName);
    assertThat(get(client, DockerNetwork.class, NS, "tls-net").getStatus().getId()).isEqualTo(id);
    assertThat(get(client, DockerNetwork.class, NS, "tls-net").getStatus().getSubnets())
        .containsExactly("10.123.80.0/24");
    assertThat(engine.networkExists(dockerName)).as("not on the main engine").isFalse();

    // Drift on the TLS engine is healed through its event stream, as on the local one.
    second.docker("network", "rm", dockerName);
    await().atMost(Duration.ofSeconds(10)).until(() -> second.networkExists(dockerName));
  }

  @Test
  @Order(2)
  void plainTcpIsRefusedUntilTheDockerHostAllowsIt() {
    client.resource(KubeFixtures.host(plain, plainFront.host(), null, null, Map.of())).create();
    Condition refused =
        awaitReady(client, DockerHost.class, null, plain, "False", "Invalid", CONVERGE);
    assertThat(refused.getMessage())
        .contains(plainFront.host(), "without TLS is refused", "allowInsecure");

    String dockerName = engine.name("insecure");
    engine.removeNetworkAfter(dockerName);
    client
        .resource(KubeFixtures.network(engine, NS, "insecure", dockerName, "10.123.81.0/24", plain))
        .create();
    Condition invalid =
        awaitReady(client, DockerNetwork.class, NS, "insecure", "False", "Invalid", CONVERGE);
    assertThat(invalid.getMessage()).contains("allowInsecure");
    assertThat(engine.networkExists(dockerName)).isFalse();

    KubeFixtures.edit(
        client.resources(DockerHost.class).withName(plain),
        h -> {
          h.getSpec().setAllowInsecure(true);
          return h;
        },
        CONVERGE);
    awaitReady(client, DockerHost.class, null, plain, "True", "Reachable", CONVERGE);
    awaitReady(client, DockerNetwork.class, NS, "insecure", "True", "Converged", CONVERGE);
    assertThat(engine.inspectNetwork(dockerName).path("Id").asText())
        .isEqualTo(get(client, DockerNetwork.class, NS, "insecure").getStatus().getId());
  }

  @Test
  @Order(3)
  void aWrongCaFailsClosedAndTheSkipCleanupAnnotationReleasesWhatIsStuck() {
    client
        .resource(KubeFixtures.host(wrongCa, second.host(), "engine-wrong-ca", null, Map.of()))
        .create();
    Condition down =
        awaitReady(client, DockerHost.class, null, wrongCa, "False", "EngineUnavailable", CONVERGE);
    assertThat(down.getMessage()).contains("TLS", second.host());
    assertThat(get(client, DockerHost.class, null, wrongCa).getStatus().getReachable()).isFalse();

    String dockerName = engine.name("never");
    client
        .resource(KubeFixtures.network(engine, NS, "never", dockerName, "10.123.82.0/24", wrongCa))
        .create();
    Condition unavailable =
        awaitReady(
            client, DockerNetwork.class, NS, "never", "False", "EngineUnavailable", CONVERGE);
    assertThat(unavailable.getMessage()).contains("TLS");
    assertThat(get(client, DockerNetwork.class, NS, "never").getStatus().getId()).isNull();
    assertThat(second.networkExists(dockerName)).isFalse();
    assertThat(engine.networkExists(dockerName)).isFalse();

    // Deleting it cannot clean up (the engine cannot be trusted): blocked, saying how to let go.
    client.resources(DockerNetwork.class).inNamespace(NS).withName("never").delete();
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () ->
                assertThat(
                        KubeFixtures.ready(get(client, DockerNetwork.class, NS, "never"))
                            .getMessage())
                    .contains("cannot clean up", Cleanup.SKIP));
    KubeFixtures.edit(
        client.resources(DockerNetwork.class).inNamespace(NS).withName("never"),
        n -> {
          n.getMetadata().setAnnotations(Map.of(Cleanup.SKIP, "true"));
          return n;
        },
        CONVERGE);
    await().atMost(CONVERGE).until(() -> get(client, DockerNetwork.class, NS, "never") == null);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .extracting(Event::getReason)
        .contains("CleanupSkipped");
  }

  @Test
  @Order(4)
  void keyMaterialAppearsInNoLogEventStatusOrMetric() throws Exception {
    List<String> needles = new ArrayList<>();
    needles.addAll(needles(second.certificates().clientDir()));
    needles.addAll(needles(second.certificates().wrongCaClientDir()));

    String log = operator.log();
    assertThat(log)
        .as("the log was captured")
        .contains("dockernet operator started")
        .contains("DEBUG");
    assertThat(log).as("the TLS failure was logged").contains(wrongCa);
    String events = Serialization.asJson(client.v1().events().inAnyNamespace().list());
    String hosts = Serialization.asJson(client.resources(DockerHost.class).list());
    String networks =
        Serialization.asJson(client.resources(DockerNetwork.class).inAnyNamespace().list());
    String metrics = operator.metrics();
    for (String needle : needles) {
      assertThat(log).as("operator log").doesNotContain(needle);
      assertThat(events).as("events").doesNotContain(needle);
      assertThat(hosts).as("DockerHost status").doesNotContain(needle);
      assertThat(networks).as("DockerNetwork status").doesNotContain(needle);
      assertThat(metrics).as("metrics").doesNotContain(needle);
    }
    System.out.println(
        "[OperatorTlsEngineIT] "
            + needles.size()
            + " pieces of key material absent from "
            + log.length()
            + " chars of debug log, "
            + events.length()
            + " of events, "
            + (hosts.length() + networks.length())
            + " of resources, "
            + metrics.length()
            + " of metrics");

    // On disk the material is only readable by the operator's user, in a directory it made itself.
    Path material = materialRoot();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(material)))
        .isEqualTo("rwx------");
    assertThat(prepared).as("the predictable path is not used").isEmptyDirectory();
    try (Stream<Path> files = Files.walk(material)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  @Order(5)
  void rotationDeletesOldFilesAndADeletedHostLosesItsFilesAndConnections() throws Exception {
    List<String> before = hostDirs(remote);
    assertThat(before).hasSize(1);
    // Rotate the Secret (here to material the engine refuses, then back): one set of files at a
    // time.
    // Secrets are not watched: a host is checked again within DockerHostReconciler.RECHECK.
    Duration recheck = DockerHostReconciler.RECHECK.plus(CONVERGE);
    rotate(second.certificates().wrongCaClientDir());
    awaitReady(client, DockerHost.class, null, remote, "False", "EngineUnavailable", recheck);
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> assertThat(hostDirs(remote)).hasSize(1).doesNotContainAnyElementsOf(before));
    rotate(second.certificates().clientDir());
    awaitReady(client, DockerHost.class, null, remote, "True", "Reachable", recheck);
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(hostDirs(remote)).isEqualTo(before));

    // Release what uses the engine, then the hosts: files gone, and no connection to it left open.
    client.resources(DockerNetwork.class).inAnyNamespace().delete();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                client.resources(DockerNetwork.class).inAnyNamespace().list().getItems().isEmpty());
    long pid = operator.process().pid();
    assertThat(establishedTo(pid, second.port())).as("the event stream is connected").isPositive();
    client.resources(DockerHost.class).withName(wrongCa).delete();
    client.resources(DockerHost.class).withName(remote).delete();
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              assertThat(hostDirs(remote)).isEmpty();
              assertThat(hostDirs(wrongCa)).isEmpty();
              assertThat(establishedTo(pid, second.port()))
                  .as("connections of the operator to the deleted hosts' engine")
                  .isZero();
            });
  }

  static void rotate(Path certDir) {
    Map<String, String> data = KubeFixtures.tlsSecret(SECRET_NS, "engine-tls", certDir).getData();
    client
        .secrets()
        .inNamespace(SECRET_NS)
        .withName("engine-tls")
        .edit(
            secret -> {
              secret.setData(data);
              return secret;
            });
  }

  /**
   * The operator's private TLS directory: the one dockernet-tls-* it created, not the prepared one.
   */
  static Path materialRoot() throws IOException {
    try (Stream<Path> dirs = Files.list(dir.resolve("tmp"))) {
      List<Path> made =
          dirs.filter(
                  d ->
                      d.getFileName().toString().startsWith("dockernet-tls-")
                          && !d.equals(prepared))
              .toList();
      assertThat(made).as("one private directory per operator process").hasSize(1);
      return made.get(0);
    }
  }

  /** The material directories of one host (named host-digest). */
  static List<String> hostDirs(String host) throws IOException {
    try (Stream<Path> dirs = Files.list(materialRoot())) {
      return dirs.map(d -> d.getFileName().toString())
          .filter(n -> n.matches(java.util.regex.Pattern.quote(host) + "-[0-9a-f]+"))
          .sorted()
          .toList();
    }
  }

  /**
   * ESTABLISHED TCP connections of process {@code pid} to port {@code port} (from /proc: its socket
   * inodes).
   */
  static long establishedTo(long pid, int port) throws IOException {
    java.util.Set<String> inodes = new java.util.HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    }
    long count = 0;
    for (String table : List.of("tcp", "tcp6")) {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9
            && f[2].contains(":")
            && f[3].equals("01")
            && Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16) == port
            && inodes.contains(f[9])) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Every PEM body line of ca.pem, cert.pem and key.pem, and 32-character pieces of their base64
   * (the Secret's data).
   */
  static List<String> needles(Path certDir) throws IOException {
    List<String> result = new ArrayList<>();
    for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
      byte[] bytes = Files.readAllBytes(certDir.resolve(file));
      for (String line : new String(bytes).split("\n")) {
        if (!line.startsWith("-----") && line.length() >= 32) {
          result.add(line);
        }
      }
      String encoded = Base64.getEncoder().encodeToString(bytes);
      for (int i = 0; i + 32 <= encoded.length(); i += 32) {
        result.add(encoded.substring(i, i + 32));
      }
    }
    return result;
  }
}
