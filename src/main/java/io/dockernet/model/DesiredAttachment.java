package io.dockernet.model;

import java.util.List;
import java.util.Map;

/**
 * Endpoints as the planner wants them: one container (by name or id) or every container matching a
 * label selector, on {@code network}, with {@code endpoint} settings (our owner marker included in
 * its driver options), and off every network in {@code detachFrom}.
 */
public record DesiredAttachment(
    ResourceRef ref,
    String network,
    String container,
    Map<String, String> selector,
    EndpointConfig endpoint,
    List<String> detachFrom) {

  public DesiredAttachment {
    selector = selector == null ? null : Map.copyOf(selector);
    detachFrom = detachFrom == null ? List.of() : List.copyOf(detachFrom);
  }

  /** The owner marker this attachment writes on its endpoints. */
  public String owner() {
    return endpoint.owner();
  }
}
