package io.dockernet.plan;

import io.dockernet.model.ResourceRef;
import java.util.List;
import java.util.Set;

/**
 * Ordered actions, plus every desired resource the plan covers (so that resources with no action
 * can be reported as {@code noop}).
 */
public record Plan(List<Action> actions, Set<ResourceRef> resources) {
  public Plan {
    actions = List.copyOf(actions);
    resources = Set.copyOf(resources);
  }

  /** True when nothing is to be done and nothing is blocked. */
  public boolean converged() {
    return actions.isEmpty();
  }

  /** Actions that would change the engine (everything but {@link Action.Blocked}). */
  public List<Action> changes() {
    return actions.stream().filter(a -> !(a instanceof Action.Blocked)).toList();
  }
}
