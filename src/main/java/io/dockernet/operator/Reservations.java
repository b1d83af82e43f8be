package io.dockernet.operator;

import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The static addresses NetworkAttachments reserve, followed so that the networks they target are
 * told (host key, network) when a reservation appears, changes or goes: their status lists the
 * reserved addresses and the dynamic ranges that keep them free.
 */
final class Reservations {
  private final Function<NetworkAttachment, String> hostKey;

  /** Told (host key, network) when an attachment's static addresses appear, change or go. */
  private volatile BiConsumer<String, String> changed = (host, network) -> {};

  /** Per attachment: host|network|addresses last told, to tell only changes. */
  private final Map<String, String> told = new ConcurrentHashMap<>();

  Reservations(Function<NetworkAttachment, String> hostKey) {
    this.hostKey = hostKey;
  }

  void onChanged(BiConsumer<String, String> listener) {
    this.changed = listener;
  }

  /** The attachment is being reconciled: tells if what it reserves changed since last time. */
  void seen(NetworkAttachment resource) {
    tell(resource, reservationKey(resource));
  }

  /** The attachment is gone: tells the network it reserved on, if any. */
  void gone(NetworkAttachment resource) {
    tell(resource, null);
  }

  private void tell(NetworkAttachment resource, String key) {
    String id = DesiredState.ref(resource).key();
    String before = key == null ? told.remove(id) : told.put(id, key);
    if (Objects.equals(before, key)) {
      return;
    }
    for (String k : new String[] {before, key}) {
      if (k != null) {
        String[] parts = k.split("\\|", 3);
        changed.accept(parts[0], parts[1]);
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
    return hostKey.apply(a)
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
}
