package io.dockernet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads a {@link Snapshot} in a number of calls that does not grow with the number of networks.
 *
 * <p>GET /networks gives every network; GET /containers/json?all=1 gives every container with its
 * endpoints, but (API 1.41 at least) without aliases, links, driver options or link-local IPs.
 * Those need a container inspect. An endpoint's settings cannot change while it exists: a change
 * means a disconnect and a connect, which gives a new endpoint id, and a restart gives new
 * endpoints too. So inspect results are cached by the container's (network id, endpoint id) set,
 * and a steady-state snapshot costs 3 calls (info, networks.list, containers.list); a container is
 * inspected once each time its endpoints change. Stopped containers have no endpoint ids (their
 * settings could change without any id changing), so those with networks other than host/none are
 * inspected every time.
 */
final class SnapshotReader {
  private static final Set<String> NO_SETTINGS_NETWORKS = Set.of("host", "none");

  /** The engine answers inspects concurrently; the gateway's pool holds 16 connections. */
  private static final int INSPECTS_IN_FLIGHT = 8;

  /**
   * Shared and bounded (inspects, and the info read beside the lists); when all are busy the caller
   * does the work itself, so a read never waits for a slot.
   */
  private static final ExecutorService INSPECTORS =
      new ThreadPoolExecutor(
          0,
          INSPECTS_IN_FLIGHT,
          10,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "dockernet-inspect");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());

  private final EngineHttp http;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String key, JsonNode networks) {}

  /** Where the cache outlives this process (the CLI's), or null. */
  private volatile Path store;

  private volatile boolean storeLoaded;
  private volatile boolean changed;

  SnapshotReader(EngineHttp http) {
    this.http = http;
  }

  /**
   * Keeps the inspect cache in {@code file} between processes, so that a CLI run on an unchanged
   * engine needs no inspect at all. Sound for the same reason as the cache itself: an entry is used
   * only while the container's (network id, endpoint id) set is unchanged. An unreadable or
   * unwritable file only means inspecting again.
   */
  void persistTo(Path file) {
    store = file;
    storeLoaded = false;
  }

  private void loadStore() {
    Path file = store;
    if (file == null || storeLoaded) {
      return;
    }
    storeLoaded = true;
    try {
      JsonNode saved = EngineHttp.JSON.readTree(file.toFile());
      saved
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode key = e.getValue().get("key");
                JsonNode networks = e.getValue().get("networks");
                if (key != null && key.isTextual() && networks != null && networks.isObject()) {
                  cache.putIfAbsent(e.getKey(), new Cached(key.asText(), networks));
                }
              });
    } catch (IOException | RuntimeException e) {
      // missing or unreadable: start empty
    }
  }

  private void saveStore() {
    Path file = store;
    if (file == null || !changed) {
      return;
    }
    changed = false;
    var root = EngineHttp.JSON.createObjectNode();
    cache.forEach((id, c) -> root.putObject(id).put("key", c.key()).set("networks", c.networks()));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp =
          Files.createTempFile(
              file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
      EngineHttp.JSON.writeValue(tmp.toFile(), root);
      // Renamed into place, so that a concurrent run never reads half a file.
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // not writable: the next run inspects again
    }
  }

  Snapshot read(EngineInfo engine) {
    return read(() -> engine);
  }

  /**
   * A snapshot with the engine info that {@code info} reads asked at the same time as the lists, on
   * an inspector thread: GET /info is the engine's slowest read (dockerd runs runc and docker-init
   * to answer it), and the lists do not need it. When both fail, the info's error is the one
   * thrown, as when it was read first.
   */
  Snapshot readBeside(Callable<EngineInfo> info) {
    Future<EngineInfo> asked = INSPECTORS.submit(info);
    try {
      return read(() -> await(asked));
    } catch (RuntimeException e) {
      await(asked);
      throw e;
    }
  }

  private Snapshot read(Supplier<EngineInfo> info) {
    loadStore();
    JsonNode networkList = http.get("networks.list", "/networks").body();
    JsonNode containerList = http.get("containers.list", "/containers/json?all=1").body();
    EngineInfo engine = info.get();
    boolean macConfigurable = engine.apiAtLeast("1.44");

    List<ObservedContainer> containers = new ArrayList<>();
    Map<String, List<ObservedEndpoint>> byNetwork = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<JsonNode> listed = new ArrayList<>();
    containerList.forEach(listed::add);
    JsonNode[] allSettings = endpointSettings(listed);
    for (int i = 0; i < listed.size(); i++) {
      JsonNode c = listed.get(i);
      String id = c.path("Id").asText();
      String name = primaryName(c.path("Names"));
      JsonNode settings = allSettings[i];
      if (settings == null) {
        continue; // removed between list and inspect
      }
      seen.add(id);
      List<ObservedEndpoint> endpoints = new ArrayList<>();
      settings
          .fields()
          .forEachRemaining(
              e -> {
                ObservedEndpoint ep =
                    EngineJson.endpoint(e.getKey(), e.getValue(), id, name, macConfigurable);
                endpoints.add(ep);
                byNetwork
                    .computeIfAbsent(
                        ep.networkId() != null ? ep.networkId() : ep.networkName(),
                        k -> new ArrayList<>())
                    .add(ep);
              });
      containers.add(
          new ObservedContainer(
              id,
              name,
              EngineJson.stringMap(c.path("Labels")),
              "running".equals(c.path("State").asText()),
              endpoints));
    }
    if (cache.keySet().retainAll(seen)) {
      changed = true;
    }

    List<ObservedNetwork> networks = new ArrayList<>();
    for (JsonNode n : networkList) {
      NetworkConfig config = EngineJson.networkConfig(n);
      String id = n.path("Id").asText();
      List<ObservedEndpoint> endpoints = new ArrayList<>(byNetwork.getOrDefault(id, List.of()));
      endpoints.addAll(
          byNetwork.getOrDefault(config.name(), List.of())); // entries without a network id
      networks.add(new ObservedNetwork(id, config, endpoints));
    }
    saveStore();
    return new Snapshot(engine, networks, containers);
  }

  /**
   * NetworkSettings.Networks with full endpoint settings for each listed container (null when it is
   * gone). Cache misses are inspected {@link #INSPECTS_IN_FLIGHT} at a time: a cold CLI process
   * inspects every container with endpoints, and one after another that took most of its snapshot.
   */
  private JsonNode[] endpointSettings(List<JsonNode> listed) {
    JsonNode[] settings = new JsonNode[listed.size()];
    List<Integer> misses = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      JsonNode c = listed.get(i);
      settings[i] =
          withoutInspect(c.path("Id").asText(), c.path("NetworkSettings").path("Networks"));
      if (settings[i] == null) {
        misses.add(i);
      }
    }
    if (misses.size() == 1) {
      int i = misses.get(0);
      settings[i] = inspect(listed.get(i).path("Id").asText());
    } else if (!misses.isEmpty()) {
      List<Future<JsonNode>> inspected = new ArrayList<>();
      for (int i : misses) {
        String id = listed.get(i).path("Id").asText();
        inspected.add(INSPECTORS.submit(() -> inspect(id)));
      }
      for (int k = 0; k < misses.size(); k++) {
        settings[misses.get(k)] = await(inspected.get(k));
      }
    }
    return settings;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the engine", e);
    }
  }

  /**
   * The listed settings when they are complete (no endpoints, or only host/none), else the cached
   * ones; null: inspect.
   */
  private JsonNode withoutInspect(String id, JsonNode listed) {
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
    return null;
  }

  /** Inspects a container and caches its endpoint settings; null when it is gone. */
  private JsonNode inspect(String id) {
    JsonNode inspected;
    try {
      inspected =
          http.get("containers.inspect", "/containers/" + id + "/json")
              .body()
              .path("NetworkSettings")
              .path("Networks");
    } catch (EngineException e) {
      if (e.reason() == EngineException.Reason.NOT_FOUND) {
        return null;
      }
      throw e;
    }
    String inspectedKey = endpointKey(inspected);
    if (inspectedKey != null) {
      cache.put(id, new Cached(inspectedKey, inspected));
      changed = true;
    } else if (cache.remove(id) != null) {
      changed = true;
    }
    return inspected;
  }

  /**
   * The container's endpoint identities, or null when some endpoint has no id (stopped container).
   */
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

  /**
   * Names holds "/name" plus "/other/alias" entries for legacy links; the one-segment name is the
   * container's.
   */
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
