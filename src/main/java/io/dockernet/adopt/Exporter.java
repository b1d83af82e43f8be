package io.dockernet.adopt;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.EngineDefaults;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An engine's networks and endpoints as manifests that adopt them as they are: applying them
 * creates, recreates and reconnects nothing. Pure: a {@link Snapshot} in, API objects out.
 *
 * <p>Networks get {@code adoptionPolicy: IfCompatible} and every create option the engine reports,
 * without what the engine fills in by itself ({@link EngineDefaults}) and without our labels.
 * Endpoints become NetworkAttachments with the aliases and static addresses they were connected
 * with (never the address the engine handed out); containers that Compose started are selected by
 * their Compose project and service, so that the containers Compose recreates later are attached
 * again.
 *
 * <p>Networks dockernet made are skipped (their manifests exist already). That includes every
 * network with a dynamic range dockernet computed ({@code io.dockernet.dynamic-range}, see
 * DynamicRanges), so a computed ipRange or pinned gateway never reaches an exported manifest.
 */
public final class Exporter {
  public static final String COMPOSE_PROJECT = "com.docker.compose.project";
  public static final String COMPOSE_SERVICE = "com.docker.compose.service";
  public static final String COMPOSE_ONEOFF = "com.docker.compose.oneoff";

  /** Networks Docker predefines: never exported (they cannot be created or removed). */
  static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  /**
   * @param resources networks first, then attachments, each sorted by name
   * @param notes what was left out, and why
   * @param errors networks asked for by name that the engine does not have
   */
  public record Result(List<HasMetadata> resources, List<String> notes, List<String> errors) {}

  private final Snapshot snapshot;
  private final String namespace;
  private final ResourceNames names = new ResourceNames();
  private final List<HasMetadata> networks = new ArrayList<>();
  private final List<HasMetadata> attachments = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  /** Docker network name → metadata.name of its DockerNetwork. */
  private final Map<String, String> exported = new LinkedHashMap<>();

  private Exporter(Snapshot snapshot, String namespace) {
    this.snapshot = snapshot;
    this.namespace = namespace == null || namespace.isEmpty() ? null : namespace;
  }

  /**
   * @param only Docker network names (or ids) to export; empty means every network but the
   *     predefined ones
   * @param namespace metadata.namespace of every resource; null leaves it out (the default
   *     namespace)
   */
  public static Result export(Snapshot snapshot, Collection<String> only, String namespace) {
    return new Exporter(snapshot, namespace).run(only);
  }

  private Result run(Collection<String> only) {
    List<ObservedNetwork> chosen = new ArrayList<>();
    if (only.isEmpty()) {
      chosen.addAll(snapshot.networks());
    } else {
      for (String name : new LinkedHashSet<>(only)) {
        ObservedNetwork n = find(name);
        if (n == null) {
          errors.add("network " + name + " does not exist");
        } else if (!chosen.contains(n)) {
          chosen.add(n);
        }
      }
    }
    chosen.sort(Comparator.comparing(ObservedNetwork::name));
    List<ObservedNetwork> kept = new ArrayList<>();
    for (ObservedNetwork n : chosen) {
      if (PREDEFINED.contains(n.name())) {
        if (!only.isEmpty()) {
          notes.add("network " + n.name() + " is predefined by Docker: not exported");
        }
      } else if (n.managed()) {
        Map<String, String> labels = n.config().labels();
        notes.add(
            "network "
                + n.name()
                + " is managed by dockernet project "
                + labels.get(Ownership.PROJECT)
                + " (owner "
                + labels.get(Ownership.OWNER)
                + "): skipped, its manifests exist already");
      } else {
        String name = names.unique(n.name());
        exported.put(n.name(), name);
        networks.add(network(name, n));
        kept.add(n);
      }
    }
    kept.forEach(this::endpoints);
    networks.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    List<HasMetadata> all = new ArrayList<>(networks);
    attachments.sort(Comparator.comparing(a -> a.getMetadata().getName()));
    all.addAll(attachments);
    return new Result(all, notes, errors);
  }

