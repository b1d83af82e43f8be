package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Ownership;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules on one DockerNetwork by itself. */
final class NetworkRules {
  private static final Set<String> SCOPES = Set.of("local", "swarm", "global");
  private static final List<String> MACVLAN_MODES =
      List.of("bridge", "vepa", "private", "passthru");
  private static final List<String> IPVLAN_MODES = List.of("l2", "l3", "l3s");
  private static final List<String> IPVLAN_FLAGS = List.of("bridge", "private", "vepa");

  private final Report report;

  NetworkRules(Report report) {
    this.report = report;
  }

  void check(DockerNetwork n) {
    DockerNetworkSpec spec = Declared.spec(n);
    CommonRules.metadata(report, n, true);
    dockerName(n, spec);
    driver(n, spec);
    config(n, spec);
    labels(n, spec);
    ipam(n, spec);
  }

  private void dockerName(DockerNetwork n, DockerNetworkSpec spec) {
    boolean explicit = spec.getName() != null && !spec.getName().isEmpty();
    String path = explicit ? "spec.name" : "metadata.name";
    String name = DesiredState.dockerName(n);
    if (name == null || name.isEmpty()) {
      return; // metadata.name missing is reported by the metadata rules
    }
    if (!Names.DOCKER_NAME.matcher(name).matches()) {
      report.add(
          n,
          path,
          "Docker network name "
              + Names.quote(name)
              + " is not allowed: use letters, digits, "
              + "'_', '.' and '-', starting with a letter or digit (Docker's rule for container names; dockernet "
              + "applies it to networks so that the docker CLI and compose can name them)");
    }
    if (Names.PREDEFINED.contains(name)) {
      report.add(
          n,
          path,
          Names.quote(name)
              + " is one of Docker's predefined networks and cannot be declared; "
              + "to put containers on it, use a NetworkAttachment with network: "
              + name
              + (explicit ? "" : " (or set spec.name to another Docker name)"));
    }
    if (name.equals("ingress")
        && !("overlay".equals(Declared.driver(n)) && Boolean.TRUE.equals(spec.getIngress()))) {
      report.add(
          n,
          path,
          "\"ingress\" is the name of the swarm routing-mesh network; declare it only with "
              + "driver: overlay and ingress: true");
    }
  }

  private void driver(DockerNetwork n, DockerNetworkSpec spec) {
    String driver = Declared.driver(n);
    if (!driver.equals(driver.strip()) || driver.isBlank()) {
      report.add(n, "spec.driver", "driver " + Names.quote(driver) + " is not a driver name");
      return;
    }
    if (driver.equals("host") || driver.equals("null") || driver.equals("none")) {
      report.add(
          n,
          "spec.driver",
          "driver "
              + driver
              + " cannot create a network: Docker has exactly one "
              + (driver.equals("host") ? "host" : "none")
              + " network, predefined; run containers with --network "
              + (driver.equals("host") ? "host" : "none")
              + " instead");
    }
    String scope = spec.getScope();
    if (scope != null && !scope.isEmpty() && !SCOPES.contains(scope)) {
      report.add(
          n, "spec.scope", "scope " + Names.quote(scope) + " is not one of local, swarm, global");
    }
    if (driver.equals("overlay") && "local".equals(scope)) {
      report.add(
          n,
          "spec.scope",
          "overlay networks span a swarm; scope must be swarm or empty, not local");
    }
    if (Boolean.TRUE.equals(spec.getIngress()) && !driver.equals("overlay")) {
      report.add(
          n,
          "spec.ingress",
          "ingress: true makes the swarm routing-mesh network and needs driver: overlay, "
              + "not "
              + driver);
    }
    boolean macvlan = driver.equals("macvlan");
    boolean ipvlan = driver.equals("ipvlan");
    if ((macvlan || ipvlan) && !Declared.hasConfigFrom(n)) {
      Map<String, String> opts = spec.getDriverOpts() == null ? Map.of() : spec.getDriverOpts();
      String parent = opts.get("parent");
      if (parent == null || parent.isEmpty()) {
        report.add(
            n,
            spec.getDriverOpts() == null ? "spec.driver" : "spec.driverOpts",
            driver
                + " needs driverOpts.parent: the host interface its containers attach to (e.g. eth0, or eth0.10 "
                + "for VLAN 10). Without it Docker tries to create a dummy link, which fails on hosts without "
                + "the dummy kernel module (\"operation not supported\")");
      } else {
        parent(n, parent);
      }
      if (macvlan) {
        mode(n, opts, "macvlan_mode", MACVLAN_MODES);
      } else {
        mode(n, opts, "ipvlan_mode", IPVLAN_MODES);
        mode(n, opts, "ipvlan_flag", IPVLAN_FLAGS);
      }
    }
  }

