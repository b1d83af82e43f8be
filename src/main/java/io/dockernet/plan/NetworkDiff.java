package io.dockernet.plan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.Ownership;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Field-by-field comparison of a desired network with the one the engine has, tolerant of what the
 * engine fills in by itself: a subnet and gateway when none was asked for, IPAM driver "default",
 * scope "local", IPv4 on, and option keys newer engines add.
 *
 * <p>Two strengths. {@link #strict}: for our own networks — whatever the spec does not mention but
 * the network has (a label or option dropped from the spec) is a change, since we created it from
 * an earlier spec. {@link #compatible}: for adoption — only what the spec asks for must hold.
 */
final class NetworkDiff {
  static final String UNSET = "unset";
  static final Set<String> ENGINE_OPTIONS = EngineDefaults.NETWORK_OPTIONS;

  private final boolean strict;
  private final List<FieldChange> changes = new ArrayList<>();

  private NetworkDiff(boolean strict) {
    this.strict = strict;
  }

  static List<FieldChange> strict(NetworkConfig desired, NetworkConfig observed) {
    return new NetworkDiff(true).compare(desired, observed);
  }

  static List<FieldChange> compatible(NetworkConfig desired, NetworkConfig observed) {
    return new NetworkDiff(false).compare(desired, observed);
  }

  private List<FieldChange> compare(NetworkConfig d, NetworkConfig o) {
    if (!EngineDefaults.isConfigOnlyDriver(o)) {
      field("driver", o.driver(), d.driver());
    }
    if (d.configFrom() != null) {
      // Everything else is inherited from the config-only network (which has its own spec).
      field("configFrom", emptyToNull(o.configFrom()), d.configFrom());
      return changes;
    }
    map("driverOpts", d.options(), o.options(), ENGINE_OPTIONS);
    field("internal", o.internal(), d.internal());
    field("attachable", o.attachable(), d.attachable());
    field("ingress", o.ingress(), d.ingress());
    field("enableIPv6", o.enableIPv6(), d.enableIPv6());
    if (d.enableIPv4() != null) {
      field("enableIPv4", EngineDefaults.isDefaultEnableIPv4(o.enableIPv4()), d.enableIPv4());
    }
    if (d.scope() != null) {
      field("scope", o.scope() == null ? EngineDefaults.SCOPE : o.scope(), d.scope());
    }
    field("configOnly", o.configOnly(), d.configOnly());
    field("configFrom", emptyToNull(o.configFrom()), emptyToNull(d.configFrom()));
    map("labels", Ownership.withoutOurs(d.labels()), Ownership.withoutOurs(o.labels()), Set.of());
    field("ipam.driver", ipamDriver(o.ipamDriver()), ipamDriver(d.ipamDriver()));
    map("ipam.options", d.ipamOptions(), o.ipamOptions(), Set.of());
    pools(d.ipamPools(), o.ipamPools());
    return changes;
  }

  /**
   * Pools are paired by subnet (the engine may list them in another order), else by position. A
   * desired list without subnets lets the engine choose; an observed pool of an address family the
   * spec has no pool for was filled in by the engine.
   */
  private void pools(List<IpamPool> desired, List<IpamPool> observed) {
    if (desired.isEmpty()) {
      return;
    }
    Set<Integer> paired = new HashSet<>();
    Set<Boolean> desiredFamilies = new HashSet<>();
    for (int i = 0; i < desired.size(); i++) {
      IpamPool d = desired.get(i);
      String prefix = "ipam.config[" + i + "].";
      if (d.subnet() != null) {
        desiredFamilies.add(isIPv4(d.subnet()));
      }
      int j = indexOfSubnet(observed, d.subnet());
      if (j < 0 && i < observed.size() && !paired.contains(i)) {
        j = i;
      }
      if (j < 0) {
        changes.add(new FieldChange(prefix + "subnet", UNSET, show(d.subnet())));
        continue;
      }
      paired.add(j);
      IpamPool o = observed.get(j);
      if (d.subnet() != null) {
        field(prefix + "subnet", o.subnet(), d.subnet(), true);
      }
      if (d.ipRange() != null || strict) {
        field(prefix + "ipRange", o.ipRange(), d.ipRange(), true);
      }
      if (d.gateway() != null) {
        field(prefix + "gateway", o.gateway(), d.gateway(), true);
      }
      map(prefix + "auxAddresses", d.auxAddresses(), o.auxAddresses(), Set.of());
    }
    if (strict) {
      for (int j = 0; j < observed.size(); j++) {
        IpamPool o = observed.get(j);
        boolean engineFilled = o.subnet() == null || !desiredFamilies.contains(isIPv4(o.subnet()));
        if (!paired.contains(j) && !engineFilled) {
          changes.add(new FieldChange("ipam.config[" + j + "].subnet", o.subnet(), UNSET));
        }
      }
    }
  }

  private static int indexOfSubnet(List<IpamPool> pools, String subnet) {
    if (subnet == null) {
      return -1;
    }
    for (int j = 0; j < pools.size(); j++) {
      if (sameAddress(pools.get(j).subnet(), subnet)) {
        return j;
      }
    }
    return -1;
  }

  private void map(
      String field,
      Map<String, String> desired,
      Map<String, String> observed,
      Set<String> engineKeys) {
    for (Map.Entry<String, String> e : new TreeMap<>(desired).entrySet()) {
      String have = observed.get(e.getKey());
      if (!Objects.equals(have, e.getValue())) {
        changes.add(new FieldChange(field + "." + e.getKey(), show(have), show(e.getValue())));
      }
    }
    if (strict) {
      for (Map.Entry<String, String> e : new TreeMap<>(observed).entrySet()) {
        if (!desired.containsKey(e.getKey()) && !engineKeys.contains(e.getKey())) {
          changes.add(new FieldChange(field + "." + e.getKey(), show(e.getValue()), UNSET));
        }
      }
    }
  }

  private void field(String field, Object observed, Object desired) {
    if (!Objects.equals(observed, desired)) {
      changes.add(new FieldChange(field, show(observed), show(desired)));
    }
  }

  private void field(String field, String observed, String desired, boolean address) {
    if (!(address ? sameAddress(observed, desired) : Objects.equals(observed, desired))) {
      changes.add(new FieldChange(field, show(observed), show(desired)));
    }
  }

  /** Compares addresses and CIDRs by value ("fd00:0::/64" equals "fd00::/64"). */
  static boolean sameAddress(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.equals(b)) {
      return true;
    }
    IPAddress x = new IPAddressString(a).getAddress();
    IPAddress y = new IPAddressString(b).getAddress();
    return x != null && x.equals(y);
  }

  private static Boolean isIPv4(String cidr) {
    IPAddress address = new IPAddressString(cidr).getAddress();
    return address == null || address.isIPv4();
  }

  private static String ipamDriver(String driver) {
    return driver == null || driver.isEmpty() ? EngineDefaults.IPAM_DRIVER : driver;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static String show(Object value) {
    return value == null ? UNSET : value.toString();
  }
}
