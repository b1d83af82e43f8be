package io.dockernet.model;

import io.dockernet.api.v1alpha1.EndpointStatus;
import java.util.List;

/**
 * An observed endpoint as the API's EndpointStatus: the one view that {@code get} output and
 * resource status (DockerNetwork containers, NetworkAttachment endpoints) both print. The endpoint
 * is already normalised ({@link ObservedEndpoint}); aliases are a set, shown sorted so that the
 * same endpoint always prints the same.
 */
public final class EndpointViews {
  private EndpointViews() {}

  public static EndpointStatus status(ObservedEndpoint e) {
    EndpointStatus s = new EndpointStatus();
    s.setContainer(e.containerName());
    s.setId(e.containerId());
    s.setNetwork(e.networkName());
    s.setIpv4Address(e.ipv4Address());
    s.setIpv6Address(e.ipv6Address());
    s.setMacAddress(e.macAddress());
    List<String> aliases = e.config().aliases().stream().sorted().toList();
    s.setAliases(aliases.isEmpty() ? null : aliases);
    List<String> reserved = new java.util.ArrayList<>();
    for (String a : new String[] {e.config().ipv4Address(), e.config().ipv6Address()}) {
      if (a != null && !a.isEmpty()) {
        reserved.add(a);
      }
    }
    s.setReserved(reserved.isEmpty() ? null : reserved);
    s.setManaged(e.managed());
    return s;
  }
}
