package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicySpec;
import io.dockernet.api.v1alpha1.PolicyEgressRule;
import io.dockernet.api.v1alpha1.PolicyIngressRule;
import io.dockernet.api.v1alpha1.PolicyPeer;
import io.dockernet.api.v1alpha1.PolicyPort;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules on one DockerNetworkPolicy: peers, CIDRs, ports; with a snapshot, that its networks exist.
 */
final class PolicyRules {
  static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp");
  static final List<String> TYPES = List.of("Ingress", "Egress");

  private final Report report;

  PolicyRules(Report report) {
    this.report = report;
  }

  static DockerNetworkPolicySpec spec(DockerNetworkPolicy p) {
    return p.getSpec() == null ? new DockerNetworkPolicySpec() : p.getSpec();
  }

  void check(DockerNetworkPolicy p) {
    CommonRules.metadata(report, p, true);
    DockerNetworkPolicySpec spec = spec(p);
    if (spec.getNetwork() == null || spec.getNetwork().isEmpty()) {
      report.add(
          p,
          "spec.network",
          "spec.network is required: the Docker network whose containers the policy protects");
    } else if (spec.getNetwork().equals("host") || spec.getNetwork().equals("none")) {
      report.add(
          p,
          "spec.network",
          "containers on the "
              + spec.getNetwork()
              + " network have no address of their "
              + "own on a bridge; a policy can protect bridge networks only");
    }
    if (spec.getPolicyTypes() != null) {
      for (int i = 0; i < spec.getPolicyTypes().size(); i++) {
        String t = spec.getPolicyTypes().get(i);
        if (!TYPES.contains(t)) {
          report.add(
              p,
              ManifestPath.index("spec.policyTypes", i),
              Names.quote(String.valueOf(t)) + " is not a policy type; use Ingress or Egress");
        }
      }
    }
    List<PolicyIngressRule> ingress = spec.getIngress() == null ? List.of() : spec.getIngress();
    for (int i = 0; i < ingress.size(); i++) {
      String path = ManifestPath.index("spec.ingress", i);
      PolicyIngressRule r = ingress.get(i);
      if (r != null) {
        peers(p, ManifestPath.field(path, "from"), r.getFrom());
        ports(p, ManifestPath.field(path, "ports"), r.getPorts());
      }
    }
    List<PolicyEgressRule> egress = spec.getEgress() == null ? List.of() : spec.getEgress();
    for (int i = 0; i < egress.size(); i++) {
      String path = ManifestPath.index("spec.egress", i);
      PolicyEgressRule r = egress.get(i);
      if (r != null) {
        peers(p, ManifestPath.field(path, "to"), r.getTo());
        ports(p, ManifestPath.field(path, "ports"), r.getPorts());
      }
    }
  }

  private void peers(DockerNetworkPolicy p, String path, List<PolicyPeer> peers) {
    if (peers == null) {
      return;
    }
    for (int i = 0; i < peers.size(); i++) {
      String at = ManifestPath.index(path, i);
      PolicyPeer peer = peers.get(i);
      int set =
          peer == null
              ? 0
              : (peer.getContainerSelector() != null ? 1 : 0)
                  + (peer.getNetwork() != null ? 1 : 0)
                  + (peer.getCidr() != null ? 1 : 0);
      if (set != 1) {
        report.add(
            p,
            at,
            "a peer needs exactly one of containerSelector, network and cidr (this one has "
                + set
                + ")");
        continue;
      }
      if (peer.getNetwork() != null && peer.getNetwork().isEmpty()) {
        report.add(p, ManifestPath.field(at, "network"), "network must name a Docker network");
      }
      if (peer.getCidr() != null) {
        cidr(p, ManifestPath.field(at, "cidr"), peer.getCidr());
      }
    }
  }

  private void cidr(DockerNetworkPolicy p, String path, String text) {
    IPAddress cidr = Ip.cidr(text);
    if (cidr == null) {
      report.add(
          p,
          path,
          Names.quote(text)
              + " is not a CIDR; write an IPv4 or IPv6 block such as 192.0.2.0/24 or 2001:db8::/64");
    } else if (Ip.hostBitsSet(cidr)) {
      report.add(
          p,
          path,
          Names.quote(text)
              + " has host bits set; did you mean "
              + Ip.block(cidr).toCanonicalString()
              + "?");
    }
  }