  static boolean validParent(String parent) {
    return parent.length() <= 15 && parent.matches("[^\\s/:]+");
  }

  private void parent(DockerNetwork n, String parent) {
    if (!validParent(parent)) {
      report.add(
          n,
          "spec.driverOpts.parent",
          "parent "
              + Names.quote(parent)
              + " is not a Linux interface name "
              + "(at most 15 characters, no spaces, '/' or ':')");
    }
  }

  private void mode(DockerNetwork n, Map<String, String> opts, String key, List<String> allowed) {
    String value = opts.get(key);
    if (value != null && !allowed.contains(value)) {
      report.add(
          n,
          ManifestPath.field("spec.driverOpts", key),
          key + " " + Names.quote(value) + " is not valid; allowed: " + String.join(", ", allowed));
    }
  }

  private void config(DockerNetwork n, DockerNetworkSpec spec) {
    if (Boolean.FALSE.equals(spec.getEnableIPv4()) && !Boolean.TRUE.equals(spec.getEnableIPv6())) {
      report.add(
          n,
          "spec.enableIPv4",
          "enableIPv4: false needs enableIPv6: true; a network needs IPv4 or IPv6");
    }
    boolean configOnly = Declared.configOnly(n);
    if (configOnly && Declared.hasConfigFrom(n)) {
      report.add(
          n,
          "spec.configFrom",
          "a configuration-only network cannot take its configuration from another "
              + "(configOnly and configFrom together)");
    }
    if (configOnly) {
      for (String field : List.of("ingress", "internal", "attachable")) {
        Boolean value =
            switch (field) {
              case "ingress" -> spec.getIngress();
              case "internal" -> spec.getInternal();
              default -> spec.getAttachable();
            };
        if (Boolean.TRUE.equals(value)) {
          report.add(
              n,
              "spec." + field,
              field
                  + " cannot be set on a configuration-only network; set it on the "
                  + "networks that use it (configFrom)");
        }
      }
      if (spec.getScope() != null && !spec.getScope().isEmpty()) {
        report.add(
            n,
            "spec.scope",
            "scope cannot be set on a configuration-only network; set it on the networks "
                + "that use it (configFrom)");
      }
    }
    if (Declared.hasConfigFrom(n) && !configOnly) {
      String from = spec.getConfigFrom();
      String why =
          " comes from configuration network "
              + Names.quote(from)
              + " (configFrom); Docker refuses "
              + "it here (\"user specified configurations are not supported if the network depends on a "
              + "configuration network\")";
      if (spec.getIpam() != null
          && (spec.getIpam().getConfig() != null && !spec.getIpam().getConfig().isEmpty()
              || spec.getIpam().getOptions() != null && !spec.getIpam().getOptions().isEmpty()
              || spec.getIpam().getDriver() != null && !spec.getIpam().getDriver().isEmpty())) {
        report.add(n, "spec.ipam", "ipam" + why);
      }
      if (spec.getDriverOpts() != null && !spec.getDriverOpts().isEmpty()) {
        report.add(n, "spec.driverOpts", "driverOpts" + why);
      }
      if (Boolean.TRUE.equals(spec.getEnableIPv6())) {
        report.add(n, "spec.enableIPv6", "enableIPv6" + why);
      }
      if (spec.getLabels() != null && !spec.getLabels().isEmpty()) {
        report.add(
            n,
            "spec.labels",
            "labels cannot be set on a network that uses configFrom; Docker refuses them "
                + "(\"user specified configurations are not supported if the network depends on a configuration network\")");
      }
    }
  }

