package io.dockernet.policy;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicySpec;
import io.dockernet.api.v1alpha1.PolicyEgressRule;
import io.dockernet.api.v1alpha1.PolicyIngressRule;
import io.dockernet.api.v1alpha1.PolicyPeer;
import io.dockernet.api.v1alpha1.PolicyPort;
import io.dockernet.model.DesiredState;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pure: DockerNetworkPolicies and a snapshot of the engine to the netfilter rules that enforce
 * them, with Kubernetes NetworkPolicy semantics. A container selected by some policy for a
 * direction gets its own chain for that direction, holding every allow of every policy that selects
 * it and a final DROP; containers no policy selects get nothing, so Docker decides for them as
 * before.
 *
 * <p>Verdicts: an allow inside one network or towards a CIDR RETURNs, so that Docker's own rules
 * (and the user's rules in DOCKER-USER) still see the packet; only an ingress allow from another
 * network ACCEPTs, since Docker's isolation rules would drop it otherwise (with an ACCEPT for its
 * replies). Replies (conntrack ESTABLISHED, RELATED) are never filtered. IPv6 neighbour discovery
 * always passes.
 */
public final class PolicyCompiler {
  /**
   * Every chain we own starts with this; nothing else in the filter table is ours except the jumps.
   */
  public static final String PREFIX = "DOCKERNET-";

  /** The chain jumped to from FORWARD and DOCKER-USER. */
  public static final String ENTRY = PREFIX + "POLICY";

  static final String IN = PREFIX + "IN-";
  static final String OUT = PREFIX + "OUT-";

  /** First rule of our entry chain, a no-op naming who installed the rules (one owner per host). */
  static final String OWNER_COMMENT = "-m comment --comment \"dockernet owner ";

  static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
  private static final String REPLIES = "-m conntrack --ctstate RELATED,ESTABLISHED";

  /** Router/neighbour solicitation and advertisement, redirect: IPv6's ARP must pass. */
  private static final int[] NEIGHBOUR_DISCOVERY = {133, 134, 135, 136, 137};

  /**
   * What one policy selects and installs; {@code problem} non-null when it cannot be enforced as
   * written.
   */
  public record Coverage(int containers, int rules, String problem) {}

  /** The rules for both families and, per policy ({@code namespace/name}), what it covers. */
  public record Compiled(RuleSet ipv4, RuleSet ipv6, Map<String, Coverage> coverage) {
    public RuleSet rules(Family family) {
      return family == Family.IPV4 ? ipv4 : ipv6;
    }

    public int ruleCount() {
      return ipv4.ruleCount() + ipv6.ruleCount();
    }
  }

  private PolicyCompiler() {}

  /**
   * The policies that target this engine, and its snapshot. {@code owner} (the CLI's project, or
   * the operator) is written into the rules: another owner's rules are never replaced.
   */
  public static Compiled compile(
      List<DockerNetworkPolicy> policies, Snapshot snapshot, String owner) {
    return new Run(snapshot, owner).compile(policies);
  }

  /**
   * A network's Linux bridge: its bridge.name option (docker0 for the default bridge), else
   * br-&lt;short id&gt;.
   */
  public static String bridge(ObservedNetwork network) {
    String name = network.config().options().get(BRIDGE_NAME_OPTION);
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return "br-" + network.id().substring(0, Math.min(12, network.id().length()));
  }

  /** One container's endpoint on a protected network, and the chains it gets. */
  private static final class Target {
    final ObservedNetwork network;
    final ObservedContainer container;
    final ObservedEndpoint endpoint;
    final String hash;
    boolean ingress;
    boolean egress;
    final Map<Family, Set<String>> in = new EnumMap<>(Family.class);
    final Map<Family, Set<String>> out = new EnumMap<>(Family.class);

    Target(ObservedNetwork network, ObservedContainer container, ObservedEndpoint endpoint) {
      this.network = network;
      this.container = container;
      this.endpoint = endpoint;
      this.hash = hash(network.id() + "/" + container.id());
      for (Family f : Family.values()) {
        in.put(f, new LinkedHashSet<>());
        out.put(f, new LinkedHashSet<>());
      }
    }

    private final Map<Family, String> addresses = new EnumMap<>(Family.class);

    String address(Family f) {
      return addresses.computeIfAbsent(f, k -> endpointAddress(endpoint, k));
    }
  }

  private static final class Run {
    final Snapshot snapshot;
    final Map<String, ObservedNetwork> networks = new LinkedHashMap<>();

