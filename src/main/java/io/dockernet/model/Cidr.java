package io.dockernet.model;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one parser of subnets and addresses, in the forms Docker (Go's net.ParseIP / ParseCIDR)
 * accepts: dotted quads and standard IPv6 text, no wildcards, ranges, masks, zones or inet_aton
 * shorthands such as "10.1". Validation, pools and the planner all read subnets through it, so that
 * what validation accepts is what the rest understands.
 */
public final class Cidr {
  private static final IPAddressStringParameters STRICT = strict();

  private Cidr() {}

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

  /**
   * Parsed texts. A run parses the same few subnets many times over (validation, overlap checks,
   * pools, the planner), and parsing is most of what validation costs in a short command. Addresses
   * are immutable; the cap only bounds a long-running operator fed many distinct texts.
   */
  private static final Map<String, Optional<IPAddress>> PARSED = new ConcurrentHashMap<>();

  private static final int PARSED_CAP = 4096;

  /** An address or CIDR; null if neither (surrounding white space included). */
  public static IPAddress parseAny(String text) {
    if (text == null || text.isEmpty() || !text.equals(text.strip())) {
      return null;
    }
    Optional<IPAddress> known = PARSED.get(text);
    if (known == null) {
      if (PARSED.size() >= PARSED_CAP) {
        PARSED.clear();
      }
      known = Optional.ofNullable(new IPAddressString(text, STRICT).getAddress());
      PARSED.put(text, known);
    }
    return known.orElse(null);
  }

  /** A CIDR such as 10.1.0.0/24 (host bits may be set, as in 10.1.0.7/24); null if not one. */
  public static IPAddress parse(String text) {
    IPAddress a = parseAny(text);
    return a != null && a.isPrefixed() ? a : null;
  }
}
