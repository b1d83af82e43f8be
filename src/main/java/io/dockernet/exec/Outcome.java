package io.dockernet.exec;

/** What happened to one resource in one round. */
public enum Outcome {
  NOOP,
  CREATED,
  CONNECTED,
  DISCONNECTED,
  RECREATED,
  REMOVED,
  BLOCKED,
  FAILED;

  public String label() {
    return name().toLowerCase();
  }

  public boolean isFailure() {
    return this == BLOCKED || this == FAILED;
  }
}
