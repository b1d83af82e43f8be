package io.dockernet.operator;

import io.dockernet.engine.EngineException;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.model.DesiredState;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a converging kind's deletion ends: the finalizer goes once the delete round succeeded (or
 * nothing can be on the engine); otherwise Ready says why and the deletion is tried again after
 * {@link Cleanup#BLOCKED_RECHECK}.
 *
 * @param <P> the resource
 * @param <S> its status
 */
final class Deletion<P extends CustomResource<?, S>, S> {
  private final OperatorContext op;
  private final StatusPatcher<P, S> statuses;

  Deletion(OperatorContext op, StatusPatcher<P, S> statuses) {
    this.op = op;
    this.statuses = statuses;
  }

  /**
   * Decides the deletion: skipped on request, left to the deployment serving the host, held while
   * paused, blocked when the host is refused and something may be left there; otherwise runs the
   * delete round, whose failure (or the engine's) blocks it.
   *
   * @param host resolved only when the engine is needed
   */
  DeleteControl run(
      P resource, Supplier<HostResolver.Resolution> host, Function<HostResolver.Use, Round> round) {
    if (Cleanup.skipped(op, resource)) {
      return DeleteControl.defaultDelete();
    }
    HostResolver.Resolution resolution = host.get();
    if (resolution instanceof HostResolver.NotServed) {
      return DeleteControl.noFinalizerRemoval(); // the deployment serving that host removes it
    }
    if (Pause.isPaused(resource)) {
      return blocked(resource, Reason.PAUSED, Cleanup.PAUSED);
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      return refused(resource, refuse);
    }
    try {
      ResourceResult result =
          round.apply((HostResolver.Use) resolution).result(DesiredState.ref(resource));
      return result.outcome().isFailure()
          ? blocked(resource, Cleanup.reasonOf(result), String.join("\n", result.messages()))
          : DeleteControl.defaultDelete();
    } catch (EngineException e) {
      op.metrics().engineError(e.reason().name());
      return blocked(
          resource,
          e.isTransient() ? Reason.ENGINE_UNAVAILABLE : Reason.FAILED,
          "cannot clean up: " + e.getMessage());
    }
  }

  /** The host cannot be used: blocks only if the resource may have left something there. */
  private DeleteControl refused(P resource, HostResolver.Refuse refuse) {
    return statuses.kind().mayHaveEngineState(resource)
        ? blocked(resource, refuse.reason(), "cannot clean up: " + refuse.message())
        : DeleteControl.defaultDelete();
  }

  private DeleteControl blocked(P resource, Reason reason, String message) {
    statuses.blockDeletion(resource, reason, message);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Cleanup.BLOCKED_RECHECK);
  }
}
