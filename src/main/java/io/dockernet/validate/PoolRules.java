package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules on SubnetPools, and on the DockerNetworks that ask them for a subnet. */
final class PoolRules {
  private final Report report;

  PoolRules(Report report) {
    this.report = report;
  }

  void check(SubnetPool p) {
    CommonRules.metadata(report, p, false);
    SubnetPoolSpec spec = p.getSpec() == null ? new SubnetPoolSpec() : p.getSpec();
    List<String> cidrs = spec.getCidrs();
    if (cidrs == null || cidrs.isEmpty()) {
      report.add(
          p, "spec.cidrs", "spec.cidrs is required: one or more ranges such as 10.100.0.0/16");
      return;
    }
    IPAddress first = null;
    java.util.Map<Integer, IPAddress> parsed = new java.util.TreeMap<>();
    for (int i = 0; i < cidrs.size(); i++) {
      IPAddress cidr = range(p, ManifestPath.index("spec.cidrs", i), cidrs.get(i), first);
      if (cidr != null) {
        first = first == null ? cidr : first;
        parsed.put(i, cidr);
      }
    }
    if (first == null) {
      return;
    }
    int max = first.isIPv4() ? 30 : 127;
    Integer prefix = spec.getPrefixLength();
    if (prefix != null && (prefix < 1 || prefix > max)) {
      report.add(
          p,
          "spec.prefixLength",
          "prefixLength "
              + prefix
              + " is out of range for an "
              + Ip.family(first)
              + " pool: 1.."
              + max);
    } else {
      int size = prefix != null ? prefix : first.isIPv4() ? 24 : 64;
      parsed.forEach(
          (i, cidr) -> {
            if (cidr.getNetworkPrefixLength() > size) {
              report.add(
                  p,
                  ManifestPath.index("spec.cidrs", i),
                  "a range of the pool is smaller than one block: /"
                      + cidr.getNetworkPrefixLength()
                      + " cannot hold a /"
                      + size
                      + (prefix != null
                          ? ""
                          : " (the default prefixLength); set spec.prefixLength"));
            }
          });
    }
    List<String> exclude = spec.getExclude();
    if (exclude != null) {
      for (int i = 0; i < exclude.size(); i++) {
        range(p, ManifestPath.index("spec.exclude", i), exclude.get(i), first);
      }
    }
  }

  /** A strict CIDR of the pool's family; reported and null otherwise. */
  private IPAddress range(SubnetPool p, String path, String text, IPAddress family) {
    IPAddress cidr = Ip.cidr(text);
    if (cidr == null) {
      report.add(
          p,
          path,
          Names.quote(String.valueOf(text))
              + " is not a CIDR (e.g. 10.100.0.0/16 or fd00:100::/48)");
      return null;
    }
    if (Ip.hostBitsSet(cidr)) {
      report.add(p, path, text + " has host bits set; write " + Ip.block(cidr));
    }
    if (family != null && family.getIPVersion() != cidr.getIPVersion()) {
      report.add(
          p,
          path,
          text
              + " is "
              + Ip.family(cidr)
              + " but the pool is "
              + Ip.family(family)
              + "; a pool holds one family (declare a second pool for the other)");
      return null;
    }
    return cidr;
  }

  /** Every {@code pool:} names a declared SubnetPool of a family the network can use. */
  void references(List<SubnetPool> pools, List<DockerNetwork> networks) {
    Map<String, SubnetPool> byName = new HashMap<>();
    pools.forEach(p -> byName.putIfAbsent(p.getMetadata().getName(), p));
    for (DockerNetwork n : networks) {
      var ipam = Declared.spec(n).getIpam();
      if (ipam == null || ipam.getConfig() == null) {
        continue;
      }
      for (int i = 0; i < ipam.getConfig().size(); i++) {
        IpamConfig c = ipam.getConfig().get(i);
        if (c == null || c.getPool() == null || c.getPool().isEmpty()) {
          continue;
        }
        String path = ManifestPath.field(ManifestPath.index("spec.ipam.config", i), "pool");
        SubnetPool pool = byName.get(c.getPool());
        if (pool == null) {
          report.add(
              n,
              path,
              "SubnetPool "
                  + c.getPool()
                  + " is not declared"
                  + (byName.isEmpty()
                      ? ""
                      : "; declared pools: "
                          + String.join(", ", byName.keySet().stream().sorted().toList())));
          continue;
        }
        List<String> cidrs = pool.getSpec() == null ? null : pool.getSpec().getCidrs();
        IPAddress first = cidrs == null || cidrs.isEmpty() ? null : Ip.cidr(cidrs.get(0));
        if (first != null
            && first.isIPv6()
            && !Boolean.TRUE.equals(Declared.spec(n).getEnableIPv6())) {
          report.add(
              n,
              path,
              "SubnetPool " + c.getPool() + " is IPv6: the network needs enableIPv6: true");
        }
        if (first != null
            && first.isIPv4()
            && Boolean.FALSE.equals(Declared.spec(n).getEnableIPv4())) {
          report.add(
              n,
              path,
              "SubnetPool " + c.getPool() + " is IPv4 but the network has enableIPv4: false");
        }
      }
    }
  }
}
