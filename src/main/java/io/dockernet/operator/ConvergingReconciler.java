package io.dockernet.operator;

import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineException;
import io.dockernet.exec.Converger;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What DockerNetwork and NetworkAttachment reconcilers share. They only orchestrate: resolve the
 * host, validate, plan this one resource against a fresh snapshot (apply, no prune), execute, and
 * map the result and a fresh snapshot into status; on delete, plan in DELETE mode. Engine events
 * reach them through a {@link SimpleInboundEventSource} fed by {@link Engines}; DockerHost changes
 * through {@link HostEvents}.
 *
 * @param <P> the resource
 * @param <S> its status
 */
abstract class ConvergingReconciler<P extends CustomResource<?, S>, S>
    implements Reconciler<P>, Cleaner<P>, Engines.Listener {
  /**
   * Annotation that lets a deletion finish without touching the engine (for engines gone for good).
   */
  public static final String SKIP_CLEANUP = "dockernet.io/skip-cleanup";

  static final String BY_HOST = "byHost";
  static final Duration BLOCKED_DELETE_RECHECK = Duration.ofSeconds(10);

  protected final OperatorContext op;
  protected final SimpleInboundEventSource<P> engineEvents;
  protected volatile IndexerResourceCache<P> cache;
  private final ResourceConverger converger;
  private final StatusPatcher<P, S> statuses;

  ConvergingReconciler(OperatorContext op, String eventSourceName) {
    this.op = op;
    this.engineEvents = new SimpleInboundEventSource<>(eventSourceName);
    this.converger = new ResourceConverger(op);
    this.statuses =
        new StatusPatcher<>(op, this::conditions, this::setConditions, this::emptyStatus);
    op.engines().addListener(this);
  }

  // ---------------------------------------------------------------- per kind

  abstract String specHost(P resource);

  abstract DesiredState desired(P resource);

  /**
   * Status from the engine's state after the round; {@code result} is null when nothing could be
   * asked of the engine.
   */
  abstract S status(P resource, Snapshot after, ResourceResult result);

  abstract String readyMessage(P resource, S status, Plan plan);

  abstract S emptyStatus();

  abstract List<Condition> conditions(S status);

  abstract void setConditions(S status, List<Condition> conditions, Long generation);

  /**
   * Whether the engine may hold something of ours for this resource (if not, deletion needs no
   * engine).
   */
  abstract boolean mayHaveEngineState(P resource);

  /**
   * Extra indexes (e.g. by Docker name); keys are prefixed with the host key by {@link #hostKey}.
   */
  abstract Map<String, java.util.function.Function<P, List<String>>> indexers();

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
    HostResolver.Resolution resolution =
        op.resolver().resolve(resource.getMetadata().getNamespace(), specHost(resource));
    if (resolution instanceof HostResolver.NotServed) {
      op.engines().forget(hostKey(resource)); // the host left this share (or never was in it)
      return UpdateControl.noUpdate();
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      statuses.patchIfChanged(
          resource,
          before,
          statuses.keepEngineFields(resource),
          c.problem(refuse.reason(), refuse.message()));
      return UpdateControl.noUpdate();
    }
    PlanOptions apply = PlanOptions.apply(false);
    Round round =
        converger.run(
            resource, source(resource, apply, true), engine((HostResolver.Use) resolution), apply);
    if (round.invalid()) {
      round.problems().forEach(p -> c.problem(Reason.INVALID, p.toString()));
      statuses.patchIfChanged(resource, before, statuses.keepEngineFields(resource), c);
      return UpdateControl.noUpdate();
    }
    if (Pause.isPaused(resource)) { // planned only: report what would change
      S status = status(resource, round.after(), null);
      if (Pause.holds(round.plan())) {
        c.problem(Reason.PAUSED, Pause.pending(round.plan()));
      } else {
        c.readyWhenClean(Reason.CONVERGED, readyMessage(resource, status, round.plan()));
      }
      statuses.patchIfChanged(resource, before, status, c);
      statuses.warnOnNewProblem(resource, before, c);
      return UpdateControl.noUpdate();
    }
    ResourceResult result = round.result(DesiredState.ref(resource));
    if (result.outcome().isFailure() && result.reason() != null && result.reason().isTransient()) {
      throw new EngineException(
          EngineException.Reason.UNAVAILABLE, 0, String.join("; ", result.messages()), null);
    }
    if (!round.plan().changes().isEmpty() && statuses.wasReadyAtThisGeneration(resource)) {
      op.metrics().driftHealed(resource.getKind());
    }
    S status = status(resource, round.after(), result);
    if (result.outcome().isFailure()) {
      Reason reason = StatusPatcher.reasonOf(result.reason());
      result.messages().forEach(m -> c.problem(reason, m));
      if (result.messages().isEmpty()) {
        c.problem(reason, result.outcome().label());
      }
    } else {
      c.readyWhenClean(Reason.CONVERGED, readyMessage(resource, status, round.plan()));
    }
    statuses.patchIfChanged(resource, before, status, c);
    statuses.warnOnNewProblem(resource, before, c);
    return UpdateControl.noUpdate();
  }

  @Override
  public ErrorStatusUpdateControl<P> updateErrorStatus(
      P resource, Context<P> context, Exception e) {
    S before = statuses.copy(resource.getStatus());
    EngineException engineError = StatusPatcher.engineException(e);
    Reason reason =
        engineError != null && engineError.isTransient()
            ? Reason.ENGINE_UNAVAILABLE
            : Reason.FAILED;
    op.metrics().engineError(reason.code());
    // The engine's own message says it all; JOSDK's wrappers would only repeat it.
    String message = engineError != null ? engineError.getMessage() : StatusPatcher.message(e);
    Conditions c = statuses.start(resource, before).problem(reason, message);
    statuses.warnOnNewProblem(resource, before, c);
    statuses.patchIfChanged(resource, before, statuses.keepEngineFields(resource), c);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(P resource, Context<P> context) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations != null && "true".equalsIgnoreCase(annotations.get(SKIP_CLEANUP))) {
      op.events()
          .warning(
              resource,
              "CleanupSkipped",
              SKIP_CLEANUP
                  + " is set: finalizer removed without touching the engine; anything left there stays");
      return DeleteControl.defaultDelete();
    }
    HostResolver.Resolution resolution =
        op.resolver().resolve(resource.getMetadata().getNamespace(), specHost(resource));
    if (resolution instanceof HostResolver.NotServed) {
      return DeleteControl.noFinalizerRemoval(); // the deployment serving that host removes it
    }
    if (Pause.isPaused(resource)) {
      return blockDeletion(
          resource,
          Reason.PAUSED,
          "deletion waits: "
              + Pause.ANNOTATION
              + "=true holds every engine change, cleanup included; remove the annotation to clean up");
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      if (!mayHaveEngineState(resource)) {
        return DeleteControl.defaultDelete();
      }
      return blockDeletion(resource, refuse.reason(), "cannot clean up: " + refuse.message());
    }
    try {
      PlanOptions delete = PlanOptions.delete();
      Round round =
          converger.run(
              resource,
              source(resource, delete, false),
              engine((HostResolver.Use) resolution),
              delete);
      ResourceResult result = round.result(DesiredState.ref(resource));
      if (result.outcome().isFailure()) {
        Reason reason =
            result.reason() == Reason.IN_USE
                ? Reason.DELETION_BLOCKED
                : StatusPatcher.reasonOf(result.reason());
        return blockDeletion(resource, reason, String.join("\n", result.messages()));
      }
      return DeleteControl.defaultDelete();
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

  /**
   * What a round plans for this resource alone; a kind may complete its desired state from the
   * snapshot first (pools).
   */
  Converger.Source source(P resource, PlanOptions options, boolean validate) {
    return ResourceConverger.source(op, resource, validate, () -> desired(resource));
  }

  private Engines.Engine engine(HostResolver.Use use) {
    return op.engines().get(use.key(), use.config(), use.fingerprint());
  }

  private DeleteControl blockDeletion(P resource, Reason reason, String message) {
    S before = statuses.copy(resource.getStatus());
    String hint =
        message
            + "\nIf the engine is gone for good, annotate the resource with "
            + SKIP_CLEANUP
            + "=\"true\" to remove it without cleanup.";
    Conditions c = statuses.start(resource, before).problem(reason, hint);
    S status = statuses.keepEngineFields(resource);
    statuses.warnOnNewProblem(resource, before, c);
    statuses.tryPatch(resource, before, status, c);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_DELETE_RECHECK);
  }
}