    /** By chain hash: sorted, so that the output does not depend on the snapshot's order. */
    final Map<String, Target> targets = new TreeMap<>();

    final Map<Family, Set<String>> replies = new EnumMap<>(Family.class);
    final Map<String, Coverage> coverage = new LinkedHashMap<>();

    final String owner;

    Run(Snapshot snapshot, String owner) {
      this.snapshot = snapshot;
      this.owner = owner;
      snapshot.networks().forEach(n -> networks.putIfAbsent(n.name(), n));
      for (Family f : Family.values()) {
        replies.put(f, new LinkedHashSet<>());
      }
    }

    Compiled compile(List<DockerNetworkPolicy> policies) {
      List<DockerNetworkPolicy> sorted = new ArrayList<>(policies);
      sorted.sort(Comparator.comparing(p -> key(p)));
      Map<String, List<Target>> selectedBy = new LinkedHashMap<>();
      Map<String, int[]> allowCounts = new LinkedHashMap<>();
      Map<String, String> problems = new LinkedHashMap<>();
      for (DockerNetworkPolicy p : sorted) {
        String key = key(p);
        int[] allows = new int[1];
        List<Target> selected = new ArrayList<>();
        String problem = policy(p, key, selected, allows);
        selectedBy.put(key, selected);
        allowCounts.put(key, allows);
        if (problem != null) {
          problems.put(key, problem);
        }
      }
      EnumMap<Family, RuleSet> sets = new EnumMap<>(Family.class);
      for (Family f : Family.values()) {
        sets.put(f, rules(f));
      }
      for (DockerNetworkPolicy p : sorted) {
        String key = key(p);
        int rules = allowCounts.get(key)[0];
        for (Target t : selectedBy.get(key)) {
          for (Family f : Family.values()) {
            if (t.address(f) != null) {
              // Its jump and final DROP, per direction it governs.
              rules += (t.ingress ? 2 : 0) + (t.egress ? 2 : 0);
            }
          }
        }
        coverage.put(key, new Coverage(selectedBy.get(key).size(), rules, problems.get(key)));
      }
      return new Compiled(sets.get(Family.IPV4), sets.get(Family.IPV6), coverage);
    }

    /** Adds the allows of one policy to the targets it selects; returns a problem or null. */
    String policy(DockerNetworkPolicy p, String key, List<Target> selected, int[] allows) {
      DockerNetworkPolicySpec spec =
          p.getSpec() == null ? new DockerNetworkPolicySpec() : p.getSpec();
      ObservedNetwork network = networks.get(spec.getNetwork());
      if (network == null) {
        return "network " + spec.getNetwork() + " is not on the engine";
      }
      if (!"bridge".equals(network.config().driver())) {
        return "network "
            + network.name()
            + " uses the "
            + network.config().driver()
            + " driver; policies protect containers on bridge networks only";
      }
      boolean egressRules = spec.getEgress() != null && !spec.getEgress().isEmpty();
      List<String> types = spec.getPolicyTypes();
      boolean ingress = types == null || types.isEmpty() || types.contains("Ingress");
      boolean egress = types == null || types.isEmpty() ? egressRules : types.contains("Egress");
      List<String> problems = new ArrayList<>();
      for (ObservedEndpoint e : endpointsOn(network, selector(spec.getContainerSelector()))) {
        ObservedContainer c = container(e.containerId());
        Target t =
            targets.computeIfAbsent(
                hash(network.id() + "/" + e.containerId()), h -> new Target(network, c, e));
        selected.add(t);
        t.ingress |= ingress;
        t.egress |= egress;
        if (ingress && spec.getIngress() != null) {
          for (PolicyIngressRule r : spec.getIngress()) {
            if (r != null) {
              allows[0] += allow(t, true, r.getFrom(), r.getPorts(), key, problems);
            }
          }
        }
        if (egress && spec.getEgress() != null) {
          for (PolicyEgressRule r : spec.getEgress()) {
            if (r != null) {
              allows[0] += allow(t, false, r.getTo(), r.getPorts(), key, problems);
            }
          }
        }
      }
      return problems.isEmpty() ? null : String.join("; ", new LinkedHashSet<>(problems));
    }

