package io.dockernet.operator;

import io.dockernet.exec.ResourceResult;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What one kind's status looks like: how it is filled from the engine after a round, what Ready
 * says, and where its conditions live. {@link StatusPatcher} writes it; the reconcilers never build
 * a status themselves.
 *
 * @param <P> the resource
 * @param <S> its status
 */
interface StatusKind<P, S> {
  S empty();

  List<Condition> conditions(S status);

  void setConditions(S status, List<Condition> conditions, Long generation);

  /**
   * Status from the engine's state after the round; {@code result} is null when nothing could be
   * asked of the engine (a paused resource).
   */
  S fromEngine(P resource, Snapshot after, ResourceResult result);

  /** The Ready message of a converged resource. */
  String readyMessage(P resource, S status, Plan plan);

  /**
   * Whether the engine may hold something of ours for this resource (if not, deletion needs no
   * engine).
   */
  boolean mayHaveEngineState(P resource);
}
