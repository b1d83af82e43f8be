package io.dockernet.exec;

import io.dockernet.engine.DockerGateway;
import io.dockernet.plan.Plan;

/** Applies a plan to an engine in a safe order, in parallel where the engine allows. */
public final class Executor {
  private final DockerGateway gateway;
  private final int parallelism;

  public Executor(DockerGateway gateway, int parallelism) {
    this.gateway = gateway;
    this.parallelism = parallelism;
  }

  public ApplyReport execute(Plan plan, ProgressListener listener) {
    throw new UnsupportedOperationException("executor not written yet");
  }
}
