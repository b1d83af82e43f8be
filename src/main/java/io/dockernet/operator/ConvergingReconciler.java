package io.dockernet.operator;

import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineException;
import io.dockernet.exec.Converger;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.model.DesiredState;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.PlanOptions;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What DockerNetwork and NetworkAttachment reconcilers share. They only orchestrate: resolve the
 * host, plan this one resource against a fresh snapshot (apply, no prune) and execute it ({@link
 * ResourceConverger}), hand the round to {@link StatusPatcher} for status; on delete, plan in
 * DELETE mode. Engine events and DockerHost changes reach them through {@link PrimaryEvents}, which
 * also holds their cache.
 *
 * @param <P> the resource
 * @param <S> its status
 */
abstract class ConvergingReconciler<P extends CustomResource<?, S>, S>
    implements Reconciler<P>, Cleaner<P> {
  protected final OperatorContext op;
  protected final PrimaryEvents<P> events;
  private final ResourceConverger converger;
  private final StatusPatcher<P, S> statuses;
  private final Deletion<P, S> deletion;

  ConvergingReconciler(OperatorContext op, String eventSourceName, StatusKind<P, S> kind) {
    this.op = op;
    this.events = new PrimaryEvents<>(op, eventSourceName, this::hostKey, this::affectedBy);
    this.converger = new ResourceConverger(op);
    this.statuses = new StatusPatcher<>(op, kind);
    this.deletion = new Deletion<>(op, statuses);
  }

  // ---------------------------------------------------------------- per kind

  abstract String specHost(P resource);

  abstract DesiredState desired(P resource);

  /** Extra indexes (e.g. by Docker name); their keys start with the host key ({@link #hostKey}). */
  abstract Map<String, Function<P, List<String>>> indexers();

  /** Which of this kind's resources an engine event concerns. */
  abstract List<P> affectedBy(String hostKey, EngineEvent event);

  /**
   * Whether a round of {@code first} may plan {@code waiting} along with it ({@link HostBatch}):
   * never by default. Both are this kind's, on one host and in one namespace, neither deleted nor
   * paused. A kind that allows it must give {@code waiting} a source that shows the engine as read.
   */
  boolean plannedAlong(P first, P waiting) {
    return false;
  }

  /** Whether resources planned in one round conflict with each other (names, subnets...). */
  boolean conflict(List<P> together) {
    return false;
  }

  // ---------------------------------------------------------------- JOSDK

  @Override
  public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
    return events.prepare(context, indexers());
  }

  /**
   * Runs {@code round} if the host admits it ({@link Engines#admit}): null when deferred (the
   * resource is reconciled again when a thread of its host is free); throws EngineUnavailable at
   * once while the engine is known not to answer and another round is probing it.
   */
  private <T> T admitted(P resource, Supplier<T> round) {
    String key = hostKey(resource);
    // The wake-up holds the resource's id, not the resource: at 10,000 DockerNetworks most of a
    // host's resources wait here during a converge or a resync, and each captured object was a
    // second copy beside the informer's newer one (a heap dump mid-converge: 9,000 of them).
    ResourceID id = ResourceID.fromResource(resource);
    Engines.Admission admission =
        op.engines().admit(key, new Waiter(resource.getKind(), id), () -> events.reconcile(id));
    if (admission instanceof Engines.Deferred) {
      return null;
    }
    if (admission instanceof Engines.Unreachable down) {
      throw new EngineException(EngineException.Reason.UNAVAILABLE, 0, down.message(), null);
    }
    Slot slot = new Slot(key);
    held.set(slot);
    try {
      return round.get();
    } catch (EngineException e) {
      slot.failed(e);
      throw e;
    } finally {
      held.remove();
      slot.release(Engines.Outcome.NOT_TRIED, null);
    }
  }

  /**
   * The host's thread slot a reconcile holds; given back as soon as its engine round ends (status
   * is written after, without holding one of the host's slots), or when the reconcile ends.
   */
  private final class Slot {
    private final String key;
    private boolean released;

    Slot(String key) {
      this.key = key;
    }

    void release(Engines.Outcome outcome, String message) {
      if (!released) {
        released = true;
        op.engines().release(key, outcome, message);
      }
    }

    /** The round failed: a transient error means the engine did not answer. */
    void failed(EngineException e) {
      release(
          e.isTransient() ? Engines.Outcome.UNREACHABLE : Engines.Outcome.REACHED, e.getMessage());
    }
  }

  private final ThreadLocal<Slot> held = new ThreadLocal<>();

  /** Who waits at a host's gate ({@link Engines#admit}). */
  private record Waiter(String kind, ResourceID id) {}

  /**
   * At most this many waiting resources go along with one round: a round holds its engine while
   * they are created, and a host's first round after a settle window finds about one apply's worth.
   */
  static final int MOST_ALONG = 32;

  /**
   * The host's resources of this kind waiting for a round that this round of {@code first} may plan
   * along with it, in the order they wait; none when they would conflict with each other.
   */
  private List<P> waitingAlong(P first, HostResolver.Use host) {
    List<P> along = new ArrayList<>();
    for (Object who : op.engines().waiting(host.key())) {
      if (along.size() == MOST_ALONG) {
        break;
      }
      P waiting =
          who instanceof Waiter w && w.kind().equals(first.getKind()) ? events.get(w.id()) : null;
      // Same host key and namespace: the same engine, allowed the same way (HostResolver).
      if (waiting != null
          && waiting.getMetadata().getDeletionTimestamp() == null
          && !Pause.isPaused(waiting)
          && Objects.equals(
              waiting.getMetadata().getNamespace(), first.getMetadata().getNamespace())
          && plannedAlong(first, waiting)) {
        along.add(waiting);
      }
    }
    if (along.isEmpty()) {
      return along;
    }
    List<P> together = new ArrayList<>(along);
    together.add(0, first);
    return conflict(together) ? List.of() : along;
  }

  /**
   * Runs the engine round of this resource (applying: with the host's waiting resources planned
   * along, {@link #waitingAlong}) and gives the host's slot back right after.
   */
  private Round engineRound(P resource, HostResolver.Use host, PlanOptions options, boolean check) {
    Slot slot = held.get();
    Map<ResourceRef, P> along = new HashMap<>();
    Supplier<List<HostBatch.Along>> waiting =
        () -> {
          if (options.mode() != PlanOptions.Mode.APPLY) {
            return List.of();
          }
          List<HostBatch.Along> sources = new ArrayList<>();
          for (P w : waitingAlong(resource, host)) {
            along.put(DesiredState.ref(w), w);
            sources.add(new HostBatch.Along(w, source(w, options, true)));
          }
          return sources;
        };
    Round round;
    try {
      round = converger.run(resource, source(resource, options, check), waiting, host, options);
    } catch (EngineException e) {
      if (slot != null) { // before Deletion turns it into a blocked deletion
        slot.failed(e);
      }
      throw e;
    }
    ResourceResult result =
        round.invalid() || Pause.isPaused(resource)
            ? null
            : round.result(DesiredState.ref(resource));
    if (!round.invalid() && !along.isEmpty()) {
      long planned = along.keySet().stream().filter(round.plan().resources()::contains).count();
      op.metrics().plannedAlong(resource.getKind(), (int) planned);
      // Their own rounds find nothing to do: a drift healed along is counted here.
      round.plan().changes().stream()
          .map(a -> along.get(a.resource()))
          .filter(w -> w != null && statuses.wasReadyAtThisGeneration(w))
          .distinct()
          .forEach(w -> op.metrics().driftHealed(w.getKind()));
    }
    boolean unreachable = ResourceConverger.transientFailure(result);
    if (slot != null) {
      slot.release(
          unreachable ? Engines.Outcome.UNREACHABLE : Engines.Outcome.REACHED,
          unreachable ? String.join("; ", result.messages()) : null);
    }
    return round;
  }

  @Override
  public UpdateControl<P> reconcile(P resource, Context<P> context) {
    UpdateControl<P> control = admitted(resource, () -> converge(resource));
    // Deferred: not rescheduled. The round that ends wakes the next waiting resource that still
    // exists (Engines.release), and JOSDK's resync period stays the safety net. A 10 s re-check
    // used to re-fire every waiting resource while a host's queue took longer than that to drain
    // (1,000 resources on one engine): each wave was deferred and re-armed again, so a converged
    // operator kept reconciling ~4 per second (10,000 resources: 446,000 reconciles, 35,000
    // rounds).
    return control != null ? control : UpdateControl.<P>noUpdate();
  }

  private UpdateControl<P> converge(P resource) {
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
    HostResolver.Use host = (HostResolver.Use) resolution;
    PlanOptions apply = PlanOptions.apply(false);
    Round round = engineRound(resource, host, apply, true);
    if (round.invalid()) {
      statuses.reportInvalid(resource, before, c, round.problems());
      return UpdateControl.noUpdate();
    }
    // A paused resource was planned only: its round has no result.
    ResourceResult result =
        Pause.isPaused(resource) ? null : round.result(DesiredState.ref(resource));
    ResourceConverger.retryIfTransient(result);
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
    PlanOptions delete = PlanOptions.delete();
    DeleteControl control =
        admitted(
            resource,
            () ->
                deletion.run(
                    resource,
                    () -> resolve(resource),
                    host -> engineRound(resource, host, delete, false)));
    return control != null
        ? control
        : DeleteControl.noFinalizerRemoval().rescheduleAfter(op.settings().resyncPeriod());
  }

  // ---------------------------------------------------------------- helpers

  /** For event filters: is this resource's host in this deployment's share. */
  boolean served(P resource) {
    return op.resolver().serves(specHost(resource), events::host);
  }

  String hostKey(P resource) {
    return op.resolver().hostKey(specHost(resource));
  }

  private HostResolver.Resolution resolve(P resource) {
    return op.resolver()
        .resolve(resource.getMetadata().getNamespace(), specHost(resource), events::host);
  }

  /**
   * What a round plans for this resource alone; a kind may complete its desired state from the
   * snapshot first (pools).
   */
  Converger.Source source(P resource, PlanOptions options, boolean validate) {
    return ResourceConverger.source(op, resource, validate, () -> desired(resource));
  }
}
