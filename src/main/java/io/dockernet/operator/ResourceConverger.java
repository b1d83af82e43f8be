package io.dockernet.operator;

import io.dockernet.engine.EngineException;
import io.dockernet.exec.Converger;
import io.dockernet.exec.ProgressListener;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.model.DesiredState;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.PlanOptions;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The operator's part of a {@link Converger} round for one resource: one round per engine at a time
 * (its lock), the resource's own validation, and every action told as a Kubernetes Event and a
 * metric.
 */
final class ResourceConverger {
  private final OperatorContext op;

  ResourceConverger(OperatorContext op) {
    this.op = op;
  }

  /**
   * What a round plans for one resource alone: its own validation against the snapshot, then its
   * desired state.
   */
  static Converger.Source source(
      OperatorContext op, HasMetadata resource, boolean validate, Supplier<DesiredState> desired) {
    return new Converger.Source() {
      @Override
      public List<Problem> check(Snapshot snapshot) {
        return validate ? op.validator().problems(resource, snapshot) : List.of();
      }

      @Override
      public DesiredState desired() {
        return desired.get(); // only asked for a valid spec
      }
    };
  }

  /**
   * Plans {@code source} against a fresh snapshot of the host's engine and executes it, one round
   * per engine at a time. When the plan changes the engine, the resources {@code along} names (the
   * host's, waiting for a round of their own) are planned with it, and their changes run in the
   * same round ({@link HostBatch}); a round with nothing to change (a resync, an echo) asks for
   * none, so it costs what it did. The round's Kubernetes Events are recorded once the engine is
   * free for the next round: each is a request to the API server, and the engine's rounds waited on
   * them.
   */
  Round run(
      HasMetadata resource,
      Converger.Source source,
      Supplier<List<HostBatch.Along>> along,
      HostResolver.Use host,
      PlanOptions options) {
    Engines.Engine engine = op.engines().get(host.key(), host.config(), host.fingerprint());
    Queue<Runnable> events = new ConcurrentLinkedQueue<>(); // the executor's threads tell in turn
    engine.lock().lock();
    try {
      Converger converger = new Converger(engine.gateway());
      Round planned = converger.plan(source, options);
      // A paused resource is planned (its drift reported), never executed.
      if (planned.invalid() || Pause.isPaused(resource)) {
        return planned;
      }
      Map<ResourceRef, HasMetadata> told = new HashMap<>();
      told.put(DesiredState.ref(resource), resource);
      if (!planned.plan().changes().isEmpty()) {
        List<HostBatch.Along> waiting = along.get();
        if (!waiting.isEmpty()) {
          HostBatch batch = new HostBatch(source, waiting);
          planned = converger.plan(batch, options);
          batch.kept().forEach(r -> told.put(DesiredState.ref(r), r));
        }
      }
      Round round =
          planned.invalid()
              ? planned
              : converger.apply(planned, engine.executor(), listener(told, resource, events));
      round.after(); // read while no other round can change the engine
      return round;
    } finally {
      engine.lock().unlock();
      events.forEach(Runnable::run);
    }
  }

  /**
   * Throws when the resource's round failed for a transient reason (engine unavailable), so that
   * JOSDK retries it with backoff; a null result (paused, planned only) never throws.
   */
  static void retryIfTransient(ResourceResult result) {
    if (transientFailure(result)) {
      throw new EngineException(
          EngineException.Reason.UNAVAILABLE, 0, String.join("; ", result.messages()), null);
    }
  }

  /** The round failed for a reason that may pass (the engine did not answer). */
  static boolean transientFailure(ResourceResult result) {
    return result != null
        && result.outcome().isFailure()
        && result.reason() != null
        && result.reason().isTransient();
  }

  /**
   * Counts every action at once; its Kubernetes Event, on the resource the action is for ({@code
   * told}, else {@code first}), goes to {@code events}, for later.
   */
  private ProgressListener listener(
      Map<ResourceRef, HasMetadata> told, HasMetadata first, Queue<Runnable> events) {
    return (action, succeeded, message) -> {
      if (!action.phase().runs()) {
        return; // reported once through the Ready condition
      }
      HasMetadata resource = told.getOrDefault(action.resource(), first);
      if (succeeded) {
        op.metrics().actionApplied(action.getClass().getSimpleName());
        String reason = action.verb().eventReason();
        String text = action.done() + " (" + action.reason() + ")";
        events.add(() -> op.events().normal(resource, reason, text));
      } else {
        op.metrics().engineError("ActionFailed");
        String text = action.done() + " failed: " + Objects.requireNonNullElse(message, "");
        events.add(() -> op.events().warning(resource, "Failed", text));
      }
    };
  }
}
