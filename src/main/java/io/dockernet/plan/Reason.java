package io.dockernet.plan;

/**
 * The one vocabulary of reason codes: why the planner blocked a step, why the executor failed one,
 * and what the CLI prints and the operator writes into the {@code Ready} condition. The code is the
 * wire form (CLI output, {@code -o json}, condition reasons); it never changes.
 */
public enum Reason {
  // the planner's and executor's verdicts on one resource
  CONFLICT("Conflict"),
  UPDATE_BLOCKED("UpdateBlocked"),
  IN_USE("InUse"),
  NOT_FOUND("NotFound"),
  INVALID("Invalid"),
  UNSUPPORTED("Unsupported"),
  ENGINE_UNAVAILABLE("EngineUnavailable"),
  ENGINE_ERROR("EngineError"),
  // subnets from a SubnetPool
  POOL_EXHAUSTED("PoolExhausted"),
  OUTSIDE_POOL("OutsidePool"),
  POOL_NOT_FOUND("PoolNotFound"),
  POOL_INVALID("PoolInvalid"),
  // what only a host adds: the operator's Ready condition
  CONVERGED("Converged"),
  RECONCILING("Reconciling"),
  REACHABLE("Reachable"),
  FORBIDDEN("Forbidden"),
  DELETION_BLOCKED("DeletionBlocked"),
  /** The resource carries dockernet.io/paused=true: nothing is changed on the engine for it. */
  PAUSED("Paused"),
  FAILED("Failed");

  private final String code;

  Reason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Worth trying again later without any change: the engine did not answer. */
  public boolean isTransient() {
    return this == ENGINE_UNAVAILABLE;
  }

  @Override
  public String toString() {
    return code;
  }
}
