package io.dockernet.operator;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.PoolSubnet;
import io.dockernet.engine.EngineEvent;
import io.dockernet.exec.Converger;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointViews;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Reason;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.PoolAllocator;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Keeps one Docker network as its DockerNetwork says; heals it when the engine drifts. */
@ControllerConfiguration(name = DockerNetworkReconciler.NAME)
public class DockerNetworkReconciler
    extends ConvergingReconciler<DockerNetwork, DockerNetworkStatus> {
  public static final String NAME = "dockernetwork";
  static final String BY_DOCKER_NAME = "byDockerName";

  private final PoolRegistry pools;

  /**
   * Told when a network's pool allocation may have changed, so that the SubnetPool's status
   * follows.
   */
  private volatile java.util.function.Consumer<String> poolTouched = name -> {};

  DockerNetworkReconciler(OperatorContext op, PoolRegistry pools) {
    super(op, "dockernetwork-engine-events");
    this.pools = pools;
  }

  void onPoolTouched(java.util.function.Consumer<String> listener) {
    this.poolTouched = listener;
  }

  /**
   * Networks asking pools for subnets get them first (io.dockernet.pool), once the spec is valid,
   * under the engine's lock the round holds; the planner then sees concrete subnets. Delete needs
   * no allocation.
   */
  @Override
  Converger.Source source(DockerNetwork resource, PlanOptions options, boolean validate) {
    Converger.Source plain = super.source(resource, options, validate);
    List<String> requested = PoolRegistry.requested(resource);
    if (requested.isEmpty() || options.mode() != PlanOptions.Mode.APPLY) {
      return plain;
    }
    return new Converger.Source() {
      private Allocation allocation;

      @Override
      public List<Problem> check(Snapshot snapshot) {
        List<Problem> problems = plain.check(snapshot);
        if (problems.isEmpty()) {
          allocation = allocate(resource, snapshot);
          requested.forEach(poolTouched);
        }
        return problems;
      }

      @Override
      public DesiredState desired() {
        return DesiredState.from(op.settings().project(), allocation.networks(), List.of());
      }

      @Override
      public Snapshot visible(Snapshot snapshot) {
        return allocation.visible(snapshot);
      }

      @Override
      public Plan report(Plan plan) {
        return allocation.report(plan);
      }
    };
  }

  private Allocation allocate(DockerNetwork resource, Snapshot before) {
    String hostKey = hostKey(resource);
    List<IPAddress> alsoTaken = new ArrayList<>();
    if (cache != null) {
      cache.byIndex(BY_HOST, hostKey).stream()
          .filter(n -> !DesiredState.ref(n).equals(DesiredState.ref(resource)))
          .forEach(n -> PoolAllocator.explicitSubnets(n).forEach(alsoTaken::add));
    }
    return pools.allocate(resource, hostKey, before, alsoTaken);
  }

  /** Pools this network names, for the SubnetPool reconciler. */
  static List<String> poolsOf(DockerNetwork n) {
    return PoolRegistry.requested(n);
  }

  @Override
  public io.javaoperatorsdk.operator.api.reconciler.DeleteControl cleanup(
      DockerNetwork resource,
      io.javaoperatorsdk.operator.api.reconciler.Context<DockerNetwork> context) {
    io.javaoperatorsdk.operator.api.reconciler.DeleteControl control =
        super.cleanup(resource, context);
    if (control.isRemoveFinalizer()) {
      pools.release(resource);
      PoolRegistry.requested(resource).forEach(poolTouched);
    }
    return control;
  }

  /**
   * A SubnetPool changed: reconcile every network asking it (a grown pool serves the exhausted
   * ones).
   */
  void poolChanged(String pool) {
    if (cache == null) {
      return;
    }
    cache
        .list()
        .filter(n -> PoolRegistry.requested(n).contains(pool))
        .forEach(
            n ->
                engineEvents.propagateEvent(
                    io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(n)));
  }

  /** Every DockerNetwork this operator sees (for SubnetPool status). */
  List<DockerNetwork> all() {
    return cache == null ? List.of() : cache.list().toList();
  }

  @Override
  String specHost(DockerNetwork resource) {
    return resource.getSpec() == null ? null : resource.getSpec().getHost();
  }

  @Override
  DesiredState desired(DockerNetwork resource) {
    return DesiredState.from(op.settings().project(), List.of(resource), List.of());
  }

  @Override
  Map<String, Function<DockerNetwork, List<String>>> indexers() {
    return Map.of(BY_DOCKER_NAME, n -> List.of(hostKey(n) + "|" + DesiredState.dockerName(n)));
  }

  @Override
  List<DockerNetwork> affectedBy(String hostKey, EngineEvent event) {
    if (!"network".equals(event.type())) {
      return List
          .of(); // connect/disconnect arrive as network events too, carrying the network's name
    }
    String name = event.attributes().get("name");
    return name == null ? List.of() : cache.byIndex(BY_DOCKER_NAME, hostKey + "|" + name);
  }

  @Override
  DockerNetworkStatus status(DockerNetwork resource, Snapshot after, ResourceResult result) {
    DockerNetworkStatus status = new DockerNetworkStatus();
    boolean conflict = result != null && result.reason() == Reason.CONFLICT;
    ObservedNetwork network =
        conflict ? null : after.network(DesiredState.dockerName(resource)).orElse(null);
    if (network != null
        && network.managed()
        && !DesiredState.ref(resource)
            .key()
            .equals(network.config().labels().get(Ownership.OWNER))) {
      network = null; // someone else's: never show it as ours
    }
    if (network != null) {
      status.setId(network.id());
      status.setSubnets(
          network.config().ipamPools().stream()
              .map(IpamPool::subnet)
              .filter(Objects::nonNull)
              .toList());
      status.setPoolSubnets(poolSubnets(resource, network));
      List<EndpointStatus> containers =
          network.endpoints().stream()
              .map(EndpointViews::status)
              .sorted(
                  Comparator.comparing(
                      EndpointStatus::getContainer,
                      Comparator.nullsLast(Comparator.naturalOrder())))
              .toList();
      status.setContainers(containers);
    }
    status.setContainerCount(status.getContainers().size());
    return status;
  }

  /**
   * The subnets this network holds from pools: its config entries that ask a pool, paired with the
   * engine's subnets in order.
   */
  static List<PoolSubnet> poolSubnets(DockerNetwork resource, ObservedNetwork network) {
    if (PoolRegistry.requested(resource).isEmpty()) {
      return null;
    }
    List<IpamConfig> config = resource.getSpec().getIpam().getConfig();
    List<IpamPool> engine = network.config().ipamPools();
    List<PoolSubnet> result = new ArrayList<>();
    for (int i = 0; i < config.size() && i < engine.size(); i++) {
      if (config.get(i) != null
          && config.get(i).getPool() != null
          && engine.get(i).subnet() != null) {
        result.add(new PoolSubnet(config.get(i).getPool(), engine.get(i).subnet()));
      }
    }
    return result;
  }

  @Override
  String readyMessage(DockerNetwork resource, DockerNetworkStatus status, Plan plan) {
    String notes = String.join("; ", plan.notes(DesiredState.ref(resource)));
    return "network "
        + DesiredState.dockerName(resource)
        + " matches the spec"
        + (notes.isEmpty() ? "" : " (" + notes + ")");
  }

  @Override
  boolean mayHaveEngineState(DockerNetwork resource) {
    return resource.getStatus() != null && resource.getStatus().getId() != null;
  }

  @Override
  DockerNetworkStatus emptyStatus() {
    return new DockerNetworkStatus();
  }

  @Override
  List<Condition> conditions(DockerNetworkStatus status) {
    return status == null ? List.of() : status.getConditions();
  }

  @Override
  void setConditions(DockerNetworkStatus status, List<Condition> conditions, Long generation) {
    status.setConditions(conditions);
    status.setObservedGeneration(generation);
  }
}
