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

  /**
   * Exactly the text the record's generated toString gives (the spec hash is made of it: see
   * OwnershipTest), written out because the generated one runs through method handles that a short
   * command interprets: 30 networks' hashes cost ~0.03 s of a re-apply.
   */
  @Override
  public String toString() {
    return "IpamPool[subnet="
        + subnet
        + ", ipRange="
        + ipRange
        + ", gateway="
        + gateway
        + ", auxAddresses="
        + auxAddresses
        + "]";
  }
}
