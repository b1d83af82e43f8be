package io.dockernet.exec;

import io.dockernet.plan.Action;
import io.dockernet.plan.Reason;

/**
 * How one action ended: the outcome it gives its resource, a reason code when it failed, and a line
 * for the report. {@code succeeded} is what the progress listener hears.
 */
record Step(Action action, boolean succeeded, Outcome outcome, Reason reason, String message) {

  static Step ok(Action action, Outcome outcome, String message) {
    return new Step(action, true, outcome, null, message);
  }

  static Step failed(Action action, Reason reason, String message) {
    return new Step(action, false, Outcome.FAILED, reason, message);
  }

  static Step blocked(Action.Blocked action) {
    return new Step(action, false, Outcome.BLOCKED, action.code(), action.reason());
  }
}
