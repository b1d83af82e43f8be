package io.dockernet.validate;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Strict parsing of addresses and CIDRs, in the forms Docker (Go's net.ParseIP / ParseCIDR)
 * accepts: dotted quads and standard IPv6 text, no wildcards, ranges, masks, zones or inet_aton
 * shorthands such as "10.1".
 */
final class Ip {
  private static final IPAddressStringParameters STRICT = strict();
  static final IPAddress LINK_LOCAL_V4 = parse("169.254.0.0/16").toPrefixBlock();
  static final IPAddress LINK_LOCAL_V6 = parse("fe80::/10").toPrefixBlock();

  private Ip() {}

  private static IPAddressStringParameters strict() {
    IPAddressStringParameters.Builder b =
        new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE);
    b.getIPv4AddressParametersBuilder()
        .allow_inet_aton(false)
        .allowLeadingZeros(false)
        .allowPrefixesBeyondAddressSize(false)
        .allowBinary(false)
        .setRangeOptions(RangeParameters.NO_RANGE);
    b.getIPv6AddressParametersBuilder()
        .allowZone(false)
        .allowBase85(false)
        .allowBinary(false)
        .allowPrefixesBeyondAddressSize(false)
        .setRangeOptions(RangeParameters.NO_RANGE);
    return b.toParams();
  }

  private static IPAddress parse(String text) {
    if (text == null || text.isEmpty() || !text.equals(text.strip())) {
      return null;
    }
    return new IPAddressString(text, STRICT).getAddress();
  }

  /**
   * A CIDR such as 10.1.0.0/24 (host bits may be set: see {@link #hostBitsSet}); null if not one.
   */
  static IPAddress cidr(String text) {
    IPAddress a = parse(text);
    return a != null && a.isPrefixed() ? a : null;
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
