package io.dockernet.exec;

import io.dockernet.plan.Action;

/** Told about every action as it finishes (for progress on a terminal, events in the operator). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (action, succeeded, message) -> {};

  void actionDone(Action action, boolean succeeded, String message);
}
