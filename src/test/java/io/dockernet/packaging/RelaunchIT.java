package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.testing.Dockernet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar dockernet.jar} on the archive {@code mvn package} built next to the jar: the
 * command runs in a second JVM that maps it, and a user sees no difference but the time. No engine:
 * validate reads stdin only.
 */
class RelaunchIT {
  private static final String BAD =
      "apiVersion: dockernet.io/v1alpha1\nkind: DockerNetwork\nmetadata:\n  name: x\n"
          + "spec:\n  driver: 5\n";

  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result run(Map<String, String> env, List<String> jvmOptions, String stdin)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Dockernet.jar().toString(), "validate", "-f", "-"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path out = Files.createTempFile("relaunch", ".out");
    Path err = Files.createTempFile("relaunch", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  @Test
  void theRelaunchedCommandAnswersExactlyAsInPlace() throws Exception {
    Result relaunched = run(Map.of(), List.of(), BAD);
    Result inPlace = run(Map.of("DOCKERNET_CDS", "0"), List.of(), BAD);
    assertThat(relaunched.exit()).isEqualTo(1);
    assertThat(relaunched.err()).contains("stdin:6:11: spec.driver: expected a string");
    assertThat(relaunched).isEqualTo(inPlace);
  }

  @Test
  void theCommandRunsOnTheArchive() throws Exception {
    // %p: each JVM logs to its own file.
    String log = "-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log");
    Result result = run(Map.of(), List.of(log), BAD);
    assertThat(result.exit()).isEqualTo(1);
    List<String> logs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        logs.add(Files.readString(file));
      }
    }
    assertThat(logs).as("the first JVM and the second").hasSize(2);
    String command = "io.dockernet.cli.ValidateCommand source: ";
    // The first JVM never loads the command; the second loads it from the archive.
    assertThat(logs).filteredOn(l -> l.contains(command)).hasSize(1);
    assertThat(logs).anyMatch(l -> l.contains(command + "shared objects file"));
  }

  @Test
  void killingTheFirstJvmEndsTheSecond() throws IOException {
    // validate -f - waits for stdin to end, which never comes: the second JVM is mid-command.
    Process first =
        new ProcessBuilder("java", "-jar", Dockernet.jar().toString(), "validate", "-f", "-")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      ProcessHandle second =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> first.toHandle().children().findFirst(), c -> c.isPresent())
              .orElseThrow();
      first.destroyForcibly(); // SIGKILL: no shutdown hook runs in the first JVM
      await().atMost(Duration.ofSeconds(10)).until(() -> !second.isAlive());
    } finally {
      first.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      first.destroyForcibly();
    }
  }
}
