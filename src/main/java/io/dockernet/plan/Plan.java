package io.dockernet.plan;

import io.dockernet.model.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ordered actions, plus every desired resource the plan covers (so that resources with no action
 * can be reported as {@code noop}), and notes: why a resource needs nothing even though a reader
 * might expect something (adopted network, deletionPolicy Orphan, network left in place...).
 */
public record Plan(
    List<Action> actions, Set<ResourceRef> resources, Map<ResourceRef, List<String>> notes) {
  public Plan {
    actions = List.copyOf(actions);
    resources = Set.copyOf(resources);
    notes =
        notes == null
            ? Map.of()
            : notes.entrySet().stream()
                .collect(
                    Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> List.copyOf(e.getValue())));
  }

  public Plan(List<Action> actions, Set<ResourceRef> resources) {
    this(actions, resources, Map.of());
  }

  /** True when nothing is to be done and nothing is blocked. */
  public boolean converged() {
    return actions.isEmpty();
  }

  /** Actions that would change the engine (everything but {@link Action.Blocked}). */
  public List<Action> changes() {
    return actions.stream().filter(a -> a.phase().runs()).toList();
  }

  /** The notes about one resource (empty when none). */
  public List<String> notes(ResourceRef resource) {
    return notes.getOrDefault(resource, List.of());
  }
}
