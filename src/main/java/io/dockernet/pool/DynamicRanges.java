package io.dockernet.pool;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.NetworkMatch;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Verb;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static addresses stay free (docs/address-planning.md): a pure stage before the planner, after the
 * pools. A DockerNetwork whose NetworkAttachments declare static addresses, and whose config entry
 * gives a subnet but no {@code ipRange}, gets an ipRange computed for it: the largest
 * power-of-two-aligned block of the subnet that holds no declared static address and not the
 * gateway (the highest such block when several are as large). Docker hands dynamic addresses from
 * the ipRange only, so a container started later without an address never takes a declared one,
 * even while the declared container is not running. The gateway the engine would have picked
 * without a range (the first address of the subnet) is pinned, so it does not move into the range.
 *
 * <p>Migration rule: the range is computed only when the network is created, or recreated for
 * another reason. It is recorded in {@link #LABEL} and, while the network exists, read back from
 * the engine and kept: re-apply plans nothing, and a static address added later inside the range is
 * a note in the plan (never a recreate of its own). A network made before this rule keeps having no
 * range until it is recreated (a note says so).
 */
public final class DynamicRanges {
  /** The ipRange dockernet computed, per config entry (comma-separated, empty when none). */
  public static final String LABEL = Ownership.PREFIX + "dynamic-range";

  /** Smallest range worth setting: 4 addresses. */
  private static final int MIN_HOST_BITS = 2;

  private DynamicRanges() {}

  /** A static address a NetworkAttachment declares on a network, and for which container. */
  public record Reservation(
      String network, String address, ResourceRef attachment, String container) {}

  /**
   * The networks to plan (with computed ranges where they apply), and notes per network for the
   * plan.
   */
  public record Result(
      List<DockerNetwork> networks,
      Map<ResourceRef, List<String>> notes,
      Map<ResourceRef, List<String>> computed) {

    /** The plan with the notes added, and each computed range named in its create or recreate. */
    public Plan report(Plan plan) {
      if (notes.isEmpty() && computed.isEmpty()) {
        return plan;
      }
      List<Action> actions = new ArrayList<>();
      for (Action a : plan.actions()) {
        List<String> ranges = computed.get(a.resource());
        boolean makes = a.verb() == Verb.CREATE || a.verb() == Verb.RECREATE;
        actions.add(
            ranges != null && makes
                ? a.withReason(
                    a.reason()
                        + "; dynamic addresses from "
                        + String.join(", ", ranges)
                        + ", which holds no declared static address")
                : a);
      }
      Map<ResourceRef, List<String>> merged = new LinkedHashMap<>();
      plan.notes().forEach((k, v) -> merged.put(k, new ArrayList<>(v)));
      notes.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      return new Plan(actions, plan.resources(), merged);
    }
  }

  /** Every static address the attachments declare, by Docker network name. */
  public static Map<String, List<Reservation>> reservations(List<NetworkAttachment> attachments) {
    Map<String, List<Reservation>> result = new TreeMap<>();
    for (NetworkAttachment a : attachments) {
      NetworkAttachmentSpec spec = a.getSpec();
      if (spec == null || spec.getNetwork() == null) {
        continue;
      }
      for (String text : new String[] {spec.getIpv4Address(), spec.getIpv6Address()}) {
        IPAddress address = address(text);
        if (address != null) {
          result
              .computeIfAbsent(spec.getNetwork(), k -> new ArrayList<>())
              .add(
                  new Reservation(
                      spec.getNetwork(),
                      address.toCanonicalString(),
                      DesiredState.ref(a),
                      holder(spec)));
        }
      }
    }
    result
        .values()
        .forEach(
            l ->
                l.sort(
                    Comparator.comparing((Reservation r) -> r.attachment().toString())
                        .thenComparing(Reservation::address)));
    return result;
  }

  private static String holder(NetworkAttachmentSpec spec) {
    if (spec.getContainer() != null && !spec.getContainer().isEmpty()) {
      return spec.getContainer();
    }
    Map<String, String> labels =
        spec.getContainerSelector() == null ? null : spec.getContainerSelector().getMatchLabels();
    return labels == null ? "" : "selector " + new TreeMap<>(labels);
  }

  /**
   * Arranges every network: computed ranges where they are due, the recorded ones kept.
   *
   * @param project whose labels mark our networks
   * @param networks the desired networks of this engine (pool subnets already concrete)
   * @param attachments the NetworkAttachments of this engine (any network)
   */
  public static Result arrange(
      String project,
      List<DockerNetwork> networks,
      List<NetworkAttachment> attachments,
      Snapshot snapshot) {
    Map<String, List<Reservation>> reserved = reservations(attachments);
    List<DockerNetwork> out = new ArrayList<>();
    Map<ResourceRef, List<String>> notes = new LinkedHashMap<>();
    Map<ResourceRef, List<String>> computed = new LinkedHashMap<>();
    for (DockerNetwork n : networks) {
      String name = DesiredState.dockerName(n);
      List<Reservation> statics = reserved.getOrDefault(name, List.of());
      if (!eligible(n)) {
        out.add(n);
        continue;
      }
      ResourceRef ref = DesiredState.ref(n);
      ObservedNetwork o = snapshot.network(name).orElse(null);
      List<String> recorded = o == null ? null : recorded(o.config().labels());
      if (o != null && !ours(project, ref, o)) {
        out.add(n); // adoption or a conflict: the planner decides, nothing is created here
        continue;
      }
      if (o != null) {
        // Exists: keep what was recorded, unless the planner recreates it anyway.
        DockerNetwork kept = recorded == null ? n : keep(n, recorded, o);
        if (NetworkMatch.unchanged(DesiredState.network(project, kept), o.config())) {
          out.add(kept);
          explain(n, kept, statics, notes);
          continue;
        }
      }
      Fresh fresh = fresh(n, statics);
      out.add(fresh.network());
      if (!fresh.ranges().isEmpty()) {
        computed.put(ref, fresh.ranges());
      }
      fresh.notes().forEach(s -> notes.computeIfAbsent(ref, k -> new ArrayList<>()).add(s));
    }
    return new Result(out, notes, computed);
  }

  /** Config entries dockernet may give a range: default IPAM, its own configuration, a subnet. */
  private static boolean eligible(DockerNetwork n) {
    DockerNetworkSpec spec = n.getSpec();
    if (spec == null
        || spec.getIpam() == null
        || spec.getIpam().getConfig() == null
        || Boolean.TRUE.equals(spec.getConfigOnly())
        || (spec.getConfigFrom() != null && !spec.getConfigFrom().isEmpty())) {
      return false;
    }
    String driver = spec.getIpam().getDriver();
    return driver == null || driver.isEmpty() || driver.equals("default");
  }

  private record Fresh(DockerNetwork network, List<String> ranges, List<String> notes) {}

  /** Ranges computed now, for a network about to be created (or recreated). */
  private static Fresh fresh(DockerNetwork n, List<Reservation> statics) {
    List<IpamConfig> config = n.getSpec().getIpam().getConfig();
    String[] ranges = new String[config.size()];
    String[] gateways = new String[config.size()];
    List<String> shown = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < config.size(); i++) {
      IpamConfig c = config.get(i);
      IPAddress subnet = c == null || isSet(c.getIpRange()) ? null : cidr(c.getSubnet());
      if (subnet == null) {
        continue;
      }
      List<IPAddress> inside = inside(subnet, statics);
      if (inside.isEmpty()) {
        continue;
      }
      IPAddress gateway = isSet(c.getGateway()) ? address(c.getGateway()) : firstHost(subnet);
      List<IPAddress> taken = new ArrayList<>(inside);
      if (gateway != null) {
        taken.add(gateway);
      }
      IPAddress range = largestFree(subnet, taken);
      if (range == null) {
        notes.add(
            "no block of at least 4 addresses in subnet "
                + subnet
                + " of network "
                + DesiredState.dockerName(n)
                + " is free of its static addresses and gateway: dynamic addresses come from the"
                + " whole subnet and may take "
                + addresses(inside)
                + " while their containers are not running");
        continue;
      }
      ranges[i] = range.toCanonicalString();
      gateways[i] = isSet(c.getGateway()) ? null : gateway.toCanonicalString();
      shown.add(ranges[i]);
      any = true;
    }
    return any
        ? new Fresh(withRanges(n, ranges, gateways), shown, notes)
        : new Fresh(n, List.of(), notes);
  }

  /** The recorded ranges applied again, with the gateway the network has. */
  private static DockerNetwork keep(DockerNetwork n, List<String> recorded, ObservedNetwork o) {
    List<IpamConfig> config = n.getSpec().getIpam().getConfig();
    String[] ranges = new String[config.size()];
    String[] gateways = new String[config.size()];
    boolean any = false;
    for (int i = 0; i < config.size() && i < recorded.size(); i++) {
      IpamConfig c = config.get(i);
      IPAddress subnet = c == null || isSet(c.getIpRange()) ? null : cidr(c.getSubnet());
      IPAddress range = cidr(recorded.get(i));
      if (subnet == null || range == null || !subnet.contains(range)) {
        continue;
      }
      ranges[i] = range.toCanonicalString();
      if (!isSet(c.getGateway())) {
        IPAddress gateway = observedGateway(o, subnet);
        gateways[i] = (gateway == null ? firstHost(subnet) : gateway).toCanonicalString();
      }
      any = true;
    }
    return any ? withRanges(n, ranges, gateways) : n;
  }

  /** Notes for a network left as it is: static addresses its dynamic part may hand out. */
  private static void explain(
      DockerNetwork declared,
      DockerNetwork kept,
      List<Reservation> statics,
      Map<ResourceRef, List<String>> notes) {
    if (statics.isEmpty()) {
      return;
    }
    String name = DesiredState.dockerName(declared);
    List<IpamConfig> mine = declared.getSpec().getIpam().getConfig();
    List<IpamConfig> config = kept.getSpec().getIpam().getConfig();
    for (int i = 0; i < config.size(); i++) {
      IpamConfig user = mine.get(i);
      IpamConfig c = config.get(i);
      IPAddress subnet = c == null || user == null ? null : cidr(c.getSubnet());
      if (subnet == null || isSet(user.getIpRange())) {
        continue; // the user's own range: validate warns about static addresses inside it
      }
      IPAddress range = cidr(c.getIpRange());
      List<Reservation> exposed =
          statics.stream()
              .filter(r -> contains(range == null ? subnet : range, address(r.address())))
              .toList();
      if (exposed.isEmpty()) {
        continue;
      }
      String who = describe(exposed);
      notes
          .computeIfAbsent(DesiredState.ref(declared), k -> new ArrayList<>())
          .add(
              range == null
                  ? "network "
                      + name
                      + " was created without a dynamic range, so a container started without an"
                      + " address may take static "
                      + who
                      + " while it is not running; dockernet sets a range the next time it"
                      + " recreates the network (a change of its spec), or delete and apply it"
                      + " again"
                  : "static "
                      + who
                      + " lies inside the dynamic range "
                      + range
                      + " of network "
                      + name
                      + ", chosen when the network was created: a container started without an"
                      + " address may take it while it is not running; dockernet does not recreate"
                      + " the network for this alone: it moves the range the next time it"
                      + " recreates the network (a change of its spec), or delete and apply it"
                      + " again");
    }
  }

  private static String describe(List<Reservation> exposed) {
    List<String> parts = new ArrayList<>();
    for (Reservation r : exposed) {
      parts.add(
          r.address()
              + " of "
              + r.attachment()
              + (r.container().isEmpty() ? "" : " (container " + r.container() + ")"));
    }
    return (exposed.size() == 1 ? "address " : "addresses ") + String.join(", ", parts);
  }

  /**
   * The largest power-of-two-aligned block of {@code subnet} holding none of {@code taken}, the
   * highest of several as large; null when none has at least 4 addresses.
   */
  static IPAddress largestFree(IPAddress subnet, List<IPAddress> taken) {
    IPAddress block = subnet.toPrefixBlock();
    int bits = block.getBitCount();
    int prefix = block.getNetworkPrefixLength();
    BigInteger base = block.getValue();
    List<BigInteger> offsets = new ArrayList<>();
    for (IPAddress t : taken) {
      if (t != null && contains(block, t)) {
        offsets.add(t.getValue().subtract(base));
      }
    }
    for (int p = prefix + 1; p <= bits - MIN_HOST_BITS; p++) {
      int shift = bits - p;
      BigInteger count = BigInteger.ONE.shiftLeft(p - prefix);
      Set<BigInteger> occupied = new HashSet<>();
      offsets.forEach(o -> occupied.add(o.shiftRight(shift)));
      if (BigInteger.valueOf(occupied.size()).compareTo(count) >= 0) {
        continue;
      }
      BigInteger index = count.subtract(BigInteger.ONE);
      while (occupied.contains(index)) {
        index = index.subtract(BigInteger.ONE);
      }
      return at(block, base.add(index.shiftLeft(shift)), p);
    }
    return null;
  }

  private static IPAddress at(IPAddress block, BigInteger value, int prefix) {
    byte[] raw = value.toByteArray();
    int length = block.isIPv4() ? 4 : 16;
    byte[] bytes = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
    IPAddress address =
        block.isIPv4()
            ? new inet.ipaddr.ipv4.IPv4Address(bytes, prefix)
            : new inet.ipaddr.ipv6.IPv6Address(bytes, prefix);
    return address.toPrefixBlock();
  }

  /** The gateway Docker picks when none is given: the first address after the network address. */
  static IPAddress firstHost(IPAddress subnet) {
    IPAddress block = subnet.toPrefixBlock();
    return at(block, block.getValue().add(BigInteger.ONE), block.getBitCount())
        .withoutPrefixLength();
  }

  private static IPAddress observedGateway(ObservedNetwork o, IPAddress subnet) {
    for (IpamPool p : o.config().ipamPools()) {
      IPAddress s = cidr(p.subnet());
      if (s != null && s.toPrefixBlock().equals(subnet.toPrefixBlock())) {
        IPAddress g = address(p.gateway());
        if (g == null && p.gateway() != null) {
          g = cidr(p.gateway()) == null ? null : cidr(p.gateway()).withoutPrefixLength();
        }
        return g;
      }
    }
    return null;
  }

  private static List<IPAddress> inside(IPAddress subnet, List<Reservation> statics) {
    List<IPAddress> result = new ArrayList<>();
    for (Reservation r : statics) {
      IPAddress a = address(r.address());
      if (a != null && contains(subnet, a)) {
        result.add(a);
      }
    }
    return result;
  }

  private static String addresses(List<IPAddress> list) {
    return String.join(", ", list.stream().map(IPAddress::toCanonicalString).toList());
  }

  /** A copy with ipRange (and, where given, gateway) set per config entry, and the label. */
  private static DockerNetwork withRanges(DockerNetwork n, String[] ranges, String[] gateways) {
    DockerNetwork copy = new DockerNetwork();
    copy.setMetadata(n.getMetadata());
    copy.setStatus(n.getStatus());
    DockerNetworkSpec spec = SpecCopy.of(n.getSpec());
    IpamSpec ipam = new IpamSpec();
    ipam.setDriver(spec.getIpam().getDriver());
    ipam.setOptions(spec.getIpam().getOptions());
    List<IpamConfig> config = new ArrayList<>();
    List<IpamConfig> original = spec.getIpam().getConfig();
    for (int i = 0; i < original.size(); i++) {
      IpamConfig c = original.get(i);
      if (c == null || ranges[i] == null) {
        config.add(c);
        continue;
      }
      IpamConfig concrete = new IpamConfig();
      concrete.setSubnet(c.getSubnet());
      concrete.setPool(c.getPool());
      concrete.setAuxAddresses(c.getAuxAddresses());
      concrete.setIpRange(ranges[i]);
      concrete.setGateway(gateways[i] != null ? gateways[i] : c.getGateway());
      config.add(concrete);
    }
    ipam.setConfig(config);
    spec.setIpam(ipam);
    Map<String, String> labels =
        new LinkedHashMap<>(spec.getLabels() == null ? Map.of() : spec.getLabels());
    labels.put(
        LABEL, String.join(",", Arrays.stream(ranges).map(r -> r == null ? "" : r).toList()));
    spec.setLabels(labels);
    copy.setSpec(spec);
    return copy;
  }

  /** The ranges a network's {@link #LABEL} records, per config entry; null when none. */
  public static List<String> recorded(Map<String, String> labels) {
    String value = labels.get(LABEL);
    return value == null || value.isEmpty() ? null : Arrays.asList(value.split(",", -1));
  }

  private static boolean ours(String project, ResourceRef ref, ObservedNetwork o) {
    if (!o.managed()) {
      return false;
    }
    Map<String, String> labels = o.config().labels();
    return project.equals(labels.get(Ownership.PROJECT))
        && ref.key().equals(labels.get(Ownership.OWNER));
  }

  private static boolean contains(IPAddress cidr, IPAddress address) {
    return address != null
        && cidr.getIPVersion() == address.getIPVersion()
        && cidr.toPrefixBlock().contains(address);
  }

  private static boolean isSet(String s) {
    return s != null && !s.isEmpty();
  }

  private static IPAddress cidr(String text) {
    if (!isSet(text)) {
      return null;
    }
    IPAddress a = new IPAddressString(text).getAddress();
    return a == null || !a.isPrefixed() ? null : a;
  }

  private static IPAddress address(String text) {
    if (!isSet(text)) {
      return null;
    }
    IPAddress a = new IPAddressString(text).getAddress();
    return a == null || a.isPrefixed() ? null : a;
  }
}
