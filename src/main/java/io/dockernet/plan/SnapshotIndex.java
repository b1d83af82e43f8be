package io.dockernet.plan;

import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hash maps over one snapshot, so that planning stays linear in its size (Snapshot's own lookups
 * scan lists). Endpoints are merged from both views the engine gives: network inspect lists only
 * running containers, container inspect also lists the networks of stopped ones.
 *
 * <p>Every map built up front has at most one entry per network or per selector label: one entry
 * per container or endpoint makes a table that outgrows the CPU caches at 10k networks, and each
 * plan then paid a cache miss per container (10 k networks cost 50× 1 k, measured). Maps by
 * container are built on first use, which a converged plan of selector attachments never needs.
 *
 * <p>Read-only once built, and kept with its snapshot ({@code PlanRun}): rounds on several threads
 * may plan against one index, so the maps built on first use are published safely.
 */
final class SnapshotIndex {
  private final Snapshot snapshot;
  private final Map<String, ObservedNetwork> networksByName;
  private final Map<String, ObservedNetwork> networksById;

  /** label key → label value → containers, for the label keys some selector uses. */
  private final Map<String, Map<String, List<ObservedContainer>>> containersByLabel =
      new HashMap<>();

  /** network name → container id → endpoint. */
  private final Map<String, Map<String, ObservedEndpoint>> endpointsByNetwork;

  /** endpoint owner marker → endpoints. */
  private final Map<String, List<ObservedEndpoint>> endpointsByOwner = new LinkedHashMap<>();

  private volatile Map<String, ObservedContainer> containersById;
  private volatile Map<String, ObservedContainer> containersByName;

  SnapshotIndex(Snapshot snapshot, Set<String> selectorKeys) {
    this.snapshot = snapshot;
    int networks = snapshot.networks().size();
    networksByName = new HashMap<>(capacity(networks));
    networksById = new HashMap<>(capacity(networks));
    endpointsByNetwork = new HashMap<>(capacity(networks));
    for (ObservedNetwork n : snapshot.networks()) {
      networksByName.putIfAbsent(n.name(), n);
      networksById.put(n.id(), n);
    }
    for (String key : selectorKeys) {
      containersByLabel.put(key, new HashMap<>());
    }
    // Container inspect carries the endpoint settings (aliases, driver options): it wins.
    for (ObservedContainer c : snapshot.containers()) {
      if (!containersByLabel.isEmpty()) {
        c.labels()
            .forEach(
                (k, v) -> {
                  Map<String, List<ObservedContainer>> byValue = containersByLabel.get(k);
                  if (byValue != null) {
                    byValue.computeIfAbsent(v, x -> new ArrayList<>()).add(c);
                  }
                });
      }
      for (ObservedEndpoint e : c.endpoints()) {
        String network = networkName(e);
        if (network != null) {
          ObservedEndpoint resolved = withContainer(c, e, network);
          endpointsByNetwork
              .computeIfAbsent(network, x -> new HashMap<>())
              .put(containerId(c, e), resolved);
          String owner = resolved.config().owner();
          if (owner != null) {
            endpointsByOwner.computeIfAbsent(owner, x -> new ArrayList<>()).add(resolved);
          }
        }
      }
    }
    // Network inspect adds the endpoints of containers the container list lacks (listed while
    // being created). Most are known already; the map by container id is built only for the rest.
    for (ObservedNetwork n : snapshot.networks()) {
      Map<String, ObservedEndpoint> known = endpointsByNetwork.getOrDefault(n.name(), Map.of());
      for (ObservedEndpoint e : n.endpoints()) {
        if (!known.containsKey(e.containerId()) && containerById(e.containerId()) == null) {
          addFromNetwork(n.name(), e);
        }
      }
    }
  }

  static int capacity(int entries) {
    return Math.max(16, (int) (entries / 0.75f) + 1);
  }

  private void addFromNetwork(String network, ObservedEndpoint e) {
    endpointsByNetwork
        .computeIfAbsent(network, x -> new HashMap<>())
        .putIfAbsent(e.containerId(), e);
    String owner = e.config().owner();
    if (owner != null) {
      endpointsByOwner.computeIfAbsent(owner, x -> new ArrayList<>()).add(e);
    }
  }

