package io.dockernet.reliability;

import io.dockernet.engine.DockerGateway;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A comparable picture of part of an engine: the chosen networks (id, every setting, labels, IPAM)
 * and every endpoint of the chosen containers (network, addresses, MAC, aliases, driver options),
 * one sorted line each. Two pictures are equal exactly when nothing a user could see changed. The
 * shared engine runs other test classes at the same time, so callers choose what to look at.
 */
public record EngineState(List<String> lines) {

  public static EngineState capture(
      DockerGateway gateway,
      Predicate<ObservedNetwork> networks,
      Predicate<ObservedContainer> containers) {
    return of(gateway.snapshot(), networks, containers);
  }

  public static EngineState of(
      Snapshot snapshot,
      Predicate<ObservedNetwork> networks,
      Predicate<ObservedContainer> containers) {
    TreeSet<String> lines = new TreeSet<>();
    for (ObservedNetwork n : snapshot.networks()) {
      if (networks.test(n)) {
        lines.add("network " + n.name() + " id=" + n.id() + " " + describe(n.config()));
      }
    }
    for (ObservedContainer c : snapshot.containers()) {
      if (containers.test(c)) {
        lines.add("container " + c.name() + " id=" + c.id() + " running=" + c.running());
        for (ObservedEndpoint e : c.endpoints()) {
          lines.add("endpoint " + c.name() + " on " + e.networkName() + " " + describe(e, c.id()));
        }
      }
    }
    return new EngineState(List.copyOf(lines));
  }

  static String describe(NetworkConfig c) {
    return "driver="
        + c.driver()
        + " options="
        + new TreeMap<>(c.options())
        + " internal="
        + c.internal()
        + " attachable="
        + c.attachable()
        + " ingress="
        + c.ingress()
        + " ipv6="
        + c.enableIPv6()
        + " ipv4="
        + c.enableIPv4()
        + " scope="
        + c.scope()
        + " configOnly="
        + c.configOnly()
        + " configFrom="
        + c.configFrom()
        + " labels="
        + new TreeMap<>(c.labels())
        + " ipam="
        + c.ipamDriver()
        + new TreeMap<>(c.ipamOptions())
        + c.ipamPools();
  }

  static String describe(ObservedEndpoint e, String containerId) {
    EndpointConfig c = e.config();
    List<String> aliases = new ArrayList<>(new TreeSet<>(c.aliases()));
    // Engines below API 1.45 add the container's short id as an alias; it says nothing about us.
    aliases.removeIf(containerId::startsWith);
    return "ipv4="
        + e.ipv4Address()
        + " ipv6="
        + e.ipv6Address()
        + " mac="
        + e.macAddress()
        + " static4="
        + c.ipv4Address()
        + " static6="
        + c.ipv6Address()
        + " aliases="
        + aliases
        + " links="
        + new TreeSet<>(c.links())
        + " linkLocal="
        + new TreeSet<>(c.linkLocalIps())
        + " driverOpts="
        + new TreeMap<>(c.driverOpts());
  }

  @Override
  public String toString() {
    return String.join("\n", lines);
  }
}
