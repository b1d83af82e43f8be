package io.dockernet.plan;

import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;

/**
 * The pure planner: desired state and an observed snapshot in, ordered actions out. No I/O; linear
 * in the size of both (hash maps by name and id), deterministic order. The rules are in
 * docs/architecture.md ("Planner rules").
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(DesiredState desired, Snapshot snapshot, PlanOptions options) {
    return new PlanRun(desired, snapshot, options).plan();
  }
}