  private void labels(DockerNetwork n, DockerNetworkSpec spec) {
    if (spec.getLabels() == null) {
      return;
    }
    for (String key : spec.getLabels().keySet()) {
      if (key.startsWith(Ownership.PREFIX)) {
        report.add(
            n,
            ManifestPath.field("spec.labels", key),
            "labels starting with "
                + Ownership.PREFIX
                + " are written by dockernet itself; choose another key");
      } else if (key.isEmpty()) {
        report.add(n, "spec.labels", "a label key cannot be empty");
      }
    }
  }

  private void ipam(DockerNetwork n, DockerNetworkSpec spec) {
    if (spec.getIpam() == null || spec.getIpam().getConfig() == null) {
      return;
    }
    List<IpamConfig> config = spec.getIpam().getConfig();
    Map<Integer, IPAddress> subnets = new HashMap<>();
    for (int i = 0; i < config.size(); i++) {
      IPAddress subnet = pool(n, spec, config.get(i), ManifestPath.index("spec.ipam.config", i));
      if (subnet != null) {
        subnets.put(i, subnet);
      }
    }
    int v4 = 0;
    int v6 = 0;
    for (int i = 0; i < config.size(); i++) {
      IPAddress a = subnets.get(i);
      if (a == null) {
        continue;
      }
      String path = ManifestPath.field(ManifestPath.index("spec.ipam.config", i), "subnet");
      for (int j = 0; j < i; j++) {
        IPAddress b = subnets.get(j);
        if (b != null && Ip.overlaps(a, b)) {
          report.add(
              n,
              path,
              "subnet "
                  + a
                  + " overlaps subnet "
                  + b
                  + " (spec.ipam.config["
                  + j
                  + "]) of the same "
                  + "network; Docker does not support overlapping subnets in one network");
        }
      }
      boolean second = a.isIPv4() ? ++v4 > 1 : ++v6 > 1;
      if (second && "bridge".equals(Declared.driver(n)) && !Declared.configOnly(n)) {
        report.add(
            n,
            path,
            "the bridge driver supports one IPv4 and one IPv6 subnet per network; "
                + a
                + " is a second "
                + Ip.family(a)
                + " subnet");
      }
    }
  }

