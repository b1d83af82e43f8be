package io.dockernet.cli;

import io.dockernet.exec.Executor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --parallelism N}, on the commands that apply something (apply, delete, watch). */
final class ParallelismOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private Integer parallelism;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Engine calls in flight at once when applying (default: up to "
              + Executor.Lanes.DEFAULT_BOUND
              + ", by what the engine runs side by side: creates of different networks, connects"
              + " of different containers; one container's connects always run in order).")
  void setParallelism(int n) {
    if (n < 1) {
      throw new ParameterException(
          mixee.commandLine(), "--parallelism must be at least 1, got " + n);
    }
    parallelism = n;
  }

  /** --parallelism N for every phase, else the executor's default lanes. */
  Executor.Lanes lanes() {
    return parallelism != null ? Executor.Lanes.of(parallelism) : Executor.Lanes.DEFAULT;
  }
}
