package io.dockernet.operator;

import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.engine.EngineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Which NetworkAttachments an engine event concerns, and the index that finds them by network. */
final class AttachmentEvents {
  static final String BY_NETWORK = "byNetwork";

  /**
   * Container events that can change which containers an attachment selects or what they are on.
   */
  static final Set<String> CONTAINER_ACTIONS =
      Set.of("create", "start", "restart", "rename", "destroy", "unpause");

  private AttachmentEvents() {}

  /** Indexes an attachment under host|network for its network and each network it detaches from. */
  static Map<String, Function<NetworkAttachment, List<String>>> indexers(
      Function<NetworkAttachment, String> hostKey) {
    return Map.of(
        BY_NETWORK,
        a -> {
          NetworkAttachmentSpec spec = a.getSpec();
          String key = hostKey.apply(a);
          if (spec == null || spec.getNetwork() == null) {
            return List.of();
          }
          List<String> keys = new ArrayList<>();
          keys.add(key + "|" + spec.getNetwork());
          if (spec.getDetachFrom() != null) {
            spec.getDetachFrom().forEach(n -> keys.add(key + "|" + n));
          }
          return keys;
        });
  }

  /**
   * Network events concern the attachments on or detaching from that network; container events the
   * attachments naming or selecting that container.
   */
  static List<NetworkAttachment> affectedBy(
      PrimaryEvents<NetworkAttachment> attachments, String hostKey, EngineEvent event) {
    if ("network".equals(event.type())) {
      String name = event.attributes().get("name");
      return name == null ? List.of() : attachments.byIndex(BY_NETWORK, hostKey + "|" + name);
    }
    if ("container".equals(event.type()) && CONTAINER_ACTIONS.contains(event.action())) {
      String name = event.attributes().get("name");
      return attachments.byIndex(PrimaryEvents.BY_HOST, hostKey).stream()
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
