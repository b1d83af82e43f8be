package io.dockernet.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One IPAM address pool, as Docker stores it. Null fields mean "not set". */
public record IpamPool(
    String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
  public IpamPool {
    // Sorted, so that toString (used in the spec hash) is stable.
    auxAddresses =
        Collections.unmodifiableMap(new TreeMap<>(auxAddresses == null ? Map.of() : auxAddresses));
  }
}