  /** Checks one address pool; returns its subnet when that is a valid CIDR. */
  private IPAddress pool(DockerNetwork n, DockerNetworkSpec spec, IpamConfig c, String base) {
    if (c == null) {
      report.add(n, base, "empty address pool: give at least a subnet");
      return null;
    }
    String subnetPath = ManifestPath.field(base, "subnet");
    if (c.getPool() != null) {
      poolRequest(n, c, base);
      return null;
    }
    if (c.getSubnet() == null || c.getSubnet().isEmpty()) {
      boolean other =
          c.getIpRange() != null
              || c.getGateway() != null
              || c.getAuxAddresses() != null && !c.getAuxAddresses().isEmpty();
      report.add(
          n,
          subnetPath,
          other
              ? "subnet is required when ipRange, gateway or auxAddresses is given"
              : "empty address pool: give at least a subnet");
      return null;
    }
    IPAddress subnet = Ip.cidr(c.getSubnet());
    if (subnet == null) {
      report.add(
          n,
          subnetPath,
          Ip.address(c.getSubnet()) != null
              ? "subnet "
                  + c.getSubnet()
                  + " has no prefix length; write a CIDR such as "
                  + c.getSubnet()
                  + "/24"
              : "subnet "
                  + Names.quote(c.getSubnet())
                  + " is not a CIDR (e.g. 10.20.0.0/24 or fd00:20::/64)");
      return null;
    }
    IPAddress block = Ip.block(subnet);
    if (Ip.hostBitsSet(subnet)) {
      report.add(
          n,
          subnetPath,
          "subnet "
              + c.getSubnet()
              + " has host bits set; the network address is "
              + block
              + " (Docker 20.10 would store "
              + c.getSubnet()
              + " as written, so write "
              + block
              + ")");
    }
    if (subnet.isIPv6() && !Boolean.TRUE.equals(spec.getEnableIPv6())) {
      report.add(
          n,
          subnetPath,
          "IPv6 subnet "
              + c.getSubnet()
              + " needs enableIPv6: true; without it Docker "
              + "gives containers no IPv6 address on this network");
    }
    if (subnet.isIPv4() && Boolean.FALSE.equals(spec.getEnableIPv4())) {
      report.add(
          n, subnetPath, "IPv4 subnet " + c.getSubnet() + " on a network with enableIPv4: false");
    }
    if (subnet.isIPv4() && subnet.getNetworkPrefixLength() > 30) {
      report.add(
          n,
          subnetPath,
          "subnet "
              + c.getSubnet()
              + " is too small: a /"
              + subnet.getNetworkPrefixLength()
              + " leaves no address for containers once the network, broadcast and gateway addresses are taken");
    }
    ipRange(n, c, base, subnet);
    IPAddress gateway = gateway(n, c, base, subnet);
    aux(n, c, base, subnet, gateway);
    return subnet;
  }

  /**
   * {@code pool: NAME}: the subnet comes from a SubnetPool, so nothing may depend on it being
   * known.
   */
  private void poolRequest(DockerNetwork n, IpamConfig c, String base) {
    String path = ManifestPath.field(base, "pool");
    if (c.getPool().isEmpty() || !Names.dns1123Subdomain(c.getPool())) {
      report.add(
          n,
          path,
          "pool "
              + Names.quote(c.getPool())
              + " is not a SubnetPool name: "
              + Names.subdomainRule());
    }
    if (c.getSubnet() != null) {
      report.add(n, ManifestPath.field(base, "subnet"), "give either subnet or pool, not both");
    }
    for (String field : List.of("ipRange", "gateway")) {
      String value = field.equals("ipRange") ? c.getIpRange() : c.getGateway();
      if (value != null) {
        report.add(
            n,
            ManifestPath.field(base, field),
            field
                + " is not allowed with pool: the subnet is only known "
                + "when it is allocated (the engine takes its first address as gateway); use subnet to set "
                + field);
      }
    }
    if (c.getAuxAddresses() != null && !c.getAuxAddresses().isEmpty()) {
      report.add(
          n,
          ManifestPath.field(base, "auxAddresses"),
          "auxAddresses are not allowed with pool: the subnet is "
              + "only known when it is allocated; use subnet to set them");
    }
  }

  private void ipRange(DockerNetwork n, IpamConfig c, String base, IPAddress subnet) {
    if (c.getIpRange() == null || c.getIpRange().isEmpty()) {
      return;
    }
    String path = ManifestPath.field(base, "ipRange");
    IPAddress range = Ip.cidr(c.getIpRange());
    if (range == null) {
      report.add(
          n,
          path,
          "ipRange " + Names.quote(c.getIpRange()) + " is not a CIDR (e.g. 10.20.0.128/25)");
    } else if (range.getIPVersion() != subnet.getIPVersion()) {
      report.add(
          n,
          path,
          "ipRange "
              + c.getIpRange()
              + " is "
              + Ip.family(range)
              + " but subnet "
              + c.getSubnet()
              + " is "
              + Ip.family(subnet));
    } else if (!Ip.block(subnet).contains(Ip.block(range))) {
      report.add(n, path, "ipRange " + c.getIpRange() + " is not inside subnet " + c.getSubnet());
    } else if (Ip.hostBitsSet(range)) {
      report.add(
          n, path, "ipRange " + c.getIpRange() + " has host bits set; write " + Ip.block(range));
    }
  }

