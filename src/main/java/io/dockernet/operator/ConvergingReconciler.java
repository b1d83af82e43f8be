package io.dockernet.operator;

import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineException;
import io.dockernet.exec.Converger;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.model.DesiredState;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What DockerNetwork and NetworkAttachment reconcilers share. They only orchestrate: resolve the
 * host, plan this one resource against a fresh snapshot (apply, no prune) and execute it ({@link
 * ResourceConverger}), hand the round to {@link StatusPatcher} for status; on delete, plan in
 * DELETE mode. Engine events reach them through a {@link SimpleInboundEventSource} fed by {@link
 * Engines}; DockerHost changes through {@link HostEvents}.
 *
 * @param <P> the resource
 * @param <S> its status
 */
abstract class ConvergingReconciler<P extends CustomResource<?, S>, S>
    implements Reconciler<P>, Cleaner<P>, Engines.Listener {
  static final String BY_HOST = "byHost";

  protected final OperatorContext op;
  protected final SimpleInboundEventSource<P> engineEvents;
  protected volatile IndexerResourceCache<P> cache;
  private final ResourceConverger converger;
  private final StatusPatcher<P, S> statuses;

  ConvergingReconciler(OperatorContext op, String eventSourceName, StatusKind<P, S> kind) {
    this.op = op;
    this.engineEvents = new SimpleInboundEventSource<>(eventSourceName);
    this.converger = new ResourceConverger(op);
    this.statuses = new StatusPatcher<>(op, kind);
    op.engines().addListener(this);
  }

  // ---------------------------------------------------------------- per kind

  abstract String specHost(P resource);

  abstract DesiredState desired(P resource);

  /**
   * Extra indexes (e.g. by Docker name); keys are prefixed with the host key by {@link #hostKey}.
   */
  abstract Map<String, Function<P, List<String>>> indexers();

  /** Which of this kind's resources an engine event concerns. */
  abstract List<P> affectedBy(String hostKey, EngineEvent event);

  // ---------------------------------------------------------------- JOSDK

  @Override
  public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
    IndexerResourceCache<P> primaries = context.getPrimaryCache();
    primaries.addIndexer(BY_HOST, r -> List.of(hostKey(r)));
    indexers().forEach(primaries::addIndexer);
    this.cache = primaries;
    return List.of(
        engineEvents, HostEvents.of(op, context, key -> primaries.byIndex(BY_HOST, key).stream()));
  }

  @Override
  public UpdateControl<P> reconcile(P resource, Context<P> context) {
    S before = statuses.copy(resource.getStatus());
    Conditions c = statuses.start(resource, before);
    HostResolver.Resolution resolution = resolve(resource);
    if (resolution instanceof HostResolver.NotServed) {
      op.engines().forget(hostKey(resource)); // the host left this share (or never was in it)
      return UpdateControl.noUpdate();
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      c.problem(refuse.reason(), refuse.message());
      statuses.patchIfChanged(resource, before, statuses.keepEngineFields(resource), c);
      return UpdateControl.noUpdate();
    }
    PlanOptions apply = PlanOptions.apply(false);
    Round round = converger.run(resource, source(resource, apply, true), engine(resolution), apply);
    if (round.invalid()) {
      statuses.reportInvalid(resource, before, c, round.problems());
      return UpdateControl.noUpdate();
    }
    // A paused resource was planned only: its round has no result.
    ResourceResult result =
        Pause.isPaused(resource) ? null : round.result(DesiredState.ref(resource));
    if (result != null && result.outcome().isFailure() && transientReason(result)) {
      throw new EngineException( // retried with backoff
          EngineException.Reason.UNAVAILABLE, 0, String.join("; ", result.messages()), null);
    }
    if (result != null
        && !round.plan().changes().isEmpty()
        && statuses.wasReadyAtThisGeneration(resource)) {
      op.metrics().driftHealed(resource.getKind());
    }
    statuses.report(resource, before, c, round, result);
    return UpdateControl.noUpdate();
  }

  @Override
  public ErrorStatusUpdateControl<P> updateErrorStatus(
      P resource, Context<P> context, Exception e) {
    statuses.reportError(resource, e);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(P resource, Context<P> context) {
    if (Cleanup.skipped(op, resource)) {
      return DeleteControl.defaultDelete();
    }
    HostResolver.Resolution resolution = resolve(resource);
    if (resolution instanceof HostResolver.NotServed) {
      return DeleteControl.noFinalizerRemoval(); // the deployment serving that host removes it
    }
    if (Pause.isPaused(resource)) {
      return blockDeletion(resource, Reason.PAUSED, Cleanup.PAUSED);
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      return statuses.kind().mayHaveEngineState(resource)
          ? blockDeletion(resource, refuse.reason(), "cannot clean up: " + refuse.message())
          : DeleteControl.defaultDelete();
    }
    try {
      PlanOptions delete = PlanOptions.delete();
      Round round =
          converger.run(resource, source(resource, delete, false), engine(resolution), delete);
      ResourceResult result = round.result(DesiredState.ref(resource));
      return result.outcome().isFailure()
          ? blockDeletion(resource, Cleanup.reasonOf(result), String.join("\n", result.messages()))
          : DeleteControl.defaultDelete();
    } catch (EngineException e) {
      op.metrics().engineError(e.reason().name());
      return blockDeletion(
          resource,
          e.isTransient() ? Reason.ENGINE_UNAVAILABLE : Reason.FAILED,
          "cannot clean up: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- engine events

  @Override
  public void onEvent(String hostKey, EngineEvent event) {
    if (cache == null) {
      return;
    }
    for (P resource : affectedBy(hostKey, event)) {
      engineEvents.propagateEvent(ResourceID.fromResource(resource));
    }
  }

  @Override
  public void resync(String hostKey) {
    if (cache == null) {
      return;
    }
    cache
        .byIndex(BY_HOST, hostKey)
        .forEach(r -> engineEvents.propagateEvent(ResourceID.fromResource(r)));
  }

  // ---------------------------------------------------------------- helpers

  String hostKey(P resource) {
    return op.resolver().hostKey(specHost(resource));
  }

  private HostResolver.Resolution resolve(P resource) {
    return op.resolver().resolve(resource.getMetadata().getNamespace(), specHost(resource));
  }

  /**
   * What a round plans for this resource alone; a kind may complete its desired state from the
   * snapshot first (pools).
   */
  Converger.Source source(P resource, PlanOptions options, boolean validate) {
    return ResourceConverger.source(op, resource, validate, () -> desired(resource));
  }

  private Engines.Engine engine(HostResolver.Resolution resolution) {
    HostResolver.Use use = (HostResolver.Use) resolution;
    return op.engines().get(use.key(), use.config(), use.fingerprint());
  }

  private static boolean transientReason(ResourceResult result) {
    return result.reason() != null && result.reason().isTransient();
  }

  private DeleteControl blockDeletion(P resource, Reason reason, String message) {
    statuses.blockDeletion(resource, reason, message);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Cleanup.BLOCKED_RECHECK);
  }
}
