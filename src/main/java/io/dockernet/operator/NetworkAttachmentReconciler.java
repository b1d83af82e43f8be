package io.dockernet.operator;

import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.api.v1alpha1.NetworkAttachmentStatus;
import io.dockernet.engine.EngineEvent;
import io.dockernet.model.DesiredState;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the endpoints a NetworkAttachment asks for: reconnects cut endpoints, attaches containers
 * that start later and match the selector, applies alias/address changes live.
 */
@ControllerConfiguration(name = NetworkAttachmentReconciler.NAME)
public class NetworkAttachmentReconciler
    extends ConvergingReconciler<NetworkAttachment, NetworkAttachmentStatus> {
  public static final String NAME = "networkattachment";
  static final String BY_NETWORK = "byNetwork";

  /**
   * Container events that can change which containers an attachment selects or what they are on.
   */
  static final Set<String> CONTAINER_ACTIONS =
      Set.of("create", "start", "restart", "rename", "destroy", "unpause");

  NetworkAttachmentReconciler(OperatorContext op) {
    super(op, "networkattachment-engine-events", new AttachmentStatuses());
  }

  /** Told (host key, network) when an attachment's static addresses appear, change or go. */
  private volatile java.util.function.BiConsumer<String, String> reservationsChanged =
      (host, network) -> {};

  /** Per attachment: host|network|addresses last told, to tell only changes. */
  private final Map<String, String> toldReservations =
      new java.util.concurrent.ConcurrentHashMap<>();

  void onReservationsChanged(java.util.function.BiConsumer<String, String> listener) {
    this.reservationsChanged = listener;
  }

  /** The attachments on one host that are not being deleted (for the networks' dynamic ranges). */
  List<NetworkAttachment> onHost(String hostKey) {
    return cache == null
        ? List.of()
        : cache.byIndex(BY_HOST, hostKey).stream()
            .filter(a -> a.getMetadata().getDeletionTimestamp() == null)
            .toList();
  }

  @Override
  public io.javaoperatorsdk.operator.api.reconciler.UpdateControl<NetworkAttachment> reconcile(
      NetworkAttachment resource,
      io.javaoperatorsdk.operator.api.reconciler.Context<NetworkAttachment> context) {
    tell(resource, reservationKey(resource));
    return super.reconcile(resource, context);
  }

  @Override
  public io.javaoperatorsdk.operator.api.reconciler.DeleteControl cleanup(
      NetworkAttachment resource,
      io.javaoperatorsdk.operator.api.reconciler.Context<NetworkAttachment> context) {
    io.javaoperatorsdk.operator.api.reconciler.DeleteControl control =
        super.cleanup(resource, context);
    if (control.isRemoveFinalizer()) {
      tell(resource, null);
    }
    return control;
  }

  private void tell(NetworkAttachment resource, String key) {
    String id = DesiredState.ref(resource).key();
    String before = key == null ? toldReservations.remove(id) : toldReservations.put(id, key);
    if (java.util.Objects.equals(before, key)) {
      return;
    }
    for (String k : new String[] {before, key}) {
      if (k != null) {
        String[] parts = k.split("\\|", 3);
        reservationsChanged.accept(parts[0], parts[1]);
      }
    }
  }

  /** host|network|addresses when the attachment declares a static address, else null. */
  private String reservationKey(NetworkAttachment a) {
    NetworkAttachmentSpec spec = a.getSpec();
    if (spec == null
        || spec.getNetwork() == null
        || (isBlank(spec.getIpv4Address()) && isBlank(spec.getIpv6Address()))) {
      return null;
    }
    return hostKey(a)
        + "|"
        + spec.getNetwork()
        + "|"
        + spec.getIpv4Address()
        + ","
        + spec.getIpv6Address();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }

  @Override
  String specHost(NetworkAttachment resource) {
    return resource.getSpec() == null ? null : resource.getSpec().getHost();
  }

  @Override
  DesiredState desired(NetworkAttachment resource) {
    return DesiredState.from(op.settings().project(), List.of(), List.of(resource));
  }

  @Override
  Map<String, Function<NetworkAttachment, List<String>>> indexers() {
    return Map.of(
        BY_NETWORK,
        a -> {
          NetworkAttachmentSpec spec = a.getSpec();
          String key = hostKey(a);
          if (spec == null || spec.getNetwork() == null) {
            return List.of();
          }
          List<String> keys = new java.util.ArrayList<>();
          keys.add(key + "|" + spec.getNetwork());
          if (spec.getDetachFrom() != null) {
            spec.getDetachFrom().forEach(n -> keys.add(key + "|" + n));
          }
          return keys;
        });
  }

  @Override
  List<NetworkAttachment> affectedBy(String hostKey, EngineEvent event) {
    if ("network".equals(event.type())) {
      String name = event.attributes().get("name");
      return name == null ? List.of() : cache.byIndex(BY_NETWORK, hostKey + "|" + name);
    }
    if ("container".equals(event.type()) && CONTAINER_ACTIONS.contains(event.action())) {
      String name = event.attributes().get("name");
      return cache.byIndex(BY_HOST, hostKey).stream()
          .filter(a -> selects(a, event.actorId(), name, event.attributes()))
          .toList();
    }
    return List.of();
  }

  /**
   * Whether the attachment names or selects this container (container events carry its labels as
   * attributes).
   */
  static boolean selects(NetworkAttachment a, String id, String name, Map<String, String> labels) {
    NetworkAttachmentSpec spec = a.getSpec();
    if (spec == null) {
      return false;
    }
    if (spec.getContainer() != null && !spec.getContainer().isEmpty()) {
      String wanted =
          spec.getContainer().startsWith("/")
              ? spec.getContainer().substring(1)
              : spec.getContainer();
      return wanted.equals(name) || (id != null && id.startsWith(wanted));
    }
    Map<String, String> selector =
        spec.getContainerSelector() == null ? null : spec.getContainerSelector().getMatchLabels();
    return selector != null
        && !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
