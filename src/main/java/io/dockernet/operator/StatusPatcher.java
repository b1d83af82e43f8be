package io.dockernet.operator;

import io.dockernet.engine.EngineException;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.plan.Reason;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the status of one kind of resource: patches only when something changed, keeps the last
 * known engine facts when the engine could not be asked, and raises a Warning Event when the {@code
 * Ready} problem is new.
 *
 * @param <P> the resource
 * @param <S> its status
 */
final class StatusPatcher<P extends CustomResource<?, S>, S> {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPatcher.class);

  private final OperatorContext op;
  private final StatusKind<P, S> kind;

  StatusPatcher(OperatorContext op, StatusKind<P, S> kind) {
    this.op = op;
    this.kind = kind;
  }

  StatusKind<P, S> kind() {
    return kind;
  }

  /** A round's conditions, starting from those the status had before. */
  Conditions start(P resource, S before) {
    return Conditions.from(before == null ? null : kind.conditions(before), generation(resource));
  }

  /** Sets the conditions and patches the status when it differs from {@code before}. */
  void patchIfChanged(P resource, S before, S status, Conditions c) {
    Pause.mark(op, resource, before == null ? null : kind.conditions(before), c);
    kind.setConditions(status, c.build(), generation(resource));
    if (Conditions.differs(before, status)) {
      op.statusWriter().write(resource, status);
    }
  }

  /**
   * Like {@link #patchIfChanged}, for rounds that must go on when the API server refuses the patch.
   */
  void tryPatch(P resource, S before, S status, Conditions c) {
    try {
      patchIfChanged(resource, before, status, c);
    } catch (RuntimeException e) {
      LOG.warn("could not write status of {}: {}", resource.getMetadata().getName(), e.toString());
    }
  }

  /**
   * The status as it is, for rounds that could not look at the engine (the last known engine facts
   * stay).
   */
  S keepEngineFields(P resource) {
    S current = copy(resource.getStatus());
    return current == null ? kind.empty() : current;
  }

  /** A Warning Event when Ready carries a problem it did not carry before. */
  void warnOnNewProblem(P resource, S before, Conditions c) {
    if (!c.hasProblems()) {
      return;
    }
    Condition was =
        before == null ? null : Conditions.find(kind.conditions(before), Conditions.READY);
    Condition is = Conditions.find(c.build(), Conditions.READY);
    if (was == null
        || !Objects.equals(was.getReason(), is.getReason())
        || !Objects.equals(was.getMessage(), is.getMessage())
        || !Objects.equals(was.getStatus(), is.getStatus())) {
      op.events().warning(resource, is.getReason(), is.getMessage());
    }
  }

  /**
   * A round's outcome as status: the engine's state after it, and Ready from the result ({@code
   * null} for a paused resource, which was planned only: what it would change is reported).
   */
  void report(P resource, S before, Conditions c, Round round, ResourceResult result) {
    S status = kind.fromEngine(resource, round.after(), result);
    if (result == null && Pause.holds(round.plan())) {
      c.problem(Reason.PAUSED, Pause.pending(round.plan()));
    } else if (result != null && result.outcome().isFailure()) {
      Reason reason = reasonOf(result.reason());
      result.messages().forEach(m -> c.problem(reason, m));
      if (result.messages().isEmpty()) {
        c.problem(reason, result.outcome().label());
      }
    } else {
      c.readyWhenClean(Reason.CONVERGED, kind.readyMessage(resource, status, round.plan()));
    }
    patchIfChanged(resource, before, status, c);
    warnOnNewProblem(resource, before, c);
  }

  /** The spec did not validate: every problem on Ready, the engine fields kept. */
  void reportInvalid(P resource, S before, Conditions c, List<Problem> problems) {
    problems.forEach(p -> c.problem(Reason.INVALID, p.toString()));
    patchIfChanged(resource, before, keepEngineFields(resource), c);
  }

  /** A reconcile that threw: EngineUnavailable for an engine that may come back, else Failed. */
  void reportError(P resource, Exception e) {
    S before = copy(resource.getStatus());
    EngineException engineError = engineException(e);
    Reason reason =
        engineError != null && engineError.isTransient()
            ? Reason.ENGINE_UNAVAILABLE
            : Reason.FAILED;
    op.metrics().engineError(reason.code());
    // The engine's own message says it all; JOSDK's wrappers would only repeat it.
    Conditions c =
        start(resource, before)
            .problem(reason, engineError != null ? engineError.getMessage() : message(e));
    warnOnNewProblem(resource, before, c);
    patchIfChanged(resource, before, keepEngineFields(resource), c);
  }

  /** Why a deletion waits, with the way out for an engine gone for good. */
  void blockDeletion(P resource, Reason reason, String message) {
    S before = copy(resource.getStatus());
    String hint =
        message
            + "\nIf the engine is gone for good, annotate the resource with "
            + Cleanup.SKIP
            + "=\"true\" to remove it without cleanup.";
    Conditions c = start(resource, before).problem(reason, hint);
    warnOnNewProblem(resource, before, c);
    tryPatch(resource, before, keepEngineFields(resource), c);
  }

  boolean wasReadyAtThisGeneration(P resource) {
    S status = resource.getStatus();
    Condition ready =
        status == null ? null : Conditions.find(kind.conditions(status), Conditions.READY);
    return ready != null
        && Conditions.TRUE.equals(ready.getStatus())
        && Objects.equals(ready.getObservedGeneration(), generation(resource));
  }

  @SuppressWarnings("unchecked")
  S copy(S status) {
    return status == null ? null : (S) Serialization.clone(status);
  }

  static Long generation(io.fabric8.kubernetes.api.model.HasMetadata resource) {
    return resource.getMetadata().getGeneration();
  }

  /** The reason a failed result gives Ready. */
  static Reason reasonOf(Reason reason) {
    return reason == null ? Reason.FAILED : reason;
  }

  /** The engine error behind an exception that JOSDK may have wrapped, or null. */
  static EngineException engineException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EngineException ee) {
        return ee;
      }
    }
    return null;
  }

  /** Up to three distinct messages of an exception and its causes. */
  static String message(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
      if (t.getMessage() != null && !parts.contains(t.getMessage())) {
        parts.add(t.getMessage());
      }
    }
    return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
  }
}
