package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.model.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The declared networks, by engine (DockerHost name, "" for the default) and Docker name. */
final class Declared {

  /** A parsed address pool of a declared network; null fields were absent or invalid. */
  record Pool(
      int index,
      IPAddress subnet,
      IPAddress gateway,
      Map<String, IPAddress> aux,
      IPAddress ipRange) {}

  private final Map<String, DockerNetwork> byHostAndName = new HashMap<>();
  private final boolean oneEngine;

  Declared(List<DockerNetwork> networks) {
    this(networks, false);
  }

  /**
   * With {@code oneEngine}, every network is taken to be on the same engine, whatever its
   * spec.host.
   */
  Declared(List<DockerNetwork> networks, boolean oneEngine) {
    this.oneEngine = oneEngine;
    for (DockerNetwork n : networks) {
      byHostAndName.putIfAbsent(key(host(n), DesiredState.dockerName(n)), n);
    }
  }

  DockerNetwork find(String host, String dockerName) {
    return dockerName == null ? null : byHostAndName.get(key(host, dockerName));
  }

  static String host(DockerNetwork n) {
    return n.getSpec() == null ? "" : Objects.toString(n.getSpec().getHost(), "");
  }

  static String host(String host) {
    return Objects.toString(host, "");
  }

  // Defaults as DesiredState applies them: validation judges the network that will be made.

  static DockerNetworkSpec spec(DockerNetwork n) {
    return DesiredState.spec(n);
  }

  static String driver(DockerNetwork n) {
    return DesiredState.driver(spec(n));
  }

  static boolean configOnly(DockerNetwork n) {
    return DesiredState.configOnly(spec(n));
  }

  static boolean hasConfigFrom(DockerNetwork n) {
    return DesiredState.configFrom(spec(n)) != null;
  }

  /**
   * The network whose configuration applies: the declared config-only source for configFrom, else
   * itself.
   */
  DockerNetwork configSource(DockerNetwork n) {
    if (!hasConfigFrom(n)) {
      return n;
    }
    DockerNetwork source = find(host(n), spec(n).getConfigFrom());
    return source != null && configOnly(source) ? source : null;
  }

  /** Valid pools of a network (invalid entries are reported by the network rules, not here). */
  static List<Pool> pools(DockerNetwork n) {
    List<Pool> pools = new ArrayList<>();
    DockerNetworkSpec spec = spec(n);
    if (spec.getIpam() == null || spec.getIpam().getConfig() == null) {
      return pools;
    }
    List<IpamConfig> config = spec.getIpam().getConfig();
    for (int i = 0; i < config.size(); i++) {
      IpamConfig c = config.get(i);
      IPAddress subnet = c == null ? null : Ip.cidr(c.getSubnet());
      if (subnet == null) {
        continue;
      }
      Map<String, IPAddress> aux = new HashMap<>();
      if (c.getAuxAddresses() != null) {
        c.getAuxAddresses()
            .forEach(
                (k, v) -> {
                  IPAddress a = Ip.address(v);
                  if (a != null) {
                    aux.put(k, a);
                  }
                });
      }
      pools.add(new Pool(i, subnet, Ip.address(c.getGateway()), aux, Ip.cidr(c.getIpRange())));
    }
    return pools;
  }

  private String key(String host, String name) {
    return (oneEngine ? "" : host) + "\u0000" + name;
  }
}
