package io.dockernet.plan;

import java.util.Comparator;

/**
 * The safe order of a plan: disconnects, network removals, creates, recreates, connects (blocked
 * steps last); within a kind by network name, then container name, then resource.
 */
final class ActionOrder {
  private ActionOrder() {}

  static final Comparator<Action> COMPARATOR = Comparator
      .comparingInt(ActionOrder::phase)
      .thenComparing(ActionOrder::network)
      .thenComparing(ActionOrder::container)
      .thenComparing(a -> a.resource().toString())
      .thenComparing(Action::reason);

  /** 0 disconnect, 1 remove, 2 create, 3 recreate, 4 connect, 5 blocked. */
  static int phase(Action action) {
    if (action instanceof Action.Disconnect) {
      return 0;
    } else if (action instanceof Action.RemoveNetwork) {
      return 1;
    } else if (action instanceof Action.CreateNetwork) {
      return 2;
    } else if (action instanceof Action.RecreateNetwork) {
      return 3;
    } else if (action instanceof Action.Connect) {
      return 4;
    }
    return 5;
  }

  /** The Docker network an action works on ("" for blocked steps). */
  static String network(Action action) {
    if (action instanceof Action.Disconnect d) {
      return d.network();
    } else if (action instanceof Action.RemoveNetwork r) {
      return r.networkName();
    } else if (action instanceof Action.CreateNetwork c) {
      return c.config().name();
    } else if (action instanceof Action.RecreateNetwork r) {
      return r.config().name();
    } else if (action instanceof Action.Connect c) {
      return c.network();
    }
    return "";
  }

  private static String container(Action action) {
    if (action instanceof Action.Disconnect d) {
      return d.containerName() == null ? "" : d.containerName();
    } else if (action instanceof Action.Connect c) {
      return c.containerName() == null ? "" : c.containerName();
    }
    return "";
  }
}
