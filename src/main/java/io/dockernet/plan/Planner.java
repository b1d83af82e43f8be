package io.dockernet.plan;

import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;

/** The pure planner: desired state and an observed snapshot in, ordered actions out. No I/O. */
public final class Planner {
  private Planner() {}

  public static Plan plan(DesiredState desired, Snapshot snapshot, PlanOptions options) {
    throw new UnsupportedOperationException("planner not written yet");
  }
}
