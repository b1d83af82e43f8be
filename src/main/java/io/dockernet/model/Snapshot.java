package io.dockernet.model;

import java.util.List;
import java.util.Optional;

/** Everything the planner needs to know about one engine, read at one moment. */
public record Snapshot(
    EngineInfo engine, List<ObservedNetwork> networks, List<ObservedContainer> containers) {
  public Snapshot {
    networks = List.copyOf(networks);
    containers = List.copyOf(containers);
  }

  public Optional<ObservedNetwork> network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** A container by name, full id or unique id prefix (as the docker CLI resolves them). */
  public Optional<ObservedContainer> container(String nameOrId) {
    String name = nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId;
    Optional<ObservedContainer> byName =
        containers.stream().filter(c -> c.name().equals(name)).findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    List<ObservedContainer> byId =
        containers.stream().filter(c -> c.id().startsWith(name)).toList();
    return byId.size() == 1 ? Optional.of(byId.get(0)) : Optional.empty();
  }
}
