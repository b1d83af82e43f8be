package io.dockernet.model;

import java.util.List;
import java.util.Map;

/**
 * The settings of one endpoint as {@code POST /networks/{id}/connect} takes them (EndpointConfig)
 * and as container inspect returns them. Null means "not set".
 */
public record EndpointConfig(
    List<String> aliases,
    String ipv4Address,
    String ipv6Address,
    List<String> linkLocalIps,
    List<String> links,
    Map<String, String> driverOpts,
    String macAddress,
    Integer gwPriority) {

  public EndpointConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    linkLocalIps = linkLocalIps == null ? List.of() : List.copyOf(linkLocalIps);
    links = links == null ? List.of() : List.copyOf(links);
    driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
  }

  public static EndpointConfig empty() {
    return new EndpointConfig(null, null, null, null, null, null, null, null);
  }

  /** The endpoint owner recorded in the endpoint's driver options, or null when unmanaged. */
  public String owner() {
    return driverOpts.get(Ownership.ENDPOINT_OWNER_OPT);
  }
}
