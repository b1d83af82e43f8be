package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.model.Cidr;

/** Addresses and CIDRs for validation rules, parsed by {@link Cidr} (strictly, as Docker does). */
final class Ip {
  static final IPAddress LINK_LOCAL_V4 = parse("169.254.0.0/16").toPrefixBlock();
  static final IPAddress LINK_LOCAL_V6 = parse("fe80::/10").toPrefixBlock();

  private Ip() {}

  private static IPAddress parse(String text) {
    return Cidr.parseAny(text);
  }

  /**
   * A CIDR such as 10.1.0.0/24 (host bits may be set: see {@link #hostBitsSet}); null if not one.
   */
  static IPAddress cidr(String text) {
    return Cidr.parse(text);
  }

  /** A single address without prefix length; null if not one. */
  static IPAddress address(String text) {
    IPAddress a = parse(text);
    return a != null && !a.isPrefixed() ? a : null;
  }

  static boolean hostBitsSet(IPAddress cidr) {
    // "10.1.0.0/24" parses as the whole block, whose upper values have host bits: check the lower
    // end.
    return !cidr.getLower().isZeroHost();
  }

  /** The whole block of a CIDR: 10.1.0.0/24 for 10.1.0.7/24. */
  static IPAddress block(IPAddress cidr) {
    return cidr.toPrefixBlock();
  }

  /** The network address of a block, without prefix (for messages and comparisons). */
  static IPAddress networkAddress(IPAddress cidr) {
    return cidr.toPrefixBlock().getLower().withoutPrefixLength();
  }

  /** IPv4 broadcast address of a block (none for IPv6, or for /31 and /32). */
  static IPAddress broadcast(IPAddress cidr) {
    if (!cidr.isIPv4() || cidr.getNetworkPrefixLength() >= 31) {
      return null;
    }
    return cidr.toPrefixBlock().getUpper().withoutPrefixLength();
  }

  static boolean contains(IPAddress cidr, IPAddress address) {
    return cidr.getIPVersion() == address.getIPVersion() && cidr.toPrefixBlock().contains(address);
  }

  static boolean overlaps(IPAddress a, IPAddress b) {
    if (a.getIPVersion() != b.getIPVersion()) {
      return false;
    }
    IPAddress x = a.toPrefixBlock();
    IPAddress y = b.toPrefixBlock();
    return x.contains(y) || y.contains(x);
  }

  static String family(IPAddress a) {
    return a.isIPv4() ? "IPv4" : "IPv6";
  }

  static boolean same(IPAddress a, IPAddress b) {
    return a.getIPVersion() == b.getIPVersion()
        && a.withoutPrefixLength().equals(b.withoutPrefixLength());
  }
}
