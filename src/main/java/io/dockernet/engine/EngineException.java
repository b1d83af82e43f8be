package io.dockernet.engine;

/**
 * An engine call failed; {@link #reason()} says how, so callers never match on exception classes.
 */
public class EngineException extends RuntimeException {

  public enum Reason {
    /** 404: no such network or container. */
    NOT_FOUND(false),
    /** 409: a network of that name exists. */
    CONFLICT(false),
    /** 403 "has active endpoints": the network is in use. */
    IN_USE(false),
    /** 403 "endpoint with name ... already exists": already connected. */
    ALREADY_CONNECTED(false),
    /** 500 on disconnect of an endpoint that is not there. */
    NOT_CONNECTED(false),
    /** 400: the engine refused the request (bad option, static IP without subnet, ...). */
    BAD_REQUEST(false),
    /** The engine's API version lacks what was asked. */
    UNSUPPORTED(false),
    /** Cannot reach the engine, or it timed out. */
    UNAVAILABLE(true),
    /** Any other engine error (5xx); may pass. */
    ENGINE_ERROR(true);

    private final boolean transientFailure;

    Reason(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
      return transientFailure;
    }
  }

  private final Reason reason;
  private final int status;

  public EngineException(Reason reason, int status, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.status = status;
  }

  public Reason reason() {
    return reason;
  }

  /** HTTP status from the engine, or 0 when none was received. */
  public int status() {
    return status;
  }

  public boolean isTransient() {
    return reason.isTransient();
  }
}
