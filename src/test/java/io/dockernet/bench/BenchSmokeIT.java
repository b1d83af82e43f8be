package io.dockernet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The smallest run of the benchmark harness (N=3, one trial, no Ansible, no JMH), so that the
 * harness cannot rot while the full run (scripts/bench.sh) stays out of the default build.
 */
class BenchSmokeIT {
  @RegisterExtension static final TestEngine engine = new TestEngine(); // engine up, image built

  @Test
  @SuppressWarnings("unchecked")
  void smallestScenarioRunsEndToEnd() throws Exception {
    BenchMain.Options options =
        BenchMain.Options.parse(
            new String[] {
              "--smoke-space",
              "--no-operator",
              "--sizes",
              "3",
              "--trials",
              "1",
              "--no-ansible",
              "--drift-trials",
              "2",
              "--footprint-trials",
              "1",
              // Start-up has fixed names and subnets of its own: a smoke run beside a full run
              // would share them.
              "--startup-trials",
              "0",
              "--jar",
              System.getProperty("dockernet.jar", "target/dockernet.jar"),
              "--out",
              "target/bench-smoke/results.json"
            });
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> results =
        BenchMain.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(results.get("problems"))
        .as(log.toString(StandardCharsets.UTF_8))
        .isEqualTo(List.of());
    assertThat(results.get("ok")).isEqualTo(true);
    assertThat(((Map<String, Object>) results.get("targets")).get("met"))
        .as("targets judged")
        .isNotEqualTo(0);
    assertThat(Path.of("target/bench-smoke/results.json")).exists();
    Map<String, Object> converge = ((List<Map<String, Object>>) results.get("converge")).get(0);
    Map<String, Object> calls = (Map<String, Object>) converge.get("calls");
    // A converged re-apply writes nothing; the incremental change touches only what changed.
    assertThat(Runners.writes((Map<String, Long>) calls.get("reapply"))).isZero();
    assertThat(Runners.writes((Map<String, Long>) calls.get("afterIncremental"))).isZero();
    assertThat((Map<String, Long>) calls.get("incremental"))
        .containsEntry("networks.disconnect", 2L)
        .containsEntry("networks.connect", 2L);
    assertThat(((Map<String, Object>) results.get("drift")).get("failures")).isEqualTo(0);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("| 1 cold converge N=3 |", "| 4 drift healing");
    try (BenchEngine bench = new BenchEngine(Layout.Space.SMOKE)) {
      assertThat(bench.state())
          .as("everything the run created is gone")
          .isEqualTo(new BenchEngine.State(0, 0));
    }
  }
}