  private void ports(DockerNetworkPolicy p, String path, List<PolicyPort> ports) {
    if (ports == null) {
      return;
    }
    for (int i = 0; i < ports.size(); i++) {
      String at = ManifestPath.index(path, i);
      PolicyPort port = ports.get(i);
      if (port == null) {
        continue;
      }
      String protocol =
          port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT);
      if (!PROTOCOLS.contains(protocol)) {
        report.add(
            p,
            ManifestPath.field(at, "protocol"),
            Names.quote(port.getProtocol()) + " is not a supported protocol; use tcp, udp or icmp");
        continue;
      }
      if (protocol.equals("icmp")) {
        if (port.getPort() != null || port.getEndPort() != null) {
          report.add(
              p,
              ManifestPath.field(at, port.getPort() != null ? "port" : "endPort"),
              "icmp has no ports; remove port and endPort");
        }
        continue;
      }
      if (port.getPort() != null && (port.getPort() < 1 || port.getPort() > 65535)) {
        report.add(
            p, ManifestPath.field(at, "port"), port.getPort() + " is not a port; use 1-65535");
      }
      if (port.getEndPort() != null) {
        if (port.getPort() == null) {
          report.add(
              p,
              ManifestPath.field(at, "endPort"),
              "endPort needs port, the first port of the range");
        } else if (port.getEndPort() < port.getPort() || port.getEndPort() > 65535) {
          report.add(
              p,
              ManifestPath.field(at, "endPort"),
              port.getEndPort()
                  + " is not a range end for port "
                  + port.getPort()
                  + "; use "
                  + port.getPort()
                  + "-65535");
        }
      }
    }
  }

  /**
   * The networks a policy names must be declared or on the engine (a policy can only protect what
   * exists).
   */
  void engine(DockerNetworkPolicy p, Declared declared, Snapshot snapshot) {
    DockerNetworkPolicySpec spec = spec(p);
    String host = Declared.host(spec.getHost());
    known(p, "spec.network", spec.getNetwork(), host, declared, snapshot);
    List<PolicyIngressRule> ingress = spec.getIngress() == null ? List.of() : spec.getIngress();
    for (int i = 0; i < ingress.size(); i++) {
      knownPeers(
          p,
          ManifestPath.field(ManifestPath.index("spec.ingress", i), "from"),
          ingress.get(i) == null ? null : ingress.get(i).getFrom(),
          host,
          declared,
          snapshot);
    }
    List<PolicyEgressRule> egress = spec.getEgress() == null ? List.of() : spec.getEgress();
    for (int i = 0; i < egress.size(); i++) {
      knownPeers(
          p,
          ManifestPath.field(ManifestPath.index("spec.egress", i), "to"),
          egress.get(i) == null ? null : egress.get(i).getTo(),
          host,
          declared,
          snapshot);
    }
  }

  private void knownPeers(
      DockerNetworkPolicy p,
      String path,
      List<PolicyPeer> peers,
      String host,
      Declared declared,
      Snapshot snapshot) {
    if (peers == null) {
      return;
    }
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i) != null && peers.get(i).getNetwork() != null) {
        known(
            p,
            ManifestPath.field(ManifestPath.index(path, i), "network"),
            peers.get(i).getNetwork(),
            host,
            declared,
            snapshot);
      }
    }
  }

  private void known(
      DockerNetworkPolicy p,
      String path,
      String network,
      String host,
      Declared declared,
      Snapshot snapshot) {
    if (network == null || network.isEmpty() || declared.find(host, network) != null) {
      return;
    }
    Optional<ObservedNetwork> existing =
        snapshot == null ? Optional.empty() : snapshot.network(network);
    if (existing.isEmpty()) {
      report.add(p, path, "network " + network + " is neither declared nor present on the engine");
    }
  }
}