  private ObservedNetwork find(String nameOrId) {
    return snapshot
        .network(nameOrId)
        .orElseGet(
            () -> {
              List<ObservedNetwork> byId =
                  snapshot.networks().stream()
                      .filter(n -> n.id() != null && n.id().startsWith(nameOrId))
                      .toList();
              return byId.size() == 1 ? byId.get(0) : null;
            });
  }

  // ------------------------------------------------------------------ networks

  private DockerNetwork network(String name, ObservedNetwork observed) {
    NetworkConfig c = observed.config();
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(c.name());
    if (!EngineDefaults.isConfigOnlyDriver(c)) {
      spec.setDriver(c.driver());
    }
    spec.setAdoptionPolicy(AdoptionPolicy.IfCompatible);
    if (c.configFrom() != null && !c.configFrom().isEmpty()) {
      // Everything else comes from the configuration-only network, which the engine reports as this
      // one's.
      spec.setConfigFrom(c.configFrom());
      return resource(new DockerNetwork(), name, spec);
    }
    Map<String, String> options = sorted(c.options());
    options.keySet().removeAll(EngineDefaults.NETWORK_OPTIONS);
    spec.setDriverOpts(nullIfEmpty(options));
    spec.setInternal(trueOrNull(c.internal()));
    spec.setAttachable(trueOrNull(c.attachable()));
    spec.setIngress(trueOrNull(c.ingress()));
    spec.setEnableIPv6(trueOrNull(c.enableIPv6()));
    if (!EngineDefaults.isDefaultEnableIPv4(c.enableIPv4())) {
      spec.setEnableIPv4(false);
    }
    if (!EngineDefaults.isDefaultScope(c.scope())) {
      spec.setScope(c.scope());
    }
    spec.setConfigOnly(trueOrNull(c.configOnly()));
    spec.setLabels(nullIfEmpty(Ownership.withoutOurs(c.labels())));
    IpamSpec ipam = new IpamSpec();
    if (!EngineDefaults.isDefaultIpamDriver(c.ipamDriver())) {
      ipam.setDriver(c.ipamDriver());
    }
    ipam.setOptions(nullIfEmpty(sorted(c.ipamOptions())));
    List<IpamConfig> pools = new ArrayList<>();
    for (IpamPool p : c.ipamPools()) {
      IpamConfig pool = new IpamConfig();
      pool.setSubnet(emptyToNull(p.subnet()));
      pool.setIpRange(emptyToNull(p.ipRange()));
      pool.setGateway(emptyToNull(p.gateway()));
      pool.setAuxAddresses(nullIfEmpty(sorted(p.auxAddresses())));
      pools.add(pool);
    }
    ipam.setConfig(pools.isEmpty() ? null : pools);
    if (ipam.getDriver() != null || ipam.getOptions() != null || ipam.getConfig() != null) {
      spec.setIpam(ipam);
    }
    return resource(new DockerNetwork(), name, spec);
  }

  // ----------------------------------------------------------------- endpoints

  /** One attachment per plain container, one per Compose service (all its containers). */
  private void endpoints(ObservedNetwork network) {
    Map<String, List<ObservedEndpoint>> byService = new TreeMap<>();
    List<ObservedEndpoint> plain = new ArrayList<>();
    for (ObservedEndpoint e : sortedByContainer(network.endpoints())) {
      if (e.managed()) {
        notes.add(
            "endpoint of container "
                + e.containerName()
                + " on "
                + network.name()
                + " is managed by dockernet ("
                + e.config().owner()
                + "): skipped, its manifests exist already");
        continue;
      }
      ObservedContainer c = container(e);
      Map<String, String> labels = c == null ? Map.of() : c.labels();
      if (labels.containsKey(COMPOSE_PROJECT) && labels.containsKey(COMPOSE_SERVICE)) {
        byService
            .computeIfAbsent(
                labels.get(COMPOSE_PROJECT) + "\u0000" + labels.get(COMPOSE_SERVICE),
                k -> new ArrayList<>())
            .add(e);
      } else {
        plain.add(e);
      }
    }
    String networkName = exported.get(network.name());
    for (ObservedEndpoint e : plain) {
      NetworkAttachmentSpec spec = endpointSpec(network.name(), List.of(e));
      spec.setContainer(e.containerName());
      attachments.add(
          resource(new NetworkAttachment(), names.unique(networkName, e.containerName()), spec));
    }
    for (List<ObservedEndpoint> service : byService.values()) {
      Map<String, String> labels = container(service.get(0)).labels();
      Map<String, String> selector = new TreeMap<>();
      selector.put(COMPOSE_PROJECT, labels.get(COMPOSE_PROJECT));
      selector.put(COMPOSE_SERVICE, labels.get(COMPOSE_SERVICE));
      if (labels.containsKey(COMPOSE_ONEOFF)) {
        selector.put(
            COMPOSE_ONEOFF, labels.get(COMPOSE_ONEOFF)); // not the containers of `compose run`
      }
      NetworkAttachmentSpec spec = endpointSpec(network.name(), service);
      ContainerSelector s = new ContainerSelector();
      s.setMatchLabels(selector);
      spec.setContainerSelector(s);
      String name =
          names.unique(networkName, labels.get(COMPOSE_PROJECT), labels.get(COMPOSE_SERVICE));
      attachments.add(resource(new NetworkAttachment(), name, spec));
    }
  }

