package io.dockernet.validate;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Rules that need the engine's view: its API version and the networks it already has. */
final class EngineRules {
  private final Report report;
  private final Declared declared;
  private final Snapshot snapshot;

  EngineRules(Report report, Declared declared, Snapshot snapshot) {
    this.report = report;
    this.declared = declared;
    this.snapshot = snapshot;
  }

  void network(DockerNetwork n) {
    if (Declared.spec(n).getEnableIPv4() != null) {
      needsApi(
          n, "spec.enableIPv4", "1.47", " (older engines always enable IPv4: remove the field)");
    }
    configFrom(n);
    if (Declared.configOnly(n) || Declared.hasConfigFrom(n)) {
      return;
    }
    String name = DesiredState.dockerName(n);
    for (ObservedNetwork o : snapshot.networks()) {
      if (o.name().equals(name) || itselfOfAnother(o) || o.config().configOnly()) {
        continue; // the network itself (or one of ours with that name) is the planner's business
      }
      for (Declared.Pool mine : Declared.pools(n)) {
        for (IpamPool theirs : o.config().ipamPools()) {
          IPAddress subnet = Ip.cidr(theirs.subnet());
          if (subnet != null && Ip.overlaps(mine.subnet(), subnet)) {
            report.add(
                n,
                "spec.ipam.config[" + mine.index() + "].subnet",
                "subnet "
                    + mine.subnet()
                    + " overlaps "
                    + theirs.subnet()
                    + " of the engine's network "
                    + o.name()
                    + describe(o)
                    + "; Docker refuses overlapping subnets on one engine");
          }
        }
      }
      parent(n, o);
    }
  }

  private void parent(DockerNetwork n, ObservedNetwork o) {
    String driver = Declared.driver(n);
    if (!(driver.equals("macvlan") || driver.equals("ipvlan"))
        || !driver.equals(o.config().driver())) {
      return;
    }
    String parent =
        Declared.spec(n).getDriverOpts() == null
            ? null
            : Declared.spec(n).getDriverOpts().get("parent");
    if (parent != null && parent.equals(o.config().options().get("parent"))) {
      report.add(
          n,
          "spec.driverOpts.parent",
          "parent interface "
              + parent
              + " is already used by the engine's "
              + driver
              + " network "
              + o.name()
              + describe(o)
              + "; Docker allows one "
              + driver
              + " network per parent");
    }
  }

  private void configFrom(DockerNetwork n) {
    if (!Declared.hasConfigFrom(n) || Declared.configOnly(n)) {
      return;
    }
    String from = Declared.spec(n).getConfigFrom();
    if (declared.find(Declared.host(n), from) != null) {
      return; // checked offline
    }
    Optional<ObservedNetwork> source = snapshot.network(from);
    if (source.isEmpty()) {
      report.add(
          n,
          "spec.configFrom",
          "configFrom "
              + from
              + ": no configuration-only network of that name is "
              + "declared or present on the engine");
    } else if (!source.get().config().configOnly()) {
      report.add(
          n,
          "spec.configFrom",
          "configFrom "
              + from
              + ": the engine's network "
              + from
              + " is not a configuration-only network");
    }
  }

  /** An engine network that some declared network will manage as itself (same name and owner). */
  private boolean itselfOfAnother(ObservedNetwork o) {
    DockerNetwork mine = declared.find("", o.name());
    return mine != null
        && o.managed()
        && DesiredState.ref(mine).key().equals(o.config().labels().get(Ownership.OWNER));
  }

  void attachment(NetworkAttachment a) {
    NetworkAttachmentSpec spec = AttachmentRules.spec(a);
    if (spec.getMacAddress() != null && !spec.getMacAddress().isEmpty()) {
      needsApi(a, "spec.macAddress", "1.44", "");
    }
    if (spec.getGwPriority() != null) {
      needsApi(a, "spec.gwPriority", "1.48", "");
    }
    String network = spec.getNetwork();
    if (network == null || network.isEmpty() || network.equals("host") || network.equals("none")) {
      return;
    }
    if (declared.find(Declared.host(spec.getHost()), network) != null) {
      return;
    }
    Optional<ObservedNetwork> existing = snapshot.network(network);
    if (existing.isEmpty()) {
      report.add(
          a,
          "spec.network",
          "network " + network + " is neither declared nor present on the engine");
      return;
    }
    if (!network.equals("bridge")) {
      staticAddress(a, existing.get(), "spec.ipv4Address", spec.getIpv4Address());
      staticAddress(a, existing.get(), "spec.ipv6Address", spec.getIpv6Address());
    }
  }

  private void staticAddress(NetworkAttachment a, ObservedNetwork o, String path, String text) {
    IPAddress address = Ip.address(text);
    if (address == null) {
      return; // absent, or reported offline
    }
    List<IPAddress> subnets =
        o.config().ipamPools().stream()
            .map(p -> Ip.cidr(p.subnet()))
            .filter(Objects::nonNull)
            .filter(s -> s.getIPVersion() == address.getIPVersion())
            .toList();
    if (!o.config().hasUserSubnet() || subnets.isEmpty()) {
      report.add(
          a,
          path,
          "the engine's network "
              + o.name()
              + " has no user-configured "
              + Ip.family(address)
              + " subnet; Docker allows static addresses only on networks created with one");
      return;
    }
    if (subnets.stream().noneMatch(s -> Ip.contains(s, address))) {
      report.add(
          a,
          path,
          text
              + " is outside the subnets of the engine's network "
              + o.name()
              + ": "
              + String.join(", ", subnets.stream().map(Object::toString).toList()));
      return;
    }
    for (IpamPool p : o.config().ipamPools()) {
      IPAddress gateway = Ip.address(p.gateway());
      if (gateway != null && Ip.same(gateway, address)) {
        report.add(a, path, text + " is the gateway of the engine's network " + o.name());
      }
    }
  }

  private void needsApi(HasMetadata r, String path, String version, String hint) {
    EngineInfo engine = snapshot.engine();
    if (engine == null || engine.apiVersion() == null || engine.apiVersion().isEmpty()) {
      return;
    }
    boolean supported;
    try {
      supported = engine.apiAtLeast(version);
    } catch (NumberFormatException e) {
      return; // an engine version we cannot compare: let the engine decide
    }
    if (!supported) {
      report.add(
          r,
          path,
          "this engine speaks API "
              + engine.apiVersion()
              + "; "
              + path
              + " needs "
              + version
              + " or later"
              + hint);
    }
  }

  private static String describe(ObservedNetwork o) {
    if (!o.managed()) {
      return " (not managed by dockernet)";
    }
    String owner = o.config().labels().get(Ownership.OWNER);
    return owner == null ? "" : " (managed by dockernet for " + owner + ")";
  }
}
