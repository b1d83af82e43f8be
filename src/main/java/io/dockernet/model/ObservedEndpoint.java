package io.dockernet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's endpoint on a network as the engine reports it: the settings it was connected with
 * ({@code config}, including any static addresses) and what it really got.
 *
 * <p>Normalised here, once, whoever builds it (the snapshot reader, a recreate journal, a test):
 * addresses without a prefix length ("10.1.0.2/24" as network inspect writes it is "10.1.0.2"), ""
 * as null, and without the short container id that engines before API 1.45 add to the aliases by
 * themselves. The planner, {@code get} and resource status all read this one form.
 */
public record ObservedEndpoint(
    String networkId,
    String networkName,
    String containerId,
    String containerName,
    String endpointId,
    String ipv4Address,
    String ipv6Address,
    String macAddress,
    EndpointConfig config) {

  public ObservedEndpoint {
    ipv4Address = bare(ipv4Address);
    ipv6Address = bare(ipv6Address);
    macAddress = macAddress == null || macAddress.isEmpty() ? null : macAddress;
    config = config == null ? EndpointConfig.empty() : withoutShortId(config, containerId);
  }

  /** Managed endpoints carry our owner marker in their endpoint driver options. */
  public boolean managed() {
    return config.owner() != null;
  }

  /** "10.1.0.2/24" → "10.1.0.2"; "" → null. */
  public static String bare(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  /**
   * Without the 12-character short id the engine adds (every copy: some engines repeat it after a
   * restart). Not tied to the API version: an alias equal to the container's own short id is one
   * the engine answers anyway.
   */
  private static EndpointConfig withoutShortId(EndpointConfig c, String containerId) {
    if (containerId == null || containerId.length() < 12) {
      return c;
    }
    List<String> kept = null;
    for (int i = 0; i < c.aliases().size(); i++) {
      String a = c.aliases().get(i);
      boolean shortId = a.length() == 12 && containerId.startsWith(a);
      if (shortId && kept == null) {
        kept = new ArrayList<>(c.aliases().subList(0, i));
      } else if (!shortId && kept != null) {
        kept.add(a);
      }
    }
    return kept == null ? c : c.withAliases(kept);
  }
}
