package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.cli.CliRunner.Run;
import io.dockernet.engine.EngineConfig;
import org.junit.jupiter.api.Test;

/** Engine options that are checked before any engine is contacted. */
class EngineOptionsTest {
  @Test
  void parallelismBelowOneIsAUsageErrorNamingTheOption() {
    Run run = CliRunner.run("apply", "--parallelism", "0", "-f", "examples/seed");
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("--parallelism must be at least 1, got 0");
  }

  @Test
  void oneCallAtATimeOnALocalSocketAndOverlappedRoundTripsOverTcp() {
    assertThat(
            ParallelismOption.defaultParallelism(
                EngineConfig.forHost("unix:///var/run/docker.sock")))
        .isEqualTo(1);
    assertThat(
            ParallelismOption.defaultParallelism(EngineConfig.forHost("tcp://engine.example:2376")))
        .isEqualTo(4);
  }
}
