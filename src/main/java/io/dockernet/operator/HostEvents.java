package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.EventHandler;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * DockerHosts as a secondary resource of a kind that names them: its resources are reconciled when
 * their host enters this deployment's share (the informer, label-selected by {@code
 * --host-selector}, adds it: created, or relabelled into the share), leaves it (removed, or
 * relabelled out: the resources then resolve it as NotServed and release its engine), has its spec
 * edited, or its reachability changes.
 *
 * <p>They are told as resource events on purpose: JOSDK drops any other event for a resource it
 * holds no state for, and it holds none for the resources of a host that was outside the share (the
 * controllers' generic filter kept their own events out). Plain events would leave a host gained by
 * relabelling unserved until each of its resources changed or the operator restarted.
 *
 * @param <P> the kind naming DockerHosts
 */
final class HostEvents<P extends HasMetadata> extends InformerEventSource<DockerHost, P> {
  private final Function<String, Stream<P>> byHostKey;

  private HostEvents(
      InformerEventSourceConfiguration<DockerHost> config,
      EventSourceContext<P> context,
      Function<String, Stream<P>> byHostKey) {
    super(config, context);
    this.byHostKey = byHostKey;
  }

  /**
   * @param byHostKey the primaries whose host key ({@link HostResolver#hostKey}) is the argument
   */
  static <P extends HasMetadata> HostEvents<P> of(
      OperatorContext op, EventSourceContext<P> context, Function<String, Stream<P>> byHostKey) {
    var config =
        InformerEventSourceConfiguration.from(DockerHost.class, context.getPrimaryResourceClass())
            .withName(context.getPrimaryResourceClass().getSimpleName() + "-dockerhosts")
            .withWatchAllNamespaces() // cluster-scoped
            // JOSDK's own propagation (plain events) is not used: see reconcileNamers.
            .withSecondaryToPrimaryMapper(host -> Set.of());
    if (!op.settings().hostSelector().isEmpty()) {
      config.withLabelSelector(op.settings().hostSelector());
    }
    return new HostEvents<>(config.build(), context, byHostKey);
  }

  /** The host as this informer holds it, or null (not yet seen, outside the share, or gone). */
  DockerHost cached(String name) {
    return get(new ResourceID(name)).orElse(null);
  }

  @Override
  public void onAdd(DockerHost host) {
    super.onAdd(host);
    reconcileNamers(host);
  }

  @Override
  public void onUpdate(DockerHost before, DockerHost after) {
    super.onUpdate(before, after);
    if (concernsResources(before, after)) {
      reconcileNamers(after);
    }
  }

  @Override
  public void onDelete(DockerHost host, boolean finalStateUnknown) {
    super.onDelete(host, finalStateUnknown);
    reconcileNamers(host);
  }

  /** Spec edited, or reachability changed; not the host's own status rewording. */
  static boolean concernsResources(DockerHost before, DockerHost after) {
    return !Objects.equals(
            before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
        || !Objects.equals(reachable(before), reachable(after));
  }

  private static Boolean reachable(DockerHost host) {
    DockerHostStatus status = host.getStatus();
    return status == null ? null : status.getReachable();
  }

  private void reconcileNamers(DockerHost host) {
    EventHandler handler = getEventHandler();
    if (handler == null) {
      return; // not registered yet
    }
    byHostKey
        .apply(HostResolver.HOST_KEY_PREFIX + host.getMetadata().getName())
        .forEach(
            p ->
                handler.handleEvent(
                    new ResourceEvent(ResourceAction.UPDATED, ResourceID.fromResource(p), p)));
  }
}
