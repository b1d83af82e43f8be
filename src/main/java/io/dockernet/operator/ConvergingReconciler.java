package io.dockernet.operator;

import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineException;
import io.dockernet.exec.ApplyReport;
import io.dockernet.exec.Outcome;
import io.dockernet.exec.ProgressListener;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.DesiredState;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What DockerNetwork and NetworkAttachment reconcilers share. They only orchestrate: resolve the
 * host, validate, plan this one resource against a fresh snapshot (apply, no prune), execute, and
 * map the result and a fresh snapshot into status; on delete, plan in DELETE mode. Engine events
 * reach them through a {@link SimpleInboundEventSource} fed by {@link Engines}.
 *
 * @param <P> the resource
 * @param <S> its status
 */
abstract class ConvergingReconciler<P extends CustomResource<?, S>, S>
    implements Reconciler<P>, Cleaner<P>, Engines.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConvergingReconciler.class);
  /** Annotation that lets a deletion finish without touching the engine (for engines gone for good). */
  public static final String SKIP_CLEANUP = "dockernet.io/skip-cleanup";
  static final String BY_HOST = "byHost";
  static final Duration BLOCKED_DELETE_RECHECK = Duration.ofSeconds(10);

  protected final OperatorContext op;
  protected final SimpleInboundEventSource<P> engineEvents;
  protected volatile IndexerResourceCache<P> cache;

  ConvergingReconciler(OperatorContext op, String eventSourceName) {
    this.op = op;
    this.engineEvents = new SimpleInboundEventSource<>(eventSourceName);
    op.engines().addListener(this);
  }

  // ---------------------------------------------------------------- per kind

  abstract String specHost(P resource);

  abstract DesiredState desired(P resource);

  /** Status from the engine's state after the round; {@code result} is null when nothing could be asked of the engine. */
  abstract S status(P resource, Snapshot after, ResourceResult result);

  abstract S emptyStatus();

  abstract List<Condition> conditions(S status);

  abstract void setConditions(S status, List<Condition> conditions, Long generation);

  /** Whether the engine may hold something of ours for this resource (if not, deletion needs no engine). */
  abstract boolean mayHaveEngineState(P resource);

  /** Extra indexes (e.g. by Docker name); keys are prefixed with the host key by {@link #hostKey}. */
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
    return List.of(engineEvents);
  }

  @Override
  public UpdateControl<P> reconcile(P resource, Context<P> context) {
    S before = copy(resource.getStatus());
    HostResolver.Resolution resolution = op.resolver().resolve(resource.getMetadata().getNamespace(), specHost(resource));
    if (resolution instanceof HostResolver.NotServed) {
      return UpdateControl.noUpdate();
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      S status = keepEngineFields(resource);
      Conditions c = Conditions.from(conditions(before), generation(resource)).problem(refuse.reason(), refuse.message());
      return patchIfChanged(resource, before, status, c);
    }
    HostResolver.Use use = (HostResolver.Use) resolution;
    Engines.Engine engine = op.engines().get(use.key(), use.config(), use.fingerprint());
    Round round = runRound(resource, engine, PlanOptions.apply(false), true);
    if (round.invalid() != null) {
      Conditions c = Conditions.from(conditions(before), generation(resource));
      round.invalid().forEach(p -> c.problem(Reason.INVALID, p));
      return patchIfChanged(resource, before, keepEngineFields(resource), c);
    }
    ResourceResult result = round.result();
    if (result.outcome().isFailure() && isTransient(result.reason())) {
      throw new EngineException(EngineException.Reason.UNAVAILABLE, 0, String.join("; ", result.messages()), null);
    }
    if (!round.plan().changes().isEmpty() && wasReadyAtThisGeneration(resource)) {
      op.metrics().driftHealed(resource.getKind());
    }
    S status = status(resource, round.after(), result);
    Conditions c = Conditions.from(conditions(before), generation(resource));
    if (result.outcome().isFailure()) {
      Reason reason = result.reason() == null ? Reason.FAILED : result.reason();
      result.messages().forEach(m -> c.problem(reason, m));
      if (result.messages().isEmpty()) {
        c.problem(reason, result.outcome().label());
      }
    } else {
      c.readyWhenClean(Reason.CONVERGED, readyMessage(resource, status, round.plan()));
    }
    UpdateControl<P> control = patchIfChanged(resource, before, status, c);
    warnOnNewProblem(resource, before, c);
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<P> updateErrorStatus(P resource, Context<P> context, Exception e) {
    S before = copy(resource.getStatus());
    EngineException engineError = engineException(e);
    Reason reason = engineError != null && engineError.isTransient() ? Reason.ENGINE_UNAVAILABLE : Reason.FAILED;
    op.metrics().engineError(reason.code());
    S status = keepEngineFields(resource);
    // The engine's own message says it all; JOSDK's wrappers would only repeat it.
    String message = engineError != null ? engineError.getMessage() : message(e);
    Conditions c = Conditions.from(conditions(before), generation(resource)).problem(reason, message);
    setConditions(status, c.build(), generation(resource));
    warnOnNewProblem(resource, before, c);
    if (Conditions.differs(before, status)) {
      op.statusWriter().write(resource, status);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(P resource, Context<P> context) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations != null && "true".equalsIgnoreCase(annotations.get(SKIP_CLEANUP))) {
      op.events().warning(resource, "CleanupSkipped",
          SKIP_CLEANUP + " is set: finalizer removed without touching the engine; anything left there stays");
      return DeleteControl.defaultDelete();
    }
    HostResolver.Resolution resolution = op.resolver().resolve(resource.getMetadata().getNamespace(), specHost(resource));
    if (resolution instanceof HostResolver.NotServed) {
      return DeleteControl.noFinalizerRemoval(); // the deployment serving that host removes it
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      if (!mayHaveEngineState(resource)) {
        return DeleteControl.defaultDelete();
      }
      return blockDeletion(resource, refuse.reason(), "cannot clean up: " + refuse.message());
    }
    HostResolver.Use use = (HostResolver.Use) resolution;
    try {
      Round round = runRound(resource, op.engines().get(use.key(), use.config(), use.fingerprint()), PlanOptions.delete(), false);
      ResourceResult result = round.result();
      if (result.outcome().isFailure()) {
        Reason reason = result.reason() == Reason.IN_USE ? Reason.DELETION_BLOCKED : Objects.requireNonNullElse(result.reason(), Reason.FAILED);
        return blockDeletion(resource, reason, String.join("\n", result.messages()));
      }
      return DeleteControl.defaultDelete();
    } catch (EngineException e) {
      op.metrics().engineError(e.reason().name());
      return blockDeletion(resource, e.isTransient() ? Reason.ENGINE_UNAVAILABLE : Reason.FAILED, "cannot clean up: " + e.getMessage());
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
    cache.byIndex(BY_HOST, hostKey).forEach(r -> engineEvents.propagateEvent(ResourceID.fromResource(r)));
  }

  /** A DockerHost changed (endpoint, TLS, allowed namespaces): reconcile everything that names it. */
  void hostChanged(String hostName) {
    resync("host/" + hostName);
  }

  // ---------------------------------------------------------------- helpers

  String hostKey(P resource) {
    return op.resolver().hostKey(specHost(resource));
  }

  /** One round on one engine: validate, snapshot, plan this resource alone, execute, snapshot again when something changed. */
  Round runRound(P resource, Engines.Engine engine, PlanOptions options, boolean validate) {
    ResourceRef ref = DesiredState.ref(resource);
    engine.lock().lock();
    try {
      Snapshot before = engine.gateway().snapshot();
      if (validate) {
        List<String> problems = op.validator().problems(resource, before);
        if (!problems.isEmpty()) {
          return new Round(null, null, before, problems);
        }
      }
      Plan plan = plan(resource, engine, before, options);
      ResourceResult result;
      Snapshot after = before;
      if (plan.actions().isEmpty()) {
        result = new ResourceResult(ref, Outcome.NOOP, null, plan.notes(ref));
      } else {
        ApplyReport report = engine.executor().execute(plan, listener(resource));
        result = report.results().stream().filter(r -> r.resource().equals(ref)).findFirst()
            .orElse(new ResourceResult(ref, Outcome.NOOP, null, List.of()));
        if (!plan.changes().isEmpty()) {
          after = engine.gateway().snapshot();
        }
      }
      return new Round(plan, result, after, null);
    } finally {
      engine.lock().unlock();
    }
  }

  record Round(Plan plan, ResourceResult result, Snapshot after, List<String> invalid) {}

  /** The plan for this resource alone; a kind may first complete its desired state from the snapshot (pools). */
  Plan plan(P resource, Engines.Engine engine, Snapshot before, PlanOptions options) {
    return Planner.plan(desired(resource), before, options);
  }

  private ProgressListener listener(P resource) {
    return (action, succeeded, message) -> {
      if (!action.phase().runs()) {
        return; // reported once through the Ready condition (warnOnNewProblem)
      }
      String what = action.done();
      if (succeeded) {
        op.metrics().actionApplied(action.getClass().getSimpleName());
        op.events().normal(resource, action.verb().eventReason(), what + " (" + action.reason() + ")");
      } else {
        op.metrics().engineError("ActionFailed");
        op.events().warning(resource, "Failed", what + " failed: " + Objects.requireNonNullElse(message, ""));
      }
    };
  }

  abstract String readyMessage(P resource, S status, Plan plan);

  private void warnOnNewProblem(P resource, S before, Conditions c) {
    if (!c.hasProblems()) {
      return;
    }
    List<Condition> now = c.build();
    Condition was = Conditions.find(conditions(before), Conditions.READY);
    Condition is = Conditions.find(now, Conditions.READY);
    if (was == null || !Objects.equals(was.getReason(), is.getReason()) || !Objects.equals(was.getMessage(), is.getMessage())
        || !Objects.equals(was.getStatus(), is.getStatus())) {
      op.events().warning(resource, is.getReason(), is.getMessage());
    }
  }

  private DeleteControl blockDeletion(P resource, Reason reason, String message) {
    S before = copy(resource.getStatus());
    S status = keepEngineFields(resource);
    String hint = message + "\nIf the engine is gone for good, annotate the resource with " + SKIP_CLEANUP
        + "=\"true\" to remove it without cleanup.";
    Conditions c = Conditions.from(conditions(before), generation(resource)).problem(reason, hint);
    setConditions(status, c.build(), generation(resource));
    if (Conditions.differs(before, status)) {
      warnOnNewProblem(resource, before, c);
      try {
        op.statusWriter().write(resource, status);
      } catch (RuntimeException e) {
        LOG.warn("could not write status of {}: {}", resource.getMetadata().getName(), e.toString());
      }
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_DELETE_RECHECK);
  }

  private UpdateControl<P> patchIfChanged(P resource, S before, S status, Conditions c) {
    setConditions(status, c.build(), generation(resource));
    if (Conditions.differs(before, status)) {
      op.statusWriter().write(resource, status);
    }
    return UpdateControl.noUpdate();
  }

  /** The status as it is, for rounds that could not look at the engine (the last known engine facts stay). */
  private S keepEngineFields(P resource) {
    S current = copy(resource.getStatus());
    return current == null ? emptyStatus() : current;
  }

  private boolean wasReadyAtThisGeneration(P resource) {
    S status = resource.getStatus();
    Condition ready = status == null ? null : Conditions.find(conditions(status), Conditions.READY);
    return ready != null && Conditions.TRUE.equals(ready.getStatus())
        && Objects.equals(ready.getObservedGeneration(), generation(resource));
  }

  static boolean isTransient(Reason reason) {
    return reason != null && reason.isTransient();
  }

  static Long generation(io.fabric8.kubernetes.api.model.HasMetadata resource) {
    return resource.getMetadata().getGeneration();
  }

  @SuppressWarnings("unchecked")
  S copy(S status) {
    return status == null ? null : (S) Serialization.clone(status);
  }

  private static EngineException engineException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EngineException ee) {
        return ee;
      }
    }
    return null;
  }

  private static String message(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
      if (t.getMessage() != null && !parts.contains(t.getMessage())) {
        parts.add(t.getMessage());
      }
    }
    return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
  }
}
