package io.dockernet.exec;

import io.dockernet.engine.DockerGateway;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;

/** One round: read the engine, plan, apply. Both hosts (CLI and operator) run rounds through this. */
public final class Converger {
  private final DockerGateway gateway;
  private final Executor executor;

  public Converger(DockerGateway gateway, Executor executor) {
    this.gateway = gateway;
    this.executor = executor;
  }

  public Plan plan(DesiredState desired, PlanOptions options) {
    return Planner.plan(desired, gateway.snapshot(), options);
  }

  public Plan plan(DesiredState desired, Snapshot snapshot, PlanOptions options) {
    return Planner.plan(desired, snapshot, options);
  }

  public ApplyReport converge(DesiredState desired, PlanOptions options, ProgressListener listener) {
    return executor.execute(plan(desired, options), listener);
  }

  public DockerGateway gateway() {
    return gateway;
  }
}
