package io.dockernet.exec;

import io.dockernet.engine.DockerGateway;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.validate.Problem;
import java.util.List;

/**
 * The one round both hosts run on an engine: snapshot, engine-side validation, plan, execute, fresh
 * snapshot, result. The CLI adds files and printing, the operator Kubernetes status, Events and
 * finalizers; neither plans or executes any other way.
 */
public final class Converger {

  /**
   * What a host wants, and the rules it checks against the engine's view before anything is
   * planned.
   */
  public interface Source {
    /**
     * Problems that stop the round before a plan (subnets the engine already uses, its API
     * version...).
     */
    List<Problem> check(Snapshot snapshot);

    DesiredState desired();

    /**
     * The snapshot the planner compares with: a host may hide what it cannot plan yet (default: as
     * read).
     */
    default Snapshot visible(Snapshot snapshot) {
      return snapshot;
    }

    /**
     * The plan as the host reports it, e.g. with the subnets it allocated named (default: as
     * planned).
     */
    default Plan report(Plan plan) {
      return plan;
    }
  }

  private final DockerGateway gateway;

  public Converger(DockerGateway gateway) {
    this.gateway = gateway;
  }

  /** Snapshot, check, plan (calling the source in that order): nothing on the engine changes. */
  public Round plan(Source source, PlanOptions options) {
    Snapshot before = gateway.snapshot();
    List<Problem> problems = source.check(before);
    if (!problems.isEmpty()) {
      return new Round(gateway, before, problems, null, null);
    }
    Plan plan = source.report(Planner.plan(source.desired(), source.visible(before), options));
    return new Round(gateway, before, List.of(), plan, null);
  }

  /** Executes a planned round (an invalid one stays as it is). */
  public Round apply(Round planned, Executor executor, ProgressListener listener) {
    if (planned.invalid()) {
      return planned;
    }
    return new Round(
        gateway,
        planned.before(),
        List.of(),
        planned.plan(),
        executor.execute(planned.plan(), listener));
  }

  /** The whole round: plan, and execute unless the check found problems. */
  public Round converge(
      Source source, PlanOptions options, Executor executor, ProgressListener listener) {
    return apply(plan(source, options), executor, listener);
  }
}
