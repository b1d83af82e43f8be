package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules across resources: duplicates, overlaps and references between them. */
final class CrossRules {
  private final Report report;
  private final Declared declared;

  CrossRules(Report report, Declared declared) {
    this.report = report;
    this.declared = declared;
  }

  void duplicates(List<? extends HasMetadata> resources) {
    Map<String, HasMetadata> seen = new HashMap<>();
    for (HasMetadata r : resources) {
      if (r.getMetadata() == null || r.getMetadata().getName() == null) {
        continue;
      }
      String key = DesiredState.ref(r).toString();
      HasMetadata first = seen.putIfAbsent(key, r);
      if (first != null) {
        report.add(
            r,
            "metadata.name",
            key + " is declared twice; the first is " + report.where(first, "metadata.name"));
      }
    }
  }

  void networks(List<DockerNetwork> networks) {
    Map<String, DockerNetwork> byName = new HashMap<>();
    List<DockerNetwork> seen = new ArrayList<>();
    for (DockerNetwork n : networks) {
      String name = DesiredState.dockerName(n);
      if (name == null) {
        continue;
      }
      String namePath =
          n.getSpec() != null && n.getSpec().getName() != null && !n.getSpec().getName().isEmpty()
              ? "spec.name"
              : "metadata.name";
      DockerNetwork first = byName.putIfAbsent(Declared.host(n) + "\u0000" + name, n);
      if (first != null && !DesiredState.ref(first).equals(DesiredState.ref(n))) {
        report.add(
            n,
            namePath,
            "Docker network name "
                + Names.quote(name)
                + " is also declared by "
                + report.where(first, "metadata.name")
                + "; one engine has one network per name, even across namespaces");
      }
      for (DockerNetwork other : seen) {
        if (Declared.host(other).equals(Declared.host(n))) {
          overlaps(n, other);
          parents(n, other);
        }
      }
      seen.add(n);
      configFrom(n);
    }
  }

  /** Docker keeps one address space per engine: pools of two networks may not overlap. */
  private void overlaps(DockerNetwork n, DockerNetwork other) {
    if (Declared.configOnly(n) || Declared.configOnly(other)) {
      return; // configuration-only networks allocate no addresses
    }
    for (Declared.Pool mine : Declared.pools(n)) {
      for (Declared.Pool theirs : Declared.pools(other)) {
        if (Ip.overlaps(mine.subnet(), theirs.subnet())) {
          report.add(
              n,
              subnetPath(mine),
              "subnet "
                  + mine.subnet()
                  + " overlaps "
                  + theirs.subnet()
                  + " of "
                  + report.where(other, subnetPath(theirs))
                  + "; Docker refuses overlapping subnets on one engine");
        }
      }
    }
  }

  /** Docker allows one macvlan (or ipvlan) network per parent interface. */
  private void parents(DockerNetwork n, DockerNetwork other) {
    String driver = Declared.driver(n);
    if (!(driver.equals("macvlan") || driver.equals("ipvlan"))
        || !driver.equals(Declared.driver(other))
        || Declared.configOnly(n)
        || Declared.configOnly(other)) {
      return;
    }
    String parent = parent(n);
    if (parent != null && parent.equals(parent(other))) {
      report.add(
          n,
          Declared.hasConfigFrom(n) ? "spec.configFrom" : "spec.driverOpts.parent",
          "parent interface "
              + parent
              + " is already used by "
              + driver
              + " network "
              + DesiredState.dockerName(other)
              + ", declared by "
              + report.where(other, "spec.driverOpts.parent")
              + "; Docker allows one "
              + driver
              + " network per "
              + "parent (use a VLAN subinterface such as "
              + parent
              + ".10 for another)");
    }
  }

  private String parent(DockerNetwork n) {
    DockerNetwork source = declared.configSource(n);
    if (source == null || Declared.spec(source).getDriverOpts() == null) {
      return null;
    }
    return Declared.spec(source).getDriverOpts().get("parent");
  }

