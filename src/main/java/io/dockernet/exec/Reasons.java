package io.dockernet.exec;

import io.dockernet.engine.EngineException;

/** Reason codes of failed resources, as status conditions and the CLI show them. */
final class Reasons {
  static final String CONFLICT = "Conflict";
  static final String IN_USE = "InUse";
  static final String NOT_FOUND = "NotFound";
  static final String ENGINE_UNAVAILABLE = "EngineUnavailable";
  static final String ENGINE_ERROR = "EngineError";
  static final String UNSUPPORTED = "Unsupported";
  static final String INVALID = "Invalid";

  private Reasons() {}

  static String of(RuntimeException e) {
    if (!(e instanceof EngineException ee)) {
      return ENGINE_ERROR;
    }
    return switch (ee.reason()) {
      case NOT_FOUND, NOT_CONNECTED -> NOT_FOUND;
      case CONFLICT, ALREADY_CONNECTED -> CONFLICT;
      case IN_USE -> IN_USE;
      case BAD_REQUEST -> INVALID;
      case UNSUPPORTED -> UNSUPPORTED;
      case UNAVAILABLE -> ENGINE_UNAVAILABLE;
      case ENGINE_ERROR -> ENGINE_ERROR;
    };
  }

  static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
