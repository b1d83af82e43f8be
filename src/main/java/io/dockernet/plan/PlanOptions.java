package io.dockernet.plan;

/**
 * How to plan.
 *
 * @param mode APPLY converges to the desired state; DELETE removes what it declares
 * @param prune also remove networks (and disconnect endpoints) of the same project that the desired
 *     state no longer declares
 */
public record PlanOptions(Mode mode, boolean prune) {
  public enum Mode {
    APPLY,
    DELETE
  }

  public static PlanOptions apply(boolean prune) {
    return new PlanOptions(Mode.APPLY, prune);
  }

  public static PlanOptions delete() {
    return new PlanOptions(Mode.DELETE, false);
  }
}
