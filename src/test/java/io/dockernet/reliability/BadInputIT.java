package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.testing.BadInputCorpus;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input against the real engine, through the CLI: {@code apply --prune} of every malformed or
 * hostile manifest (the offline corpus under manifests/bad, plus cases only the engine can judge
 * under reliability/bad-engine) exits 1, prints the located message the file's {@code # expect:}
 * header names, and leaves the engine exactly as it was: an unmanaged network with a container on
 * it, and a network and endpoint this project manages (which a prune would remove, were the input
 * not refused first). Subnets: 10.123.160.0/24 to 10.123.162.0/24.
 */
class BadInputIT {
  private static final Pattern REQUIRES = Pattern.compile("^# requires: api<([0-9.]+)$");
  private static final Pattern NAME =
      Pattern.compile("(?m)^\\s*name:\\s*([A-Za-z0-9][\\w.-]*)\\s*$");
  static final String EXISTING = "dnt-rel-existing";

  @RegisterExtension static final TestEngine engine = new TestEngine();

  private static String project;
  private static String managed;
  private static String container;

  @BeforeAll
  static void fixture(@TempDir Path tmp) throws IOException {
    project = engine.prefix();
    managed = engine.name("managed");
    container = engine.name("c1");
    engine.removeNetworkAfter(managed);
    engine.removeNetworkAfter(EXISTING);
    engine.dockerResult("network", "rm", EXISTING); // a leftover of a killed run
    engine.createUnmanagedNetwork(EXISTING, "--subnet", "10.123.160.0/24");
    engine.runContainer(container);
    engine.docker(
        "network", "connect", "--ip", "10.123.160.10", "--alias", "legacy", EXISTING, container);
    Files.writeString(
        tmp.resolve("good.yaml"),
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: managed}
        spec:
          name: %s
          ipam: {config: [{subnet: 10.123.161.0/24}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata: {name: c1}
        spec: {network: %s, container: %s, aliases: [api], ipv4Address: 10.123.161.10}
        """
            .formatted(managed, managed, container));
    Dockernet.Run good = Dockernet.run("apply", "-f", tmp.toString(), "--project", project);
    assertThat(good.exit()).as(good.toString()).isZero();
  }

  private static final AtomicInteger exited1 = new AtomicInteger();
  private static final AtomicInteger located = new AtomicInteger();
  private static final AtomicInteger unchanged = new AtomicInteger();

  /**
   * The figures docs/reliability.md quotes, counted in this run (ReliabilityDocTest checks the
   * corpus sizes).
   */
  @AfterAll
  static void printCounts() throws Exception {
    System.out.printf(
        "BadInputIT: %d hostile manifests (%d of manifests/bad, %d of reliability/bad-engine); exit 1: %d,"
            + " with the located message: %d, engine picture identical before/after: %d%n",
        corpus().count(),
        BadInputCorpus.files("/manifests/bad").count(),
        BadInputCorpus.files("/reliability/bad-engine").count(),
        exited1.get(),
        located.get(),
        unchanged.get());
  }

  static Stream<Path> corpus() {
    return Stream.concat(
        BadInputCorpus.files("/manifests/bad"), BadInputCorpus.files("/reliability/bad-engine"));
  }

  @Test
  void theCorpusCoversAtLeastFortyCases() throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void applyRefusesWithTheLocatedMessageAndChangesNothing(Path file) throws IOException {
    String head = BadInputCorpus.head(file);
    for (String line : head.split("\n")) {
      Matcher requires = REQUIRES.matcher(line);
      if (requires.matches()) {
        String api = engine.gateway().info().apiVersion();
        assumeTrue(
            compare(api, requires.group(1)) < 0, "engine API " + api + " supports this field");
      }
    }
    List<Matcher> expectations = BadInputCorpus.expectations(head);
    assertThat(expectations).as("%s has no '# expect:' line", file.getFileName()).isNotEmpty();
    Set<String> declared = declaredNames(head);

    EngineState before = state(declared);
    Dockernet.Run run =
        Dockernet.run("apply", "-f", file.toString(), "--project", project, "--prune");
    EngineState after = state(declared);

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    exited1.incrementAndGet();
    for (Matcher expect : expectations) {
      String path = expect.group(3).equals("-") ? "" : expect.group(3) + ": ";
      String located = file + ":" + expect.group(1) + ":" + expect.group(2) + ": " + path;
      assertThat(run.err().lines())
          .as("stderr of %s should have %s", file.getFileName(), expect.group(0))
          .anySatisfy(l -> assertThat(l).startsWith(located).contains(expect.group(4)));
    }
    located.incrementAndGet();
    assertThat(run.err()).as("no stack traces for users").doesNotContain("\tat ", "Exception");
    assertThat(after).as("engine after apply of %s", file.getFileName()).isEqualTo(before);
    unchanged.incrementAndGet();
    assertThat(after.lines())
        .as("the fixture is in the picture")
        .anyMatch(l -> l.startsWith("network " + managed + " "))
        .anyMatch(
            l -> l.startsWith("endpoint " + container + " on " + EXISTING + " ipv4=10.123.160.10"));
  }

  @Test
  void aHugeFileIsRefusedBeforeReadingIt(@TempDir Path tmp) throws IOException {
    Path huge = tmp.resolve("huge.yaml");
    StringBuilder text =
        new StringBuilder(
            "apiVersion: dockernet.io/v1alpha1\nkind: DockerNetwork\nmetadata: {name: huge}\nspec:\n  labels:\n");
    for (int i = 0; text.length() < 5 * 1024 * 1024; i++) {
      text.append("    k").append(i).append(": ").append("v".repeat(100)).append('\n');
    }
    Files.writeString(huge, text);
    EngineState before = state(Set.of("huge"));
    Dockernet.Run run =
        Dockernet.run("apply", "-f", huge.toString(), "--project", project, "--prune");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains(huge + ":1:1: the file is 5.0 MiB; manifests are limited to 4 MiB");
    assertThat(state(Set.of("huge"))).isEqualTo(before);
  }

  @Test
  void oneBadFileInADirectoryStopsTheGoodOnesToo(@TempDir Path tmp) throws IOException {
    String fresh = engine.name("fresh");
    engine.removeNetworkAfter(fresh);
    Files.writeString(
        tmp.resolve("a-good.yaml"),
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: fresh}
        spec: {name: %s, ipam: {config: [{subnet: 10.123.162.0/26}]}}
        """
            .formatted(fresh));
    Files.writeString(
        tmp.resolve("b-bad.yaml"),
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: other}
        spec: {name: %s-other, internal: maybe}
        """
            .formatted(fresh));
    EngineState before = state(Set.of(fresh));
    Dockernet.Run run =
        Dockernet.run("apply", "-f", tmp.toString(), "--project", project, "--prune");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains(tmp.resolve("b-bad.yaml") + ":4:");
    assertThat(state(Set.of(fresh))).isEqualTo(before);
    assertThat(engine.networkExists(fresh)).as("the good file is not applied alone").isFalse();
  }

  private EngineState state(Set<String> declared) {
    Set<String> names = new HashSet<>(declared);
    names.add(EXISTING);
    names.add(managed);
    Predicate<ObservedNetwork> networks =
        n ->
            names.contains(n.name())
                || project.equals(n.config().labels().get(Ownership.PROJECT))
                || engine
                    .labels()
                    .get(TestEngine.RUN_LABEL)
                    .equals(n.config().labels().get(TestEngine.RUN_LABEL));
    Predicate<ObservedContainer> containers = c -> c.name().startsWith(engine.prefix());
    return EngineState.capture(engine.gateway(), networks, containers);
  }

  /**
   * Every {@code name:} value in the file: whatever it might create would be visible under these
   * names.
   */
  private static Set<String> declaredNames(String text) {
    Set<String> names = new HashSet<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int d =
          Integer.compare(
              i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }
}
