package io.dockernet.model;

import io.dockernet.api.v1alpha1.EndpointStatus;
import java.util.List;

/**
 * Turns observed endpoints into the API's EndpointStatus, for `get` output and resource status
 * alike.
 */
public final class EndpointViews {
  private EndpointViews() {}

  public static EndpointStatus status(ObservedEndpoint e) {
    EndpointStatus s = new EndpointStatus();
    s.setContainer(e.containerName());
    s.setId(e.containerId());
    s.setNetwork(e.networkName());
    s.setIpv4Address(blankToNull(e.ipv4Address()));
    s.setIpv6Address(blankToNull(e.ipv6Address()));
    s.setMacAddress(blankToNull(e.macAddress()));
    List<String> aliases = e.config().aliases();
    s.setAliases(aliases.isEmpty() ? null : aliases);
    s.setManaged(e.managed());
    return s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
