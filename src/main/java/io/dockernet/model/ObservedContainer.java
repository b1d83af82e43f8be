package io.dockernet.model;

import java.util.List;
import java.util.Map;

/** A container the engine has, with its labels and its endpoints on every network. */
public record ObservedContainer(
    String id,
    String name,
    Map<String, String> labels,
    boolean running,
    List<ObservedEndpoint> endpoints) {
  public ObservedContainer {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** True when every selector label is present with the same value. */
  public boolean matches(Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
