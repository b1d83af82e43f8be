package io.dockernet.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Everything the planner needs to know about one engine, read at one moment. Immutable; what is
 * derived from it alone (indexes) is kept with it ({@link #derived}), because the operator plans
 * every resource of a host against one shared snapshot: 1,000 resources on an engine with 1,000
 * networks must index it once, not 1,000 times.
 */
public final class Snapshot {
  private final EngineInfo engine;
  private final List<ObservedNetwork> networks;
  private final List<ObservedContainer> containers;
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();

  public Snapshot(
      EngineInfo engine, List<ObservedNetwork> networks, List<ObservedContainer> containers) {
    this.engine = engine;
    this.networks = List.copyOf(networks);
    this.containers = List.copyOf(containers);
  }

  public EngineInfo engine() {
    return engine;
  }

  public List<ObservedNetwork> networks() {
    return networks;
  }

  public List<ObservedContainer> containers() {
    return containers;
  }

  /**
   * What {@code compute} makes of this snapshot, computed on first use and kept for as long as the
   * snapshot is: {@code key} names the result and every input besides the snapshot (equal keys,
   * same result). The result must be immutable, or safe to share between threads. Two threads
   * asking at once may both compute; one result is kept.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, Function<Snapshot, T> compute) {
    Object known = derived.get(key);
    if (known == null) {
      // Not computeIfAbsent: a computation may derive something else from this snapshot.
      T fresh = compute.apply(this);
      known = derived.putIfAbsent(key, fresh);
      if (known == null) {
        return fresh;
      }
    }
    return (T) known;
  }

  /** The first network of that name, as listed. */
  public Optional<ObservedNetwork> network(String name) {
    return Optional.ofNullable(networksByName().get(name));
  }

  /**
   * The key of {@link #networksByName}: a plain object, compared by identity. A record here cost a
   * short command ~14 ms: the interpreter ran its generated equals and hashCode on every lookup.
   */
  private static final Object BY_NAME = new Object();

  private Map<String, ObservedNetwork> networksByName() {
    return derived(
        BY_NAME,
        s -> {
          Map<String, ObservedNetwork> byName = new HashMap<>();
          s.networks.forEach(n -> byName.putIfAbsent(n.name(), n));
          return byName;
        });
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s
        && Objects.equals(engine, s.engine)
        && networks.equals(s.networks)
        && containers.equals(s.containers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(engine, networks, containers);
  }

  @Override
  public String toString() {
    return "Snapshot[engine="
        + engine
        + ", networks="
        + networks
        + ", containers="
        + containers
        + "]";
  }
}