    /** Adds the rules of one allow rule to a target's chain; returns how many were new. */
    int allow(
        Target t,
        boolean ingress,
        List<PolicyPeer> peers,
        List<PolicyPort> ports,
        String key,
        List<String> problems) {
      int added = 0;
      for (Family f : Family.values()) {
        if (t.address(f) == null) {
          continue;
        }
        Set<String> chain = ingress ? t.in.get(f) : t.out.get(f);
        for (Match peer : peers(t, f, ingress, peers, problems)) {
          for (String port : ports(f, ports)) {
            Rule rule = new Rule();
            if (ingress) {
              rule.source = peer.address;
              rule.in = peer.bridge;
            } else {
              rule.destination = peer.address;
            }
            rule.protocol = port;
            rule.comment = key;
            rule.target = peer.opens ? "ACCEPT" : "RETURN";
            if (chain.add(rule.toString())) {
              added++;
            }
            if (peer.opens) {
              // Both directions of a connection this rule let in: Docker's isolation would drop the
              // rest of it.
              replies
                  .get(f)
                  .add(
                      "-i "
                          + peer.bridge
                          + " -o "
                          + bridge(t.network)
                          + " "
                          + REPLIES
                          + " -j ACCEPT");
              replies
                  .get(f)
                  .add(
                      "-i "
                          + bridge(t.network)
                          + " -o "
                          + peer.bridge
                          + " "
                          + REPLIES
                          + " -j ACCEPT");
            }
          }
        }
      }
      return added;
    }

    /** Where allowed traffic comes from (ingress) or goes to (egress), in one family. */
    List<Match> peers(
        Target t, Family f, boolean ingress, List<PolicyPeer> peers, List<String> problems) {
      if (peers == null || peers.isEmpty()) {
        return List.of(new Match(null, null, false));
      }
      List<Match> matches = new ArrayList<>();
      for (PolicyPeer peer : peers) {
        if (peer == null) {
          continue;
        }
        if (peer.getCidr() != null) {
          IPAddress cidr = new IPAddressString(peer.getCidr()).getAddress();
          if (cidr != null && (cidr.isIPv4() == (f == Family.IPV4))) {
            matches.add(new Match(cidr.toPrefixBlock().toCanonicalString(), null, false));
          }
        } else if (peer.getNetwork() != null) {
          ObservedNetwork other = networks.get(peer.getNetwork());
          if (other == null) {
            problems.add("network " + peer.getNetwork() + " is not on the engine");
            continue;
          }
          boolean same = other.id().equals(t.network.id());
          if (!same && !"bridge".equals(other.config().driver())) {
            problems.add(
                "network "
                    + other.name()
                    + " uses the "
                    + other.config().driver()
                    + " driver; only bridge networks can be peers");
            continue;
          }
          for (String subnet : subnets(other, f)) {
            // Only ingress from another network opens Docker's isolation; egress to it only
            // narrows.
            boolean opens = ingress && !same;
            matches.add(new Match(subnet, opens ? bridge(other) : null, opens));
          }
        } else {
          for (ObservedEndpoint e : endpointsOn(t.network, selector(peer.getContainerSelector()))) {
            String a = endpointAddress(e, f);
            if (a != null) {
              matches.add(new Match(a, null, false));
            }
          }
        }
      }
      return matches;
    }

    RuleSet rules(Family f) {
      List<Target> inFamily = targets.values().stream().filter(t -> t.address(f) != null).toList();
      if (inFamily.isEmpty()) {
        return RuleSet.empty(f);
      }
      Map<String, List<String>> chains = new LinkedHashMap<>();
      List<String> entry = new ArrayList<>();
      entry.add(OWNER_COMMENT + owner + "\"");
      if (f == Family.IPV6) {
        for (int type : NEIGHBOUR_DISCOVERY) {
          entry.add("-p ipv6-icmp -m icmp6 --icmpv6-type " + type + " -j RETURN");
        }
      }
      entry.addAll(replies.get(f));
      entry.add(REPLIES + " -j RETURN");
      for (Target t : inFamily) {
        if (t.egress) {
          entry.add("-s " + t.address(f) + " -i " + bridge(t.network) + " -j " + OUT + t.hash);
        }
      }
      for (Target t : inFamily) {
        if (t.ingress) {
          entry.add("-d " + t.address(f) + " -o " + bridge(t.network) + " -j " + IN + t.hash);
        }
      }
      chains.put(ENTRY, entry);
      for (Target t : inFamily) {
        if (t.egress) {
          chains.put(OUT + t.hash, withDrop(t.out.get(f)));
        }
        if (t.ingress) {
          chains.put(IN + t.hash, withDrop(t.in.get(f)));
        }
      }
      return new RuleSet(f, chains);
    }

