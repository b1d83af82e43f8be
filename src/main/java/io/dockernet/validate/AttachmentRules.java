package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Ownership;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules on one NetworkAttachment, with the declared networks at hand. */
final class AttachmentRules {
  private static final Pattern MAC =
      Pattern.compile("^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}$");

  private final Report report;
  private final Declared declared;

  AttachmentRules(Report report, Declared declared) {
    this.report = report;
    this.declared = declared;
  }

  static NetworkAttachmentSpec spec(NetworkAttachment a) {
    return a.getSpec() == null ? new NetworkAttachmentSpec() : a.getSpec();
  }

  void check(NetworkAttachment a) {
    CommonRules.metadata(report, a, true);
    NetworkAttachmentSpec spec = spec(a);
    String network = spec.getNetwork();
    if (network == null || network.isEmpty()) {
      report.add(
          a,
          "spec.network",
          "spec.network is required: the Docker network to attach the containers to");
    } else {
      target(a, spec, network);
    }
    containers(a, spec);
    aliases(a, spec);
    staticAddresses(a, spec);
    linkLocal(a, spec);
    links(a, spec);
    detachFrom(a, spec);
    mac(a, spec);
    if (spec.getDriverOpts() != null
        && spec.getDriverOpts().containsKey(Ownership.ENDPOINT_OWNER_OPT)) {
      report.add(
          a,
          ManifestPath.field("spec.driverOpts", Ownership.ENDPOINT_OWNER_OPT),
          "driver option "
              + Ownership.ENDPOINT_OWNER_OPT
              + " is written by dockernet itself to mark its endpoints; remove it");
    }
  }

  private void target(NetworkAttachment a, NetworkAttachmentSpec spec, String network) {
    if (network.equals("host")) {
      report.add(
          a,
          "spec.network",
          "containers cannot be attached to the host network: `docker network connect` "
              + "cannot join host, and a container on host cannot be on any other network. Run the container with "
              + "--network host instead");
    } else if (network.equals("none")) {
      report.add(
          a,
          "spec.network",
          "containers cannot be attached to the none network: a container on none "
              + "cannot be on any other network. Run the container with --network none, or detach it from its "
              + "networks with detachFrom");
    }
    DockerNetwork target = declared.find(Declared.host(spec.getHost()), network);
    if (target != null && Declared.configOnly(target)) {
      report.add(
          a,
          "spec.network",
          "network "
              + network
              + " is a configuration-only network; containers cannot "
              + "join it. Attach them to a network that uses configFrom: "
              + network);
    }
  }

  private void containers(NetworkAttachment a, NetworkAttachmentSpec spec) {
    boolean hasContainer = spec.getContainer() != null && !spec.getContainer().isEmpty();
    boolean hasSelector = spec.getContainerSelector() != null;
    if (hasContainer && hasSelector) {
      report.add(
          a, "spec.containerSelector", "set either container or containerSelector, not both");
    } else if (!hasContainer && !hasSelector) {
      report.add(
          a,
          "spec",
          "set container (a container name or id) or containerSelector (labels of the "
              + "containers to attach)");
    }
    if (hasContainer && !Names.CONTAINER.matcher(spec.getContainer()).matches()) {
      report.add(
          a,
          "spec.container",
          "container "
              + Names.quote(spec.getContainer())
              + " is not a Docker "
              + "container name or id: at least two characters, letters, digits, '_', '.' and '-', starting with a "
              + "letter or digit");
    }
    if (hasSelector) {
      Map<String, String> labels = spec.getContainerSelector().getMatchLabels();
      if (labels == null || labels.isEmpty()) {
        report.add(
            a,
            "spec.containerSelector.matchLabels",
            "containerSelector.matchLabels must name at least one "
                + "label; an empty selector would select every container on the engine");
      } else if (labels.containsKey("")) {
        report.add(a, "spec.containerSelector.matchLabels", "a label key cannot be empty");
      }
    }
  }

