package io.dockernet.pool;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.PoolAllocationMode;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import io.dockernet.model.Cidr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A SubnetPool with its defaults applied and its ranges parsed: blocks of {@code prefixLength}
 * inside {@code cidrs} (lowest first), never inside {@code exclude}.
 */
public record PoolSpec(
    String name,
    List<IPAddress> cidrs,
    int prefixLength,
    List<IPAddress> exclude,
    PoolAllocationMode mode,
    Map<String, String> hostSelector) {

  public PoolSpec {
    cidrs = cidrs.stream().sorted(Comparator.comparing(IPAddress::getValue)).toList();
    exclude = List.copyOf(exclude);
    hostSelector = hostSelector == null ? Map.of() : Map.copyOf(hostSelector);
  }

  /**
   * Parses a validated SubnetPool; throws IllegalArgumentException naming what is wrong otherwise.
   */
  public static PoolSpec of(SubnetPool pool) {
    String name = pool.getMetadata().getName();
    SubnetPoolSpec spec = pool.getSpec() == null ? new SubnetPoolSpec() : pool.getSpec();
    if (spec.getCidrs() == null || spec.getCidrs().isEmpty()) {
      throw new IllegalArgumentException("SubnetPool " + name + " has no cidrs");
    }
    List<IPAddress> cidrs = new ArrayList<>();
    for (String c : spec.getCidrs()) {
      cidrs.add(cidr(name, c));
    }
    boolean v4 = cidrs.get(0).isIPv4();
    if (cidrs.stream().anyMatch(c -> c.isIPv4() != v4)) {
      throw new IllegalArgumentException("SubnetPool " + name + " mixes IPv4 and IPv6 ranges");
    }
    int prefix = spec.getPrefixLength() != null ? spec.getPrefixLength() : v4 ? 24 : 64;
    List<IPAddress> exclude = new ArrayList<>();
    if (spec.getExclude() != null) {
      for (String e : spec.getExclude()) {
        exclude.add(cidr(name, e));
      }
    }
    PoolAllocationMode mode =
        spec.getAllocation() == null ? PoolAllocationMode.PerHost : spec.getAllocation();
    return new PoolSpec(
        name,
        cidrs,
        prefix,
        exclude,
        mode,
        spec.getHostSelector() == null ? null : spec.getHostSelector().getMatchLabels());
  }

  private static IPAddress cidr(String pool, String text) {
    IPAddress a = text == null ? null : Cidr.parse(text.strip());
    if (a == null) {
      throw new IllegalArgumentException("SubnetPool " + pool + ": " + text + " is not a CIDR");
    }
    return a.toPrefixBlock();
  }

  public boolean ipv4() {
    return cidrs.get(0).isIPv4();
  }

  /**
   * True when {@code subnet} lies wholly inside one of the pool's ranges and overlaps nothing
   * excluded.
   */
  public boolean holds(IPAddress subnet) {
    if (subnet.isIPv4() != ipv4()) {
      return false;
    }
    IPAddress block = subnet.toPrefixBlock();
    return cidrs.stream().anyMatch(c -> c.contains(block))
        && exclude.stream().noneMatch(e -> overlaps(e, block));
  }

  /** How many blocks the pool's ranges hold (excludes not subtracted), capped at Long.MAX_VALUE. */
  public long size() {
    BigInteger total = BigInteger.ZERO;
    int bits = ipv4() ? 32 : 128;
    for (IPAddress c : cidrs) {
      int p = c.getNetworkPrefixLength();
      if (p <= prefixLength) {
        total = total.add(BigInteger.ONE.shiftLeft(prefixLength - p));
      }
    }
    return total.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }

  /** "pool-a (10.100.0.0/16, /24 blocks)" for messages. */
  public String describe() {
    return name
        + " ("
        + String.join(", ", cidrs.stream().map(Object::toString).toList())
        + ", /"
        + prefixLength
        + " blocks, "
        + size()
        + " in all"
        + (exclude.isEmpty() ? "" : ", " + exclude.size() + " range(s) excluded")
        + ")";
  }

  static boolean overlaps(IPAddress a, IPAddress b) {
    return a.getIPVersion() == b.getIPVersion() && (a.contains(b) || b.contains(a));
  }
}