    List<ObservedEndpoint> endpointsOn(ObservedNetwork network, Map<String, String> selector) {
      List<ObservedEndpoint> endpoints = new ArrayList<>();
      for (ObservedContainer c : snapshot.containers()) {
        if (!c.matches(selector)) {
          continue;
        }
        for (ObservedEndpoint e : c.endpoints()) {
          boolean onNetwork =
              network.id().equals(e.networkId()) || network.name().equals(e.networkName());
          boolean addressed =
              (e.ipv4Address() != null && !e.ipv4Address().isEmpty())
                  || (e.ipv6Address() != null && !e.ipv6Address().isEmpty());
          if (onNetwork && addressed) {
            endpoints.add(e);
          }
        }
      }
      return endpoints;
    }

    ObservedContainer container(String id) {
      if (byId.isEmpty()) {
        snapshot.containers().forEach(c -> byId.put(c.id(), c));
      }
      return byId.get(id);
    }

    final Map<String, ObservedContainer> byId = new java.util.HashMap<>();
  }

  private static List<String> withDrop(Set<String> allows) {
    List<String> rules = new ArrayList<>(allows);
    rules.add("-j DROP");
    return rules;
  }

  /**
   * The {@code -p ...} part of a rule per port; one empty entry (any protocol) when no ports are
   * given.
   */
  private static List<String> ports(Family f, List<PolicyPort> ports) {
    if (ports == null || ports.isEmpty()) {
      return java.util.Collections.singletonList(null);
    }
    List<String> parts = new ArrayList<>();
    for (PolicyPort p : ports) {
      if (p == null) {
        continue;
      }
      String protocol = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT);
      if (protocol.equals("icmp")) {
        parts.add("-p " + f.icmp());
      } else if (p.getPort() == null) {
        parts.add("-p " + protocol);
      } else {
        String range =
            p.getEndPort() == null || p.getEndPort().equals(p.getPort())
                ? String.valueOf(p.getPort())
                : p.getPort() + ":" + p.getEndPort();
        parts.add("-p " + protocol + " -m " + protocol + " --dport " + range);
      }
    }
    return parts;
  }

  private static List<String> subnets(ObservedNetwork network, Family f) {
    List<String> subnets = new ArrayList<>();
    for (IpamPool pool : network.config().ipamPools()) {
      IPAddress subnet =
          pool.subnet() == null ? null : new IPAddressString(pool.subnet()).getAddress();
      if (subnet != null && subnet.isIPv4() == (f == Family.IPV4)) {
        subnets.add(subnet.toPrefixBlock().toCanonicalString());
      }
    }
    return subnets;
  }

  private static Map<String, String> selector(ContainerSelector selector) {
    return selector == null || selector.getMatchLabels() == null
        ? Map.of()
        : selector.getMatchLabels();
  }

  /**
   * Parsed once per endpoint and family: rule sets of hundreds of containers name each address many
   * times.
   */
  private static final Map<String, String> HOSTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static String endpointAddress(ObservedEndpoint e, Family f) {
    String a = f == Family.IPV4 ? e.ipv4Address() : e.ipv6Address();
    if (a == null || a.isEmpty()) {
      return null;
    }
    if (HOSTS.size() > 100_000) {
      HOSTS.clear();
    }
    return HOSTS.computeIfAbsent(a + f.hostSuffix(), k -> host(a, f));
  }

  /** An address as iptables-save prints it as a source or destination: 10.0.0.2/32, fd00::2/128. */
  static String host(String address, Family f) {
    IPAddress a = new IPAddressString(address).getAddress();
    return (a == null ? address : a.withoutPrefixLength().toCanonicalString()) + f.hostSuffix();
  }

  static String key(DockerNetworkPolicy p) {
    return DesiredState.ref(p).key();
  }

  static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A peer in one family: an address or block (null: any), the bridge it arrives on when it opens
   * isolation.
   */
  private record Match(String address, String bridge, boolean opens) {}

  /** One rule, printed in iptables-save's order of options. */
  private static final class Rule {
    String source;
    String destination;
    String in;
    String protocol;
    String comment;
    String target;

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      if (source != null) {
        b.append("-s ").append(source).append(' ');
      }
      if (destination != null) {
        b.append("-d ").append(destination).append(' ');
      }
      if (in != null) {
        b.append("-i ").append(in).append(' ');
      }
      if (protocol != null) {
        b.append(protocol).append(' ');
      }
      if (comment != null) {
        b.append("-m comment --comment \"").append(comment).append("\" ");
      }
      return b.append("-j ").append(target).toString();
    }
  }
}