  private void aliases(NetworkAttachment a, NetworkAttachmentSpec spec) {
    List<String> aliases = spec.getAliases();
    if (aliases == null) {
      return;
    }
    if (!aliases.isEmpty() && "bridge".equals(spec.getNetwork())) {
      report.add(
          a,
          "spec.aliases",
          "aliases are not supported on the default bridge network (Docker: "
              + "\"network-scoped alias is supported only for containers in user defined networks\")");
    }
    for (int i = 0; i < aliases.size(); i++) {
      String alias = aliases.get(i);
      if (alias == null || !Names.alias(alias)) {
        report.add(
            a,
            ManifestPath.index("spec.aliases", i),
            "alias "
                + Names.quote(String.valueOf(alias))
                + " is not a valid DNS name: labels of letters, digits, '-' and '_' separated by dots, not starting or "
                + "ending with '-', at most 63 characters each");
      }
    }
  }

  private void staticAddresses(NetworkAttachment a, NetworkAttachmentSpec spec) {
    staticAddress(a, spec, "spec.ipv4Address", spec.getIpv4Address(), true);
    staticAddress(a, spec, "spec.ipv6Address", spec.getIpv6Address(), false);
  }

  private void staticAddress(
      NetworkAttachment a, NetworkAttachmentSpec spec, String path, String text, boolean v4) {
    if (text == null || text.isEmpty()) {
      return;
    }
    String field = v4 ? "ipv4Address" : "ipv6Address";
    IPAddress address = Ip.address(text);
    if (address == null) {
      report.add(
          a,
          path,
          field
              + " "
              + Names.quote(text)
              + (Ip.cidr(text) != null
                  ? " is a CIDR; give a single address, without /prefix"
                  : " is not an IP address"));
      return;
    }
    if (address.isIPv4() != v4) {
      report.add(
          a,
          path,
          field
              + " "
              + text
              + " is an "
              + Ip.family(address)
              + " address; put it in "
              + (v4 ? "ipv6Address" : "ipv4Address"));
      return;
    }
    String network = spec.getNetwork();
    if (network == null || network.isEmpty()) {
      return;
    }
    if (network.equals("bridge")) {
      report.add(
          a,
          path,
          "static addresses are not allowed on the default bridge network (Docker: \"user "
              + "specified IP address is supported on user defined networks only\"); declare a network with a subnet");
      return;
    }
    DockerNetwork target = declared.find(Declared.host(spec.getHost()), network);
    if (target == null) {
      return; // not declared here: checked against the engine's view of that network
    }
    DockerNetwork source = declared.configSource(target);
    if (source == null) {
      return; // configFrom a network not declared here: its subnets are only known to the engine
    }
    if (!v4
        && !Boolean.TRUE.equals(Declared.spec(target).getEnableIPv6())
        && !Boolean.TRUE.equals(Declared.spec(source).getEnableIPv6())) {
      report.add(
          a,
          path,
          "network " + network + " does not have enableIPv6: true, so it gives no IPv6 addresses");
      return;
    }
    List<Declared.Pool> pools =
        Declared.pools(source).stream()
            .filter(p -> p.subnet().getIPVersion() == address.getIPVersion())
            .toList();
    if (pools.isEmpty()) {
      report.add(
          a,
          path,
          "network "
              + network
              + " has no "
              + Ip.family(address)
              + " subnet in spec.ipam.config; "
              + "Docker allows static addresses only on networks with a user-configured subnet; add one to "
              + report.where(source, "spec"));
      return;
    }
    Declared.Pool pool =
        pools.stream().filter(p -> Ip.contains(p.subnet(), address)).findFirst().orElse(null);
    if (pool == null) {
      report.add(
          a,
          path,
          field
              + " "
              + text
              + " is outside the "
              + Ip.family(address)
              + " subnets of network "
              + network
              + ": "
              + String.join(", ", pools.stream().map(p -> p.subnet().toString()).toList()));
      return;
    }
    if (pool.gateway() != null && Ip.same(pool.gateway(), address)) {
      report.add(a, path, field + " " + text + " is the gateway of network " + network);
    } else if (Ip.same(Ip.networkAddress(pool.subnet()), address)) {
      report.add(
          a, path, field + " " + text + " is the network address of subnet " + pool.subnet());
    } else if (Ip.broadcast(pool.subnet()) != null
        && Ip.same(Ip.broadcast(pool.subnet()), address)) {
      report.add(
          a, path, field + " " + text + " is the broadcast address of subnet " + pool.subnet());
    } else {
      if (pool.ipRange() != null && Ip.contains(pool.ipRange(), address)) {
        // Docker accepts it, but hands out addresses of the ipRange to containers started
        // without one: one may take it while this container is not running.
        report.warn(
            a,
            path,
            field
                + " "
                + text
                + " lies inside ipRange "
                + pool.ipRange()
                + " of network "
                + network
                + " ("
                + report.where(source, "spec.ipam.config[" + pool.index() + "].ipRange")
                + "), from which Docker gives addresses to containers started without one: one"
                + " may take it while this container is not running; give an address outside"
                + " the ipRange, or narrow the ipRange");
      }
      pool.aux()
          .forEach(
              (name, aux) -> {
                if (Ip.same(aux, address)) {
                  report.add(
                      a,
                      path,
                      field
                          + " "
                          + text
                          + " is reserved by auxAddresses."
                          + name
                          + " of network "
                          + network);
                }
              });
    }
  }

