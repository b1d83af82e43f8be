package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.engine.EngineEvent;
import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredState;
import io.dockernet.plan.PlanOptions;
import io.dockernet.validate.Locator;
import io.dockernet.validate.Problems;
import io.dockernet.validate.Validator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps one Docker network as its DockerNetwork says; heals it when the engine drifts. Subnets from
 * pools come through {@link NetworkPools}; explicit subnets keep the attachments' static addresses
 * out of their dynamic range ({@link RangedSource}).
 */
@ControllerConfiguration(name = DockerNetworkReconciler.NAME)
public class DockerNetworkReconciler
    extends ConvergingReconciler<DockerNetwork, DockerNetworkStatus> {
  public static final String NAME = "dockernetwork";
  static final String BY_DOCKER_NAME = "byDockerName";

  private final NetworkPools pools;
  private final NetworkStatuses statuses;

  DockerNetworkReconciler(OperatorContext op, PoolRegistry pools) {
    this(op, pools, new NetworkStatuses());
  }

  private DockerNetworkReconciler(
      OperatorContext op, PoolRegistry pools, NetworkStatuses statuses) {
    super(op, "dockernetwork-engine-events", statuses);
    this.pools = new NetworkPools(op, pools, events);
    this.statuses = statuses;
  }

  /** Pool allocation, release and pool changes (for the SubnetPool reconciler). */
  NetworkPools pools() {
    return pools;
  }

  /**
   * Where the NetworkAttachments of a host are read (set by the operator; none in tests without).
   */
  void attachmentsFrom(Function<String, List<NetworkAttachment>> onHost) {
    statuses.attachmentsFrom(n -> onHost.apply(hostKey(n)));
  }

  /** Networks asking pools get their subnets first; delete needs none. */
  @Override
  Converger.Source source(DockerNetwork resource, PlanOptions options, boolean validate) {
    Converger.Source plain = super.source(resource, options, validate);
    if (options.mode() != PlanOptions.Mode.APPLY) {
      return plain;
    }
    // Static addresses on pool networks are refused offline: no dynamic range to compute.
    return NetworkPools.asks(resource)
        ? pools.source(resource, hostKey(resource), plain)
        : new RangedSource(
            plain, op.settings().project(), resource, () -> statuses.attachmentsOf(resource));
  }

  /**
   * A settled network waiting on the host goes along with another's round. Networks asking pools do
   * not, either way: their subnets are allocated in a round of their own ({@link PooledSource}).
   */
  @Override
  boolean plannedAlong(DockerNetwork first, DockerNetwork waiting) {
    return !NetworkPools.asks(first)
        && !NetworkPools.asks(waiting)
        && AttachmentSettle.left(waiting, Instant.now()).isZero();
  }

  /** Networks planned together must not share a Docker name or overlap in subnets. */
  @Override
  boolean conflict(List<DockerNetwork> together) {
    return !Problems.errors(Validator.validate(together, List.of(), Locator.NONE)).isEmpty();
  }

  @Override
  public DeleteControl cleanup(DockerNetwork resource, Context<DockerNetwork> context) {
    DeleteControl control = super.cleanup(resource, context);
    if (control.isRemoveFinalizer()) {
      pools.released(resource);
    }
    return control;
  }

  /** Not before the attachments applied with it are in the cache ({@link AttachmentSettle}). */
  @Override
  public UpdateControl<DockerNetwork> reconcile(
      DockerNetwork resource, Context<DockerNetwork> context) {
    Duration wait = AttachmentSettle.left(resource, Instant.now());
    return wait.isZero()
        ? super.reconcile(resource, context)
        : UpdateControl.<DockerNetwork>noUpdate().rescheduleAfter(wait);
  }

  /**
   * An attachment's static addresses changed: reconcile the networks it targets, so their status
   * (reserved addresses, notes) follows.
   */
  void reservationsChanged(String hostKey, String dockerName) {
    events.reconcile(events.byIndex(BY_DOCKER_NAME, hostKey + "|" + dockerName).stream());
  }

  /** Every DockerNetwork this operator sees (for SubnetPool status). */
  List<DockerNetwork> all() {
    return events.all().toList();
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

  /** Connect/disconnect arrive as network events too, carrying the network's name. */
  @Override
  List<DockerNetwork> affectedBy(String hostKey, EngineEvent event) {
    String name = "network".equals(event.type()) ? event.attributes().get("name") : null;
    return name == null ? List.of() : events.byIndex(BY_DOCKER_NAME, hostKey + "|" + name);
  }
}
