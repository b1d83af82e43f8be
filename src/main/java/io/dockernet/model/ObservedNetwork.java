package io.dockernet.model;

import java.util.List;

/** A network the engine has, with every endpoint on it (ours or not). */
public record ObservedNetwork(String id, NetworkConfig config, List<ObservedEndpoint> endpoints) {
  public ObservedNetwork {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  public String name() {
    return config.name();
  }

  /** True when this product created the network (it carries our managed-by label). */
  public boolean managed() {
    return Ownership.isManaged(config.labels());
  }
}