  private void linkLocal(NetworkAttachment a, NetworkAttachmentSpec spec) {
    List<String> ips = spec.getLinkLocalIPs();
    if (ips == null) {
      return;
    }
    for (int i = 0; i < ips.size(); i++) {
      String path = ManifestPath.index("spec.linkLocalIPs", i);
      String text = ips.get(i);
      IPAddress address = Ip.address(text);
      if (address == null) {
        report.add(
            a,
            path,
            "link-local IP " + Names.quote(String.valueOf(text)) + " is not an IP address");
      } else if (!Ip.contains(address.isIPv4() ? Ip.LINK_LOCAL_V4 : Ip.LINK_LOCAL_V6, address)) {
        report.add(a, path, text + " is not a link-local address (169.254.0.0/16 or fe80::/10)");
      }
    }
  }

  private void links(NetworkAttachment a, NetworkAttachmentSpec spec) {
    List<String> links = spec.getLinks();
    if (links == null) {
      return;
    }
    for (int i = 0; i < links.size(); i++) {
      String link = links.get(i);
      String[] parts = link == null ? new String[0] : link.split(":", -1);
      boolean ok =
          parts.length >= 1
              && parts.length <= 2
              && Names.CONTAINER.matcher(parts[0]).matches()
              && (parts.length == 1 || Names.alias(parts[1]));
      if (!ok) {
        report.add(
            a,
            ManifestPath.index("spec.links", i),
            "link " + Names.quote(String.valueOf(link)) + " is not container or container:alias");
      }
    }
  }

  private void detachFrom(NetworkAttachment a, NetworkAttachmentSpec spec) {
    List<String> detach = spec.getDetachFrom();
    if (detach == null) {
      return;
    }
    for (int i = 0; i < detach.size(); i++) {
      String name = detach.get(i);
      String path = ManifestPath.index("spec.detachFrom", i);
      if (name == null || name.isEmpty()) {
        report.add(a, path, "empty network name in detachFrom");
      } else if (name.equals(spec.getNetwork())) {
        report.add(
            a,
            path,
            "detachFrom names "
                + name
                + ", the network this attachment joins; the containers "
                + "cannot be both on it and off it");
      }
    }
  }

  private void mac(NetworkAttachment a, NetworkAttachmentSpec spec) {
    String mac = spec.getMacAddress();
    if (mac == null || mac.isEmpty()) {
      return;
    }
    if (!MAC.matcher(mac).matches()) {
      report.add(
          a,
          "spec.macAddress",
          "macAddress "
              + Names.quote(mac)
              + " is not a MAC address such as "
              + "02:42:ac:11:00:02");
      return;
    }
    if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) == 1) {
      report.add(
          a,
          "spec.macAddress",
          "macAddress "
              + mac
              + " is a multicast address (the first byte is odd); "
              + "an endpoint needs a unicast address, e.g. 02:42:ac:11:00:02");
    }
  }

  static String ref(NetworkAttachment a) {
    return DesiredState.ref(a).toString();
  }
}
