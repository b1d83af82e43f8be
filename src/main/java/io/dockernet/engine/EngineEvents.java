package io.dockernet.engine;

/** Receives engine events. Events can repeat; handlers must be idempotent. */
public interface EngineEvents {

  /** A network or container event ({@code type} "network" or "container"). */
  void onEvent(EngineEvent event);

  /** The stream was re-established after a break: anything may have happened meanwhile. */
  void resync();

  /** The stream broke; the gateway is reconnecting with backoff. */
  default void onStreamError(Throwable error) {}
}
