package io.dockernet.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  public EndpointConfig withAliases(List<String> aliases) {
    return new EndpointConfig(
        aliases, ipv4Address, ipv6Address, linkLocalIps, links, driverOpts, macAddress, gwPriority);
  }

  /** The same settings asking for these static addresses (null: none). */
  public EndpointConfig withAddresses(String ipv4Address, String ipv6Address) {
    return new EndpointConfig(
        aliases, ipv4Address, ipv6Address, linkLocalIps, links, driverOpts, macAddress, gwPriority);
  }

  /**
   * Whether two endpoints ask for the same settings, whoever owns them: order of aliases,
   * link-local IPs and links aside. Two attachments of one container to one network must agree on
   * this.
   */
  public boolean sameSettings(EndpointConfig other) {
    return withoutOwner().equals(other.withoutOwner());
  }

  private EndpointConfig withoutOwner() {
    Map<String, String> opts = new TreeMap<>(driverOpts);
    opts.remove(Ownership.ENDPOINT_OWNER_OPT);
    return new EndpointConfig(
        aliases.stream().sorted().toList(),
        ipv4Address,
        ipv6Address,
        linkLocalIps.stream().sorted().toList(),
        links.stream().sorted().toList(),
        opts,
        macAddress,
        gwPriority);
  }

  /** The endpoint owner recorded in the endpoint's driver options, or null when unmanaged. */
  public String owner() {
    return driverOpts.get(Ownership.ENDPOINT_OWNER_OPT);
  }
}