  private IPAddress gateway(DockerNetwork n, IpamConfig c, String base, IPAddress subnet) {
    if (c.getGateway() == null || c.getGateway().isEmpty()) {
      return null;
    }
    String path = ManifestPath.field(base, "gateway");
    IPAddress gateway = inside(n, path, "gateway", c.getGateway(), subnet, c.getSubnet());
    if (gateway != null && Ip.same(gateway, Ip.networkAddress(subnet))) {
      report.add(
          n,
          path,
          "gateway "
              + c.getGateway()
              + " is the network address of subnet "
              + c.getSubnet()
              + "; use a host address such as "
              + Ip.networkAddress(subnet).increment(1));
      return null;
    }
    IPAddress broadcast = Ip.broadcast(subnet);
    if (gateway != null && broadcast != null && Ip.same(gateway, broadcast)) {
      report.add(
          n,
          path,
          "gateway " + c.getGateway() + " is the broadcast address of subnet " + c.getSubnet());
      return null;
    }
    return gateway;
  }

  private void aux(
      DockerNetwork n, IpamConfig c, String base, IPAddress subnet, IPAddress gateway) {
    if (c.getAuxAddresses() == null) {
      return;
    }
    Map<IPAddress, String> seen = new HashMap<>();
    c.getAuxAddresses()
        .forEach(
            (host, value) -> {
              String path = ManifestPath.field(ManifestPath.field(base, "auxAddresses"), host);
              IPAddress a = inside(n, path, "auxAddresses." + host, value, subnet, c.getSubnet());
              if (a == null) {
                return;
              }
              if (gateway != null && Ip.same(a, gateway)) {
                report.add(
                    n,
                    path,
                    "aux address "
                        + value
                        + " ("
                        + host
                        + ") is the gateway of subnet "
                        + c.getSubnet()
                        + "; Docker cannot reserve it twice");
              } else if (Ip.same(a, Ip.networkAddress(subnet))) {
                report.add(
                    n,
                    path,
                    "aux address "
                        + value
                        + " ("
                        + host
                        + ") is the network address of subnet "
                        + c.getSubnet());
              } else if (seen.containsKey(a.withoutPrefixLength())) {
                report.add(
                    n,
                    path,
                    "aux address "
                        + value
                        + " ("
                        + host
                        + ") is also reserved as "
                        + seen.get(a.withoutPrefixLength()));
              }
              seen.putIfAbsent(a.withoutPrefixLength(), host);
            });
  }

  /**
   * Parses a single address that must lie inside {@code subnet}; reports and returns null
   * otherwise.
   */
  private IPAddress inside(
      DockerNetwork n, String path, String what, String text, IPAddress subnet, String subnetText) {
    IPAddress a = Ip.address(text);
    if (a == null) {
      report.add(
          n,
          path,
          what
              + " "
              + Names.quote(text)
              + (Ip.cidr(text) != null
                  ? " is a CIDR; give a single address, without /prefix"
                  : " is not an IP address"));
      return null;
    }
    if (a.getIPVersion() != subnet.getIPVersion()) {
      report.add(
          n,
          path,
          what
              + " "
              + text
              + " is "
              + Ip.family(a)
              + " but subnet "
              + subnetText
              + " is "
              + Ip.family(subnet));
      return null;
    }
    if (!Ip.contains(subnet, a)) {
      report.add(n, path, what + " " + text + " is outside subnet " + subnetText);
      return null;
    }
    return a;
  }
}
