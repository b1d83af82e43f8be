package io.dockernet.exec;

import io.dockernet.engine.DockerGateway;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.validate.Problem;
import java.util.List;

/**
 * What one {@link Converger} round found and did: the snapshot it planned against, the problems
 * that stopped it (then there is no plan), the plan, and the report once executed.
 */
public final class Round {
  private final DockerGateway gateway;
  private final Snapshot before;
  private final List<Problem> problems;
  private final Plan plan;
  private final ApplyReport report;
  private Snapshot after;

  Round(
      DockerGateway gateway,
      Snapshot before,
      List<Problem> problems,
      Plan plan,
      ApplyReport report) {
    this.gateway = gateway;
    this.before = before;
    this.problems = List.copyOf(problems);
    this.plan = plan;
    this.report = report;
  }

  public Snapshot before() {
    return before;
  }

  /** True when the engine-side check found problems: nothing was planned. */
  public boolean invalid() {
    return !problems.isEmpty();
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The plan (null when {@link #invalid()}). */
  public Plan plan() {
    return plan;
  }

  /** The executor's report (null until executed). */
  public ApplyReport report() {
    return report;
  }

  /** The result of one resource of an executed round. */
  public ResourceResult result(ResourceRef ref) {
    return report.results().stream()
        .filter(r -> r.resource().equals(ref))
        .findFirst()
        .orElse(new ResourceResult(ref, Outcome.NOOP, null, List.of()));
  }

  /**
   * The engine after the round: a fresh snapshot when it changed anything, else the one it planned
   * against.
   */
  public synchronized Snapshot after() {
    if (after == null) {
      after = report == null || plan.changes().isEmpty() ? before : gateway.snapshot();
    }
    return after;
  }
}
