package io.dockernet.operator;

import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code dockernet.io/paused: "true"} annotation: the operator keeps watching the resource and
 * reporting what differs from the engine, but changes nothing on the engine (no create, connect,
 * recreate, heal, nor the cleanup of a deletion, which waits with the finalizer in place until the
 * annotation goes or {@code dockernet.io/skip-cleanup} is set). While paused the resource has
 * {@code Paused=True}; a round that would have changed something makes Ready False with reason
 * {@code Paused} saying what. An Event marks each pause and resume.
 */
final class Pause {
  static final String ANNOTATION = "dockernet.io/paused";
  static final String CONDITION = "Paused";

  private Pause() {}

  /**
   * Which updates of a resource reconcile it: JOSDK's generation-aware rule (spec changed, deletion
   * started, finalizer changed) plus a change of the pause annotation, which bumps no generation.
   * Used with generation awareness off.
   */
  static <R extends HasMetadata> OnUpdateFilter<R> onUpdate() {
    return (now, old) ->
        now.isMarkedForDeletion()
            || !Objects.equals(now.getMetadata().getGeneration(), old.getMetadata().getGeneration())
            || !Objects.equals(now.getMetadata().getFinalizers(), old.getMetadata().getFinalizers())
            || isPaused(now) != isPaused(old);
  }

  static boolean isPaused(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
  }

  /** Whether the plan would change the engine. */
  static boolean holds(Plan plan) {
    return plan.actions().stream().anyMatch(a -> a.phase().runs());
  }

  /** What the round would have done, one line per action. */
  static String pending(Plan plan) {
    List<String> lines =
        plan.actions().stream().filter(a -> a.phase().runs()).map(Action::done).toList();
    return "paused (" + ANNOTATION + "=true): not applied: " + String.join("; ", lines);
  }

  /**
   * Sets the Paused condition for this round: True while paused; False once resumed (only when it
   * was there before, so resources never paused carry no such condition). Sends Paused / Resumed
   * Events on the transitions.
   */
  static void mark(OperatorContext op, HasMetadata resource, List<Condition> before, Conditions c) {
    Condition was = Conditions.find(before, CONDITION);
    boolean wasPaused = was != null && Conditions.TRUE.equals(was.getStatus());
    if (isPaused(resource)) {
      c.set(
          CONDITION,
          Conditions.TRUE,
          CONDITION,
          ANNOTATION + "=true: engine changes are held; drift is reported, not healed");
      if (!wasPaused) {
        op.events()
            .normal(
                resource,
                "Paused",
                ANNOTATION + "=true: the operator changes nothing on the engine for this resource");
      }
    } else if (was != null) {
      c.set(CONDITION, Conditions.FALSE, "Resumed", "");
      if (wasPaused) {
        op.events().normal(resource, "Resumed", ANNOTATION + " removed: converging again");
      }
    }
  }
}
