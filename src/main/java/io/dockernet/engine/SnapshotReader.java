package io.dockernet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a {@link Snapshot} in a number of calls that does not grow with the number of networks.
 *
 * <p>GET /networks gives every network; GET /containers/json?all=1 gives every container with its
 * endpoints, but (API 1.41 at least) without aliases, links, driver options or link-local IPs. Those
 * need a container inspect. An endpoint's settings cannot change while it exists: a change means a
 * disconnect and a connect, which gives a new endpoint id, and a restart gives new endpoints too. So
 * inspect results are cached by the container's (network id, endpoint id) set, and a steady-state
 * snapshot costs 3 calls (info, networks.list, containers.list); a container is inspected once each
 * time its endpoints change. Stopped containers have no endpoint ids (their settings could change
 * without any id changing), so those with networks other than host/none are inspected every time.
 */
final class SnapshotReader {
  private static final Set<String> NO_SETTINGS_NETWORKS = Set.of("host", "none");

  private final EngineHttp http;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String key, JsonNode networks) {}

  SnapshotReader(EngineHttp http) {
    this.http = http;
  }

  Snapshot read(EngineInfo engine) {
    JsonNode networkList = http.get("networks.list", "/networks").body();
    JsonNode containerList = http.get("containers.list", "/containers/json?all=1").body();
    boolean stripShortId = !engine.apiAtLeast("1.45");
    boolean macConfigurable = engine.apiAtLeast("1.44");

    List<ObservedContainer> containers = new ArrayList<>();
    Map<String, List<ObservedEndpoint>> byNetwork = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode c : containerList) {
      String id = c.path("Id").asText();
      String name = primaryName(c.path("Names"));
      JsonNode settings = endpointSettings(id, c.path("NetworkSettings").path("Networks"));
      if (settings == null) {
        continue; // removed between list and inspect
      }
      seen.add(id);
      List<ObservedEndpoint> endpoints = new ArrayList<>();
      settings.fields().forEachRemaining(e -> {
        ObservedEndpoint ep = EngineJson.endpoint(
            e.getKey(), e.getValue(), id, name, stripShortId ? id.substring(0, Math.min(12, id.length())) : null, macConfigurable);
        endpoints.add(ep);
        byNetwork.computeIfAbsent(ep.networkId() != null ? ep.networkId() : ep.networkName(), k -> new ArrayList<>()).add(ep);
      });
      containers.add(new ObservedContainer(
          id, name, EngineJson.stringMap(c.path("Labels")), "running".equals(c.path("State").asText()), endpoints));
    }
    cache.keySet().retainAll(seen);

    List<ObservedNetwork> networks = new ArrayList<>();
    for (JsonNode n : networkList) {
      NetworkConfig config = EngineJson.networkConfig(n);
      String id = n.path("Id").asText();
      List<ObservedEndpoint> endpoints = new ArrayList<>(byNetwork.getOrDefault(id, List.of()));
      endpoints.addAll(byNetwork.getOrDefault(config.name(), List.of())); // entries without a network id
      networks.add(new ObservedNetwork(id, config, endpoints));
    }
    return new Snapshot(engine, networks, containers);
  }

  /** NetworkSettings.Networks with full endpoint settings, from cache or inspect; null when the container is gone. */
  private JsonNode endpointSettings(String id, JsonNode listed) {
    if (listed.isEmpty()) {
      return listed;
    }
    Set<String> names = new HashSet<>();
    listed.fieldNames().forEachRemaining(names::add);
    if (NO_SETTINGS_NETWORKS.containsAll(names)) {
      return listed;
    }
    String key = endpointKey(listed);
    if (key != null) {
      Cached cached = cache.get(id);
      if (cached != null && cached.key().equals(key)) {
        return cached.networks();
      }
    }
    JsonNode inspected;
    try {
      inspected = http.get("containers.inspect", "/containers/" + id + "/json").body().path("NetworkSettings").path("Networks");
    } catch (EngineException e) {
      if (e.reason() == EngineException.Reason.NOT_FOUND) {
        return null;
      }
      throw e;
    }
    String inspectedKey = endpointKey(inspected);
    if (inspectedKey != null) {
      cache.put(id, new Cached(inspectedKey, inspected));
    } else {
      cache.remove(id);
    }
    return inspected;
  }

  /** The container's endpoint identities, or null when some endpoint has no id (stopped container). */
  private static String endpointKey(JsonNode networks) {
    Map<String, String> parts = new TreeMap<>();
    var it = networks.fields();
    while (it.hasNext()) {
      var e = it.next();
      String endpointId = EngineJson.text(e.getValue(), "EndpointID");
      if (endpointId == null) {
        return null;
      }
      parts.put(e.getKey(), EngineJson.text(e.getValue(), "NetworkID") + "/" + endpointId);
    }
    return parts.toString();
  }

  /** Names holds "/name" plus "/other/alias" entries for legacy links; the one-segment name is the container's. */
  private static String primaryName(JsonNode names) {
    String first = null;
    for (JsonNode n : names) {
      String s = n.asText();
      if (first == null) {
        first = s;
      }
      if (s.lastIndexOf('/') == 0) {
        return s.substring(1);
      }
    }
    return first == null ? "" : first.startsWith("/") ? first.substring(1) : first;
  }
}