  private String networkName(ObservedEndpoint e) {
    ObservedNetwork byId = e.networkId() == null ? null : networksById.get(e.networkId());
    return byId != null ? byId.name() : e.networkName();
  }

  private static String containerId(ObservedContainer c, ObservedEndpoint e) {
    return e.containerId() != null ? e.containerId() : c.id();
  }

  /** The endpoint as container inspect reports it, with container and network names filled in. */
  private static ObservedEndpoint withContainer(
      ObservedContainer c, ObservedEndpoint e, String network) {
    if (c.id().equals(e.containerId())
        && stripSlash(c.name()).equals(e.containerName())
        && network.equals(e.networkName())) {
      return e;
    }
    return new ObservedEndpoint(
        e.networkId(),
        network,
        c.id(),
        stripSlash(c.name()),
        e.endpointId(),
        e.ipv4Address(),
        e.ipv6Address(),
        e.macAddress(),
        e.config());
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

  /**
   * By name, full id, or (rarely, so a scan is fine) unique id prefix — as the docker CLI resolves
   * them.
   */
  ObservedContainer container(String nameOrId) {
    String key = stripSlash(nameOrId);
    Map<String, ObservedContainer> byName = containersByName;
    if (byName == null) {
      byName = new HashMap<>(capacity(snapshot.containers().size()));
      for (ObservedContainer c : snapshot.containers()) {
        byName.putIfAbsent(stripSlash(c.name()), c);
      }
      containersByName = byName; // built whole before it is published
    }
    ObservedContainer c = byName.get(key);
    if (c == null) {
      c = containerById(key);
    }
    return c != null ? c : snapshot.container(key).orElse(null);
  }

  ObservedContainer containerById(String id) {
    Map<String, ObservedContainer> byId = containersById;
    if (byId == null) {
      byId = new HashMap<>(capacity(snapshot.containers().size()));
      for (ObservedContainer c : snapshot.containers()) {
        byId.put(c.id(), c);
      }
      containersById = byId; // built whole before it is published
    }
    return byId.get(id);
  }

  /**
   * Every container carrying all selector labels, by name. Starts from the rarest label; only label
   * keys given to the constructor are indexed.
   */
  List<ObservedContainer> matching(Map<String, String> selector) {
    List<ObservedContainer> smallest = null;
    for (Map.Entry<String, String> e : selector.entrySet()) {
      Map<String, List<ObservedContainer>> byValue = containersByLabel.get(e.getKey());
      if (byValue == null) {
        throw new IllegalArgumentException("label key " + e.getKey() + " was not indexed");
      }
      List<ObservedContainer> candidates = byValue.getOrDefault(e.getValue(), List.of());
      if (smallest == null || candidates.size() < smallest.size()) {
        smallest = candidates;
      }
    }
    if (smallest == null) {
      return List.of();
    }
    List<ObservedContainer> result = new ArrayList<>(smallest.size());
    for (ObservedContainer c : smallest) {
      if (selector.size() == 1 || c.matches(selector)) {
        result.add(c);
      }
    }
    result.sort((x, y) -> x.name().compareTo(y.name()));
    return result;
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
    return Collections.unmodifiableMap(endpointsByOwner);
  }

  /** The endpoint's container name as people read it (inspect's leading slash dropped). */
  String containerName(ObservedEndpoint e) {
    if (e.containerName() != null && !e.containerName().isEmpty()) {
      return stripSlash(e.containerName());
    }
    ObservedContainer c = containerById(e.containerId());
    return c == null ? e.containerId() : c.name();
  }

  /** By container name, then id: the order endpoints are named in reasons and restored in. */
  List<ObservedEndpoint> sortedByContainer(Collection<ObservedEndpoint> endpoints) {
    return endpoints.stream()
        .sorted(
            Comparator.comparing(this::containerName).thenComparing(ObservedEndpoint::containerId))
        .toList();
  }
}
