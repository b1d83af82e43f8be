package io.dockernet.exec;

import io.dockernet.engine.EngineException;
import io.dockernet.plan.Reason;

/** What an engine error means for the resource whose action it failed. */
final class Reasons {
  private Reasons() {}

  static Reason of(RuntimeException e) {
    if (!(e instanceof EngineException ee)) {
      return Reason.ENGINE_ERROR;
    }
    return switch (ee.reason()) {
      case NOT_FOUND, NOT_CONNECTED -> Reason.NOT_FOUND;
      case CONFLICT, ALREADY_CONNECTED -> Reason.CONFLICT;
      case IN_USE -> Reason.IN_USE;
      case BAD_REQUEST -> Reason.INVALID;
      case UNSUPPORTED -> Reason.UNSUPPORTED;
      case UNAVAILABLE -> Reason.ENGINE_UNAVAILABLE;
      case ENGINE_ERROR -> Reason.ENGINE_ERROR;
    };
  }

  static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
