package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.exec.Executor;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import org.junit.jupiter.api.Test;

/** Engine options that are checked before any engine is contacted. */
class EngineOptionsTest {
  @Test
  void parallelismBelowOneIsAUsageErrorNamingTheOption() {
    Run run = Dockernet.run("apply", "--parallelism", "0", "-f", "examples/seed");
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("--parallelism must be at least 1, got 0");
  }

  @Test
  void lanesFollowTheEngineUnlessParallelismFixesThem() {
    assertThat(new ParallelismOption().lanes()).isEqualTo(Executor.Lanes.DEFAULT);
    ParallelismOption fixed = new ParallelismOption();
    fixed.setParallelism(1);
    assertThat(fixed.lanes()).isEqualTo(new Executor.Lanes(1, 1));
  }
}
