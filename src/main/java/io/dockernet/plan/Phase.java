package io.dockernet.plan;

/**
 * When an action runs. The executor runs the phases in this order, each a barrier (a subnet freed
 * by a removal is free before any create); a plan lists its actions in the same order.
 *
 * <p>Config-only networks are removed after the networks that take their config from them and
 * created before them (the engine refuses either the other way round). The journal of an
 * interrupted recreate is dropped last, once its recreate is done. Blocked steps are listed last
 * and never run.
 */
public enum Phase {
  DISCONNECT,
  REMOVE,
  REMOVE_CONFIG_ONLY,
  CREATE_CONFIG_ONLY,
  CREATE,
  RECREATE,
  CONNECT,
  DROP_JOURNAL,
  BLOCKED;

  /** Whether the executor runs actions of this phase (everything but blocked steps). */
  public boolean runs() {
    return this != BLOCKED;
  }
}
