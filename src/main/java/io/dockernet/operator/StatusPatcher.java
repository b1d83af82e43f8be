package io.dockernet.operator;

import io.dockernet.engine.EngineException;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
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

  /** How a status holds its conditions. */
  interface ConditionSetter<S> {
    void set(S status, List<Condition> conditions, Long generation);
  }

  private final OperatorContext op;
  private final Function<S, List<Condition>> conditions;
  private final ConditionSetter<S> setConditions;
  private final Supplier<S> emptyStatus;

  StatusPatcher(
      OperatorContext op,
      Function<S, List<Condition>> conditions,
      ConditionSetter<S> setConditions,
      Supplier<S> emptyStatus) {
    this.op = op;
    this.conditions = conditions;
    this.setConditions = setConditions;
    this.emptyStatus = emptyStatus;
  }

  /** A round's conditions, starting from those the status had before. */
  Conditions start(P resource, S before) {
    return Conditions.from(before == null ? null : conditions.apply(before), generation(resource));
  }

  /** Sets the conditions and patches the status when it differs from {@code before}. */
  void patchIfChanged(P resource, S before, S status, Conditions c) {
    Pause.mark(op, resource, before == null ? null : conditions.apply(before), c);
    setConditions.set(status, c.build(), generation(resource));
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
    return current == null ? emptyStatus.get() : current;
  }

  /** A Warning Event when Ready carries a problem it did not carry before. */
  void warnOnNewProblem(P resource, S before, Conditions c) {
    if (!c.hasProblems()) {
      return;
    }
    Condition was =
        before == null ? null : Conditions.find(conditions.apply(before), Conditions.READY);
    Condition is = Conditions.find(c.build(), Conditions.READY);
    if (was == null
        || !Objects.equals(was.getReason(), is.getReason())
        || !Objects.equals(was.getMessage(), is.getMessage())
        || !Objects.equals(was.getStatus(), is.getStatus())) {
      op.events().warning(resource, is.getReason(), is.getMessage());
    }
  }

  boolean wasReadyAtThisGeneration(P resource) {
    S status = resource.getStatus();
    Condition ready =
        status == null ? null : Conditions.find(conditions.apply(status), Conditions.READY);
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
