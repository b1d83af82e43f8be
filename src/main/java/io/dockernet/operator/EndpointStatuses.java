package io.dockernet.operator;

import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.model.ObservedEndpoint;
import java.util.List;

/** Engine endpoints as status entries. */
final class EndpointStatuses {
  private EndpointStatuses() {}

  static EndpointStatus of(ObservedEndpoint e, String containerName) {
    EndpointStatus s = new EndpointStatus();
    s.setContainer(containerName != null ? containerName : e.containerName());
    s.setId(e.containerId());
    s.setNetwork(e.networkName());
    s.setIpv4Address(withoutPrefix(e.ipv4Address()));
    s.setIpv6Address(withoutPrefix(e.ipv6Address()));
    s.setMacAddress(emptyToNull(e.macAddress()));
    // Engines before API 1.45 add the container's short id as an alias: not the user's.
    List<String> aliases =
        e.config().aliases().stream()
            .filter(
                a -> e.containerId() == null || !e.containerId().startsWith(a) || a.length() < 12)
            .sorted()
            .toList();
    s.setAliases(aliases.isEmpty() ? null : aliases);
    s.setManaged(e.managed());
    return s;
  }

  static String withoutPrefix(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
