package io.dockernet.plan;

import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash maps over one snapshot, so that planning stays linear in its size (Snapshot's own lookups
 * scan lists). Endpoints are merged from both views the engine gives: network inspect lists only
 * running containers, container inspect also lists the networks of stopped ones.
 */
final class SnapshotIndex {
  private final Map<String, ObservedNetwork> networksByName;
  private final Map<String, ObservedNetwork> networksById;
  private final Map<String, ObservedContainer> containersByName;
  private final Map<String, ObservedContainer> containersById;
  private final Map<String, List<ObservedContainer>> containersByLabel;
  /** network name → container id → endpoint. */
  private final Map<String, Map<String, ObservedEndpoint>> endpointsByNetwork;
  /** endpoint owner marker → endpoints. */
  private final Map<String, List<ObservedEndpoint>> endpointsByOwner = new LinkedHashMap<>();
  private final Snapshot snapshot;

  SnapshotIndex(Snapshot snapshot) {
    this.snapshot = snapshot;
    // Sized up front: resizing showed in profiles of 10k networks.
    int networks = snapshot.networks().size();
    int containers = snapshot.containers().size();
    networksByName = new HashMap<>(capacity(networks));
    networksById = new HashMap<>(capacity(networks));
    endpointsByNetwork = new HashMap<>(capacity(networks));
    containersByName = new HashMap<>(capacity(containers));
    containersById = new HashMap<>(capacity(containers));
    containersByLabel = new HashMap<>(capacity(containers));
    for (ObservedNetwork n : snapshot.networks()) {
      networksByName.putIfAbsent(n.name(), n);
      networksById.put(n.id(), n);
    }
    for (ObservedContainer c : snapshot.containers()) {
      containersByName.putIfAbsent(stripSlash(c.name()), c);
      containersById.put(c.id(), c);
      c.labels().forEach((k, v) -> containersByLabel.computeIfAbsent(k + "=" + v, x -> new ArrayList<>()).add(c));
    }
    for (ObservedNetwork n : snapshot.networks()) {
      for (ObservedEndpoint e : n.endpoints()) {
        if (!containersById.containsKey(e.containerId())) {
          add(n.name(), e); // a container the container list lacks (listed while it was being created)
        }
      }
    }
    // Container inspect carries the endpoint settings (aliases, driver options): it wins.
    for (ObservedContainer c : snapshot.containers()) {
      for (ObservedEndpoint e : c.endpoints()) {
        String network = networkName(e);
        if (network != null) {
          endpointsByNetwork.computeIfAbsent(network, x -> new HashMap<>()).put(containerId(c, e), withContainer(c, e, network));
        }
      }
    }
    for (Map<String, ObservedEndpoint> byContainer : endpointsByNetwork.values()) {
      for (ObservedEndpoint e : byContainer.values()) {
        String owner = e.config().owner();
        if (owner != null) {
          endpointsByOwner.computeIfAbsent(owner, x -> new ArrayList<>()).add(e);
        }
      }
    }
  }

  static int capacity(int entries) {
    return Math.max(16, (int) (entries / 0.75f) + 1);
  }

  private void add(String network, ObservedEndpoint e) {
    endpointsByNetwork.computeIfAbsent(network, x -> new HashMap<>()).putIfAbsent(e.containerId(), e);
  }

  private String networkName(ObservedEndpoint e) {
    if (e.networkId() != null && networksById.containsKey(e.networkId())) {
      return networksById.get(e.networkId()).name();
    }
    return e.networkName();
  }

  private static String containerId(ObservedContainer c, ObservedEndpoint e) {
    return e.containerId() != null ? e.containerId() : c.id();
  }

  /** The endpoint as container inspect reports it, with container and network names filled in. */
  private static ObservedEndpoint withContainer(ObservedContainer c, ObservedEndpoint e, String network) {
    if (c.id().equals(e.containerId()) && stripSlash(c.name()).equals(e.containerName()) && network.equals(e.networkName())) {
      return e;
    }
    return new ObservedEndpoint(e.networkId(), network, c.id(), stripSlash(c.name()), e.endpointId(),
        e.ipv4Address(), e.ipv6Address(), e.macAddress(), e.config());
  }

  static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }

  ObservedNetwork network(String nameOrId) {
    ObservedNetwork byName = networksByName.get(nameOrId);
    return byName != null ? byName : networksById.get(nameOrId);
  }

  Collection<ObservedNetwork> networks() {
    return snapshot.networks();
  }

  /** By name, full id, or (rarely, so a scan is fine) unique id prefix — as the docker CLI resolves them. */
  ObservedContainer container(String nameOrId) {
    String key = stripSlash(nameOrId);
    ObservedContainer c = containersByName.get(key);
    if (c == null) {
      c = containersById.get(key);
    }
    return c != null ? c : snapshot.container(key).orElse(null);
  }

  ObservedContainer containerById(String id) {
    return containersById.get(id);
  }

  /** Every container carrying all selector labels, by name. Starts from the rarest label. */
  List<ObservedContainer> matching(Map<String, String> selector) {
    List<ObservedContainer> smallest = null;
    for (Map.Entry<String, String> e : selector.entrySet()) {
      List<ObservedContainer> candidates = containersByLabel.getOrDefault(e.getKey() + "=" + e.getValue(), List.of());
      if (smallest == null || candidates.size() < smallest.size()) {
        smallest = candidates;
      }
    }
    if (smallest == null) {
      return List.of();
    }
    return smallest.stream().filter(c -> c.matches(selector))
        .sorted(Comparator.comparing(ObservedContainer::name)).toList();
  }

  /** Every endpoint on a network (running or stopped containers), keyed by container id. */
  Map<String, ObservedEndpoint> endpoints(String network) {
    return endpointsByNetwork.getOrDefault(network, Map.of());
  }

  ObservedEndpoint endpoint(String network, String containerId) {
    return endpoints(network).get(containerId);
  }

  List<ObservedEndpoint> endpointsOwnedBy(String owner) {
    return endpointsByOwner.getOrDefault(owner, List.of());
  }

  Map<String, List<ObservedEndpoint>> endpointsByOwner() {
    return endpointsByOwner;
  }
}
