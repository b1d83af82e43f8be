package io.dockernet.operator;

import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.pool.Allocation;
import io.dockernet.validate.Problem;
import java.util.List;
import java.util.function.Function;

/**
 * A round's source for a DockerNetwork that asks pools for subnets: once its spec is valid they are
 * allocated (io.dockernet.pool), under the engine's lock the round holds, so the planner sees
 * concrete subnets.
 */
final class PooledSource implements Converger.Source {
  private final Converger.Source plain;
  private final Function<Snapshot, Allocation> allocate;
  private final String project;
  private final Runnable touched;
  private Allocation allocation;

  /**
   * @param touched told once the allocation may have changed (the pools' status follows)
   */
  PooledSource(
      Converger.Source plain,
      Function<Snapshot, Allocation> allocate,
      String project,
      Runnable touched) {
    this.plain = plain;
    this.allocate = allocate;
    this.project = project;
    this.touched = touched;
  }

  @Override
  public List<Problem> check(Snapshot snapshot) {
    List<Problem> problems = plain.check(snapshot);
    if (problems.isEmpty()) {
      allocation = allocate.apply(snapshot);
      touched.run();
    }
    return problems;
  }

  @Override
  public DesiredState desired() {
    return DesiredState.from(project, allocation.networks(), List.of());
  }

  @Override
  public Snapshot visible(Snapshot snapshot) {
    return allocation.visible(snapshot);
  }

  @Override
  public Plan report(Plan plan) {
    return allocation.report(plan);
  }
}
