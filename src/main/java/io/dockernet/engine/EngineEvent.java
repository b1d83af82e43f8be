package io.dockernet.engine;

import java.util.Map;

/**
 * One engine event. For network events {@code actorId} is the network id and {@code attributes}
 * holds "name", "type" and, for connect/disconnect, "container"; network events carry no labels.
 * For container events {@code attributes} holds "name" and the container labels.
 */
public record EngineEvent(
    String type, String action, String actorId, Map<String, String> attributes, long timeNanos) {
  public EngineEvent {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
