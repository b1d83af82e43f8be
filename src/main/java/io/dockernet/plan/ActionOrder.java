package io.dockernet.plan;

import java.util.Comparator;

/**
 * The order of a plan: by {@link Phase} (the order the executor runs them in, blocked steps last);
 * within a phase by network name, then container name, then resource.
 */
final class ActionOrder {
  private ActionOrder() {}

  static final Comparator<Action> COMPARATOR =
      Comparator.comparingInt((Action a) -> a.phase().ordinal())
          .thenComparing(Action::network)
          .thenComparing(ActionOrder::container)
          .thenComparing(a -> a.resource().toString())
          .thenComparing(Action::reason);

  private static String container(Action action) {
    String name = action.containerName();
    return name == null ? "" : name;
  }
}
