package io.dockernet.plan;

import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the endpoint settings an attachment wants with an endpoint the engine has. Aliases,
 * link-local IPs and links are sets. The observed endpoint is already normalised ({@link
 * ObservedEndpoint}: no short-id alias, addresses without prefix length).
 *
 * <p>A static address, MAC address or gateway priority the spec leaves out means "any": the
 * endpoint keeps what it has (a recreate may have pinned its old dynamic address as static, and
 * that must not cause a reconnect on the next round).
 *
 * <p>{@link #strict}: for endpoints this attachment owns (aliases, link-local IPs, links and driver
 * options must be exactly as declared). {@link #compatible}: for endpoints someone else made — what
 * the spec asks for must hold, anything more is fine.
 */
final class EndpointDiff {
  private final boolean strict;
  private final List<FieldChange> changes = new ArrayList<>();

  private EndpointDiff(boolean strict) {
    this.strict = strict;
  }

  static List<FieldChange> strict(EndpointConfig desired, ObservedEndpoint observed) {
    return new EndpointDiff(true).compare(desired, observed);
  }

  static List<FieldChange> compatible(EndpointConfig desired, ObservedEndpoint observed) {
    return new EndpointDiff(false).compare(desired, observed);
  }

  private List<FieldChange> compare(EndpointConfig d, ObservedEndpoint o) {
    EndpointConfig c = o.config();
    set("aliases", d.aliases(), c.aliases());
    if (d.ipv4Address() != null) {
      address("ipv4Address", d.ipv4Address(), c.ipv4Address(), o.ipv4Address());
    }
    if (d.ipv6Address() != null) {
      address("ipv6Address", d.ipv6Address(), c.ipv6Address(), o.ipv6Address());
    }
    set("linkLocalIPs", d.linkLocalIps(), c.linkLocalIps());
    set("links", d.links(), c.links());
    map("driverOpts", strict ? d.driverOpts() : withoutOwner(d.driverOpts()), c.driverOpts());
    if (d.macAddress() != null) {
      String have = o.macAddress() != null ? o.macAddress() : c.macAddress();
      if (have == null || !have.equalsIgnoreCase(d.macAddress())) {
        changes.add(new FieldChange("macAddress", NetworkDiff.show(have), d.macAddress()));
      }
    }
    if (d.gwPriority() != null) {
      int have = c.gwPriority() == null ? 0 : c.gwPriority();
      if (have != d.gwPriority()) {
        changes.add(
            new FieldChange("gwPriority", String.valueOf(have), String.valueOf(d.gwPriority())));
      }
    }
    return changes;
  }

  /**
   * Strict: the endpoint must have been connected with this static address. Compatible: it must
   * have it, statically or not.
   */
  private void address(String field, String desired, String configured, String assigned) {
    String have = strict || configured != null ? configured : assigned;
    if (!NetworkDiff.sameAddress(have, desired)) {
      changes.add(new FieldChange(field, NetworkDiff.show(have), desired));
    }
  }

  private void set(String field, Collection<String> desired, Collection<String> observed) {
    if (desired.size() == observed.size()
        && desired.containsAll(observed)
        && observed.containsAll(desired)) {
      return; // the common case, without building sorted copies
    }
    TreeSet<String> want = new TreeSet<>(desired);
    TreeSet<String> have = new TreeSet<>(observed);
    boolean differs = strict ? !want.equals(have) : !have.containsAll(want);
    if (differs) {
      changes.add(new FieldChange(field, have.toString(), want.toString()));
    }
  }

  private void map(String field, Map<String, String> desired, Map<String, String> observed) {
    if (strict ? desired.equals(observed) : observed.entrySet().containsAll(desired.entrySet())) {
      return;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(desired).entrySet()) {
      String have = observed.get(e.getKey());
      if (!Objects.equals(have, e.getValue())) {
        changes.add(
            new FieldChange(field + "." + e.getKey(), NetworkDiff.show(have), e.getValue()));
      }
    }
    if (strict) {
      for (Map.Entry<String, String> e : new TreeMap<>(observed).entrySet()) {
        if (!desired.containsKey(e.getKey())) {
          changes.add(new FieldChange(field + "." + e.getKey(), e.getValue(), NetworkDiff.UNSET));
        }
      }
    }
  }

  private static Map<String, String> withoutOwner(Map<String, String> driverOpts) {
    Map<String, String> result = new TreeMap<>(driverOpts);
    result.remove(io.dockernet.model.Ownership.ENDPOINT_OWNER_OPT);
    return result;
  }
}
