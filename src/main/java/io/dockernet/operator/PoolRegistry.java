package io.dockernet.operator;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.PoolAllocationMode;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.engine.EngineException;
import io.dockernet.model.DesiredState;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.PoolAllocator;
import io.dockernet.pool.PoolSpec;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The operator's one place for pool allocation. PerHost pools need nothing more than the engine's
 * lock the round already holds (every allocation on one engine happens under it, and the network is
 * created before the lock is released). Fleet pools are decided here under one lock per pool: the
 * allocation sees every network on every other host the pool serves, plus the blocks this operator
 * granted that an engine may not show yet (reservations), so two hosts never get the same block
 * even when their resources reconcile at the same time.
 */
final class PoolRegistry {
  private final OperatorContext op;
  private volatile IndexerResourceCache<SubnetPool> pools;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** pool → network (namespace/name) → the block granted and the host it was granted on. */
  private final Map<String, Map<String, Reservation>> reservations = new ConcurrentHashMap<>();

  record Reservation(String hostKey, IPAddress subnet) {}

  PoolRegistry(OperatorContext op) {
    this.op = op;
  }

  void setCache(IndexerResourceCache<SubnetPool> cache) {
    this.pools = cache;
  }

  List<SubnetPool> pools() {
    IndexerResourceCache<SubnetPool> cache = pools;
    return cache == null ? List.of() : cache.list().toList();
  }

  /** Pool names a DockerNetwork asks for. */
  static List<String> requested(DockerNetwork n) {
    if (n.getSpec() == null
        || n.getSpec().getIpam() == null
        || n.getSpec().getIpam().getConfig() == null) {
      return List.of();
    }
    return n.getSpec().getIpam().getConfig().stream()
        .filter(Objects::nonNull)
        .map(IpamConfig::getPool)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  /**
   * Allocates for one DockerNetwork on the engine {@code hostKey} (whose lock the caller holds).
   * {@code alsoTaken}: explicit subnets of the other DockerNetworks declared for that engine.
   */
  Allocation allocate(
      DockerNetwork resource, String hostKey, Snapshot snapshot, List<IPAddress> alsoTaken) {
    List<SubnetPool> all = pools();
    Map<String, SubnetPool> byName = new HashMap<>();
    all.forEach(p -> byName.put(p.getMetadata().getName(), p));
    PoolAllocator.Input perHost =
        new PoolAllocator.Input(
            op.settings().project(),
            List.of(resource),
            all,
            snapshot,
            List.of(),
            alsoTaken,
            Map.of());
    TreeSet<String> fleet = new TreeSet<>();
    for (String name : requested(resource)) {
      SubnetPool p = byName.get(name);
      if (p != null
          && p.getSpec() != null
          && p.getSpec().getAllocation() == PoolAllocationMode.Fleet) {
        fleet.add(name);
      }
    }
    if (fleet.isEmpty()) {
      return PoolAllocator.allocate(perHost);
    }
    String key = DesiredState.ref(resource).key();
    List<ReentrantLock> held = new ArrayList<>();
    try {
      for (String name : fleet) { // sorted: two rounds never wait for each other's second lock
        ReentrantLock lock = locks.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        held.add(lock);
      }
      Map<String, List<IPAddress>> taken = new HashMap<>();
      Map<String, Snapshot> others = new HashMap<>();
      for (String name : fleet) {
        List<IPAddress> ranges = new ArrayList<>();
        PoolSpec spec;
        try {
          spec = PoolSpec.of(byName.get(name));
        } catch (IllegalArgumentException e) {
          continue; // reported by the allocation itself
        }
        for (String otherHost : servedHosts(byName.get(name))) {
          if (otherHost.equals(hostKey)) {
            continue;
          }
          Snapshot other = others.computeIfAbsent(otherHost, this::snapshotOf);
          for (ObservedNetwork o : other.networks()) {
            for (IpamPool p : o.config().ipamPools()) {
              IPAddress subnet = PoolAllocator.parse(p.subnet());
              if (subnet != null && subnet.isIPv4() == spec.ipv4()) {
                ranges.add(subnet);
              }
            }
          }
        }
        reservations
            .getOrDefault(name, Map.of())
            .forEach(
                (network, r) -> {
                  if (!network.equals(key)) {
                    ranges.add(r.subnet());
                  }
                });
        taken.put(name, ranges);
      }
      Allocation allocation =
          PoolAllocator.allocate(
              new PoolAllocator.Input(
                  op.settings().project(),
                  List.of(resource),
                  all,
                  snapshot,
                  List.of(),
                  alsoTaken,
                  taken));
      for (Allocation.Grant g : allocation.grants()) {
        if (fleet.contains(g.pool())) {
          reservations
              .computeIfAbsent(g.pool(), k -> new ConcurrentHashMap<>())
              .put(key, new Reservation(hostKey, PoolAllocator.parse(g.subnet())));
        }
      }
      return allocation;
    } finally {
      held.forEach(ReentrantLock::unlock);
    }
  }

  /**
   * The DockerNetwork is gone: the blocks reserved for it are free again (its engine no longer
   * shows them).
   */
  void release(DockerNetwork resource) {
    String key = DesiredState.ref(resource).key();
    reservations.values().forEach(m -> m.remove(key));
  }

  /**
   * Engine keys of the hosts a pool serves: DockerHosts its hostSelector matches (and the default
   * engine when it has none).
   */
  private List<String> servedHosts(SubnetPool pool) {
    Map<String, String> selector =
        pool.getSpec().getHostSelector() == null
            ? null
            : pool.getSpec().getHostSelector().getMatchLabels();
    List<String> keys = new ArrayList<>();
    if (selector == null || selector.isEmpty()) {
      keys.add(op.resolver().hostKey(null));
    }
    for (DockerHost h : op.client().resources(DockerHost.class).list().getItems()) {
      Map<String, String> labels =
          h.getMetadata().getLabels() == null ? Map.of() : h.getMetadata().getLabels();
      boolean selected =
          selector == null
              || selector.entrySet().stream()
                  .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
      if (selected && op.resolver().servesHost(h)) {
        keys.add("host/" + h.getMetadata().getName());
      }
    }
    return keys.stream().distinct().toList();
  }

  /**
   * A fleet allocation must see every host it serves: one that cannot be read stops the allocation
   * (retried).
   */
  private Snapshot snapshotOf(String hostKey) {
    String hostName = hostKey.startsWith("host/") ? hostKey.substring("host/".length()) : null;
    HostResolver.Resolution r = op.resolver().resolve(null, hostName);
    if (r instanceof HostResolver.Use use) {
      return op.engines().get(use.key(), use.config(), use.fingerprint()).gateway().snapshot();
    }
    throw new EngineException(
        EngineException.Reason.UNAVAILABLE,
        0,
        "Fleet pool allocation needs every host the pool serves; "
            + (hostName == null ? "the default engine" : "DockerHost " + hostName)
            + " cannot be used: "
            + r,
        null);
  }
}
