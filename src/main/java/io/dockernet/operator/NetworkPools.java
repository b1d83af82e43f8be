package io.dockernet.operator;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.PoolAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pool side of DockerNetworks: networks asking SubnetPools get their subnets allocated in the
 * round ({@link PooledSource}), release them when deleted, and are reconciled again when a pool
 * they ask changes; the SubnetPool reconciler is told when an allocation may have changed.
 */
final class NetworkPools {
  private final OperatorContext op;
  private final PoolRegistry pools;
  private final PrimaryEvents<DockerNetwork> networks;

  /**
   * Told when a network's pool allocation may have changed, so that the SubnetPool's status
   * follows.
   */
  private volatile Consumer<String> touched = name -> {};

  NetworkPools(OperatorContext op, PoolRegistry pools, PrimaryEvents<DockerNetwork> networks) {
    this.op = op;
    this.pools = pools;
    this.networks = networks;
  }

  void onTouched(Consumer<String> listener) {
    this.touched = listener;
  }

  /** Whether the network names pools at all. */
  static boolean asks(DockerNetwork resource) {
    return !PoolRegistry.requested(resource).isEmpty();
  }

  /** The round's source for a network asking pools: its subnets are allocated first. */
  Converger.Source source(DockerNetwork resource, String hostKey, Converger.Source plain) {
    List<String> requested = PoolRegistry.requested(resource);
    return new PooledSource(
        plain,
        snapshot -> allocate(resource, hostKey, snapshot),
        op.settings().project(),
        () -> requested.forEach(touched));
  }

  /** The network was deleted: its subnets go back to their pools. */
  void released(DockerNetwork resource) {
    pools.release(resource);
    PoolRegistry.requested(resource).forEach(touched);
  }

  /**
   * A SubnetPool changed: reconcile every network asking it (a grown pool serves the exhausted
   * ones).
   */
  void changed(String pool) {
    networks.reconcile(networks.all().filter(n -> PoolRegistry.requested(n).contains(pool)));
  }

  /** Subnets other networks of the host name explicitly are taken too. */
  private Allocation allocate(DockerNetwork resource, String hostKey, Snapshot before) {
    List<IPAddress> alsoTaken = new ArrayList<>();
    networks.byIndex(PrimaryEvents.BY_HOST, hostKey).stream()
        .filter(n -> !DesiredState.ref(n).equals(DesiredState.ref(resource)))
        .forEach(n -> PoolAllocator.explicitSubnets(n).forEach(alsoTaken::add));
    return pools.allocate(resource, hostKey, before, alsoTaken);
  }
}
