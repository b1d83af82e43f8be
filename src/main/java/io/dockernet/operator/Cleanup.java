package io.dockernet.operator;

import io.dockernet.exec.ResourceResult;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Map;

/** What a deletion says: the escape hatch for engines gone for good, and why a cleanup waits. */
final class Cleanup {
  /**
   * Annotation that lets a deletion finish without touching the engine (for engines gone for good).
   */
  static final String SKIP = "dockernet.io/skip-cleanup";

  /** How soon a blocked deletion is tried again (the engine may have let go meanwhile). */
  static final Duration BLOCKED_RECHECK = Duration.ofSeconds(10);

  static final String PAUSED =
      "deletion waits: "
          + Pause.ANNOTATION
          + "=true holds every engine change, cleanup included; remove the annotation to clean up";

  private Cleanup() {}

  /** Whether {@link #SKIP} is set; if so, says with a Warning Event what is left behind. */
  static boolean skipped(OperatorContext op, HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations == null || !"true".equalsIgnoreCase(annotations.get(SKIP))) {
      return false;
    }
    op.events()
        .warning(
            resource,
            "CleanupSkipped",
            SKIP
                + " is set: finalizer removed without touching the engine; anything left there stays");
    return true;
  }

  /** The reason a failed delete round gives Ready: something still in use blocks the deletion. */
  static Reason reasonOf(ResourceResult result) {
    return result.reason() == Reason.IN_USE
        ? Reason.DELETION_BLOCKED
        : StatusPatcher.reasonOf(result.reason());
  }
}