  /**
   * The settings the endpoints were connected with, as the user gave them: what all of them share
   * (a Compose service's containers differ in their short-id alias and addresses).
   */
  private static NetworkAttachmentSpec endpointSpec(
      String network, List<ObservedEndpoint> endpoints) {
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(network);
    EndpointConfig first = endpoints.get(0).config();
    List<String> aliases = new ArrayList<>(new java.util.TreeSet<>(first.aliases()));
    List<String> linkLocal = new ArrayList<>(first.linkLocalIps());
    List<String> links = new ArrayList<>(new java.util.TreeSet<>(first.links()));
    Map<String, String> driverOpts = sorted(first.driverOpts());
    for (ObservedEndpoint e : endpoints) {
      aliases.retainAll(e.config().aliases());
      linkLocal.retainAll(e.config().linkLocalIps());
      links.retainAll(e.config().links());
      driverOpts.entrySet().retainAll(e.config().driverOpts().entrySet());
    }
    spec.setAliases(nullIfEmpty(aliases));
    spec.setLinkLocalIPs(nullIfEmpty(linkLocal));
    spec.setLinks(nullIfEmpty(links));
    spec.setDriverOpts(nullIfEmpty(driverOpts));
    if (endpoints.size() == 1) {
      // Only what the endpoint was configured with; the address the engine picked is not a setting.
      spec.setIpv4Address(emptyToNull(first.ipv4Address()));
      spec.setIpv6Address(emptyToNull(first.ipv6Address()));
      spec.setMacAddress(emptyToNull(first.macAddress()));
      spec.setGwPriority(first.gwPriority());
    }
    return spec;
  }

  private ObservedContainer container(ObservedEndpoint e) {
    return snapshot.containers().stream()
        .filter(c -> c.id().equals(e.containerId()))
        .findFirst()
        .orElse(null);
  }

  private static List<ObservedEndpoint> sortedByContainer(List<ObservedEndpoint> endpoints) {
    List<ObservedEndpoint> sorted = new ArrayList<>(endpoints);
    sorted.sort(
        Comparator.comparing((ObservedEndpoint e) -> String.valueOf(e.containerName()))
            .thenComparing(e -> String.valueOf(e.containerId())));
    return sorted;
  }

  // ------------------------------------------------------------------- helpers

  private <R extends HasMetadata> R resource(R resource, String name, Object spec) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    resource.setMetadata(meta);
    if (resource instanceof DockerNetwork n) {
      n.setSpec((DockerNetworkSpec) spec);
      n.setStatus(null);
    } else if (resource instanceof NetworkAttachment a) {
      a.setSpec((NetworkAttachmentSpec) spec);
      a.setStatus(null);
    }
    return resource;
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return new TreeMap<>(map == null ? Map.of() : map);
  }

  private static <M extends Map<String, String>> M nullIfEmpty(M map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static List<String> nullIfEmpty(List<String> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static Boolean trueOrNull(boolean b) {
    return b ? Boolean.TRUE : null;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
