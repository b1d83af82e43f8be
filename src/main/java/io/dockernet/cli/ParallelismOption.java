package io.dockernet.cli;

import io.dockernet.engine.EngineConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --parallelism N}, on the commands that apply something (apply, delete, watch). */
final class ParallelismOption {
  /**
   * Measured on a local engine (docs/benchmarks.md): it runs network calls one at a time, and 2 to
   * 8 in flight were 0-25 % slower than 1. Over tcp the round trips still overlap.
   */
  static final int LOCAL_PARALLELISM = 1;

  static final int REMOTE_PARALLELISM = 4;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private Integer parallelism;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Engine calls in flight at once when applying (default: "
              + LOCAL_PARALLELISM
              + " on a unix socket, where the engine runs network calls one at a time; "
              + REMOTE_PARALLELISM
              + " over tcp, to overlap round trips).")
  void setParallelism(int n) {
    if (n < 1) {
      throw new ParameterException(
          mixee.commandLine(), "--parallelism must be at least 1, got " + n);
    }
    parallelism = n;
  }

  /** --parallelism, else by the engine. */
  int parallelism(EngineConfig engine) {
    return parallelism != null ? parallelism : defaultParallelism(engine);
  }

  static int defaultParallelism(EngineConfig config) {
    return config != null && config.host().startsWith("tcp://")
        ? REMOTE_PARALLELISM
        : LOCAL_PARALLELISM;
  }
}
