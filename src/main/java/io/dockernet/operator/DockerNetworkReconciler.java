package io.dockernet.operator;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.engine.EngineEvent;
import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.DynamicRanges;
import io.dockernet.pool.PoolAllocator;
import io.dockernet.validate.Problem;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
  private volatile Consumer<String> poolTouched = name -> {};

  private final NetworkStatuses statuses;

  DockerNetworkReconciler(OperatorContext op, PoolRegistry pools) {
    this(op, pools, new NetworkStatuses());
  }

  private DockerNetworkReconciler(
      OperatorContext op, PoolRegistry pools, NetworkStatuses statuses) {
    super(op, "dockernetwork-engine-events", statuses);
    this.pools = pools;
    this.statuses = statuses;
    statuses.attachmentsFrom(this::attachmentsOf);
  }

  void onPoolTouched(Consumer<String> listener) {
    this.poolTouched = listener;
  }

  /** Networks asking pools get their subnets first ({@link PooledSource}); delete needs none. */
  @Override
  Converger.Source source(DockerNetwork resource, PlanOptions options, boolean validate) {
    Converger.Source plain = super.source(resource, options, validate);
    if (options.mode() != PlanOptions.Mode.APPLY) {
      return plain;
    }
    List<String> requested = PoolRegistry.requested(resource);
    if (!requested.isEmpty()) {
      // Static addresses on pool networks are refused offline: no dynamic range to compute.
      return new PooledSource(
          plain,
          snapshot -> allocate(resource, snapshot),
          op.settings().project(),
          () -> requested.forEach(poolTouched));
    }
    return new Converger.Source() {
      private DynamicRanges.Result ranges;

      @Override
      public List<Problem> check(Snapshot snapshot) {
        List<Problem> problems = plain.check(snapshot);
        if (problems.isEmpty()) {
          // Static addresses stay free: the attachments of this host, from their cache.
          ranges =
              DynamicRanges.arrange(
                  op.settings().project(), List.of(resource), attachmentsOf(resource), snapshot);
        }
        return problems;
      }

      @Override
      public DesiredState desired() {
        return DesiredState.from(op.settings().project(), ranges.networks(), List.of());
      }

      @Override
      public Snapshot visible(Snapshot snapshot) {
        return plain.visible(snapshot);
      }

      @Override
      public Plan report(Plan plan) {
        return ranges.report(plain.report(plan));
      }
    };
  }

  /** The NetworkAttachments on this network's host (set by the operator; none in tests without). */
  private volatile Function<String, List<NetworkAttachment>> attachments = host -> List.of();

  void attachmentsFrom(Function<String, List<NetworkAttachment>> attachments) {
    this.attachments = attachments;
  }

  private List<NetworkAttachment> attachmentsOf(DockerNetwork resource) {
    return attachments.apply(hostKey(resource));
  }

  /**
   * An attachment's static addresses changed: reconcile the networks it targets, so their status
   * (reserved addresses, notes) follows.
   */
  void reservationsChanged(String hostKey, String dockerName) {
    if (cache == null) {
      return;
    }
    cache
        .byIndex(BY_DOCKER_NAME, hostKey + "|" + dockerName)
        .forEach(
            n ->
                engineEvents.propagateEvent(
                    io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(n)));
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
  public DeleteControl cleanup(DockerNetwork resource, Context<DockerNetwork> context) {
    DeleteControl control = super.cleanup(resource, context);
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
        .forEach(n -> engineEvents.propagateEvent(ResourceID.fromResource(n)));
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
}