  private void configFrom(DockerNetwork n) {
    if (!Declared.hasConfigFrom(n) || Declared.configOnly(n)) {
      return;
    }
    String from = Declared.spec(n).getConfigFrom();
    DockerNetwork source = declared.find(Declared.host(n), from);
    if (source != null && !Declared.configOnly(source)) {
      report.add(
          n,
          "spec.configFrom",
          "configFrom "
              + from
              + " names "
              + report.where(source, "metadata.name")
              + ", which is not a configuration-only network (configOnly: true)");
    }
  }

  /** One address can be given to one container per network. */
  void staticAddresses(List<NetworkAttachment> attachments) {
    Map<String, NetworkAttachment> seen = new HashMap<>();
    for (NetworkAttachment a : attachments) {
      NetworkAttachmentSpec spec = AttachmentRules.spec(a);
      for (String field : List.of("ipv4Address", "ipv6Address")) {
        String text = field.equals("ipv4Address") ? spec.getIpv4Address() : spec.getIpv6Address();
        IPAddress address = Ip.address(text);
        if (address == null || spec.getNetwork() == null) {
          continue;
        }
        String key =
            Declared.host(spec.getHost())
                + "\u0000"
                + spec.getNetwork()
                + "\u0000"
                + address.withoutPrefixLength();
        NetworkAttachment first = seen.putIfAbsent(key, a);
        if (first != null) {
          report.add(
              a,
              "spec." + field,
              field
                  + " "
                  + text
                  + " on network "
                  + spec.getNetwork()
                  + " is also requested by "
                  + report.where(first, "spec." + field)
                  + "; one address, one container");
        }
      }
    }
  }

  /**
   * One container (by name) joins a network once: two attachments of it must ask for the same
   * settings, else the planner refuses the second.
   */
  void sameContainerTwice(List<NetworkAttachment> attachments) {
    Map<String, NetworkAttachment> seen = new HashMap<>();
    for (NetworkAttachment a : attachments) {
      NetworkAttachmentSpec spec = AttachmentRules.spec(a);
      if (spec.getContainer() == null
          || spec.getContainer().isEmpty()
          || spec.getNetwork() == null
          || spec.getNetwork().isEmpty()) {
        continue;
      }
      String key =
          Declared.host(spec.getHost())
              + "\u0000"
              + spec.getNetwork()
              + "\u0000"
              + spec.getContainer();
      NetworkAttachment first = seen.putIfAbsent(key, a);
      if (first != null
          && !DesiredState.attachment("", first)
              .endpoint()
              .sameSettings(DesiredState.attachment("", a).endpoint())) {
        report.add(
            a,
            "spec.container",
            "container "
                + spec.getContainer()
                + " on network "
                + spec.getNetwork()
                + " is also attached by "
                + report.where(first, "spec.container")
                + " with different settings; a container joins a network once: merge them into one"
                + " attachment");
      }
    }
  }

  /** References to DockerHosts, when hosts are declared alongside. */
  void hosts(
      List<DockerHost> hosts, List<DockerNetwork> networks, List<NetworkAttachment> attachments) {
    if (hosts.isEmpty()) {
      return;
    }
    Map<String, DockerHost> byName = new HashMap<>();
    hosts.forEach(h -> byName.putIfAbsent(h.getMetadata().getName(), h));
    List<HasMetadata> users = new ArrayList<>(networks);
    users.addAll(attachments);
    for (HasMetadata r : users) {
      String host =
          r instanceof DockerNetwork n
              ? Declared.spec(n).getHost()
              : AttachmentRules.spec((NetworkAttachment) r).getHost();
      if (host == null || host.isEmpty()) {
        continue;
      }
      DockerHost h = byName.get(host);
      if (h == null) {
        report.add(
            r,
            "spec.host",
            "DockerHost "
                + host
                + " is not declared; declared hosts: "
                + String.join(", ", byName.keySet().stream().sorted().toList()));
        continue;
      }
      List<String> allowed = h.getSpec() == null ? null : h.getSpec().getAllowedNamespaces();
      String namespace = r.getMetadata().getNamespace();
      if (allowed != null && !allowed.isEmpty() && !allowed.contains(namespace)) {
        report.add(
            r,
            "spec.host",
            "DockerHost "
                + host
                + " does not allow namespace "
                + namespace
                + " (allowedNamespaces: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  private static String subnetPath(Declared.Pool pool) {
    return "spec.ipam.config[" + pool.index() + "].subnet";
  }
}
