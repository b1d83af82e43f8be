package io.dockernet.plan;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DeletionPolicy;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.testing.EngineReports;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders for desired state (through the API classes, as manifests arrive) and hand-made
 * snapshots.
 */
final class Fixtures {
  static final String PROJECT = "demo";

  private Fixtures() {}

  // ------------------------------------------------------------- desired side

  static DockerNetwork net(String name) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    n.setSpec(new DockerNetworkSpec());
    return n;
  }

  static DockerNetwork net(String name, String subnet) {
    DockerNetwork n = net(name);
    subnet(n, subnet, null);
    return n;
  }

  static DockerNetwork subnet(DockerNetwork n, String subnet, String gateway) {
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(subnet);
    pool.setGateway(gateway);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    n.getSpec().setIpam(ipam);
    return n;
  }

  static DockerNetwork label(DockerNetwork n, String key, String value) {
    Map<String, String> labels =
        new HashMap<>(n.getSpec().getLabels() == null ? Map.of() : n.getSpec().getLabels());
    labels.put(key, value);
    n.getSpec().setLabels(labels);
    return n;
  }

  static DockerNetwork policies(
      DockerNetwork n, UpdatePolicy update, DeletionPolicy deletion, AdoptionPolicy adoption) {
    n.getSpec().setUpdatePolicy(update);
    n.getSpec().setDeletionPolicy(deletion);
    n.getSpec().setAdoptionPolicy(adoption);
    return n;
  }

  static NetworkAttachment att(String name, String network, String container, String... aliases) {
    NetworkAttachment a = new NetworkAttachment();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(network);
    spec.setContainer(container);
    spec.setAliases(aliases.length == 0 ? null : List.of(aliases));
    a.setSpec(spec);
    return a;
  }

  static NetworkAttachment attSelector(String name, String network, Map<String, String> labels) {
    NetworkAttachment a = att(name, network, null);
    ContainerSelector selector = new ContainerSelector();
    selector.setMatchLabels(labels);
    a.getSpec().setContainerSelector(selector);
    return a;
  }

  static DesiredState desired(List<DockerNetwork> networks, List<NetworkAttachment> attachments) {
    return DesiredState.from(PROJECT, networks, attachments);
  }

  // ------------------------------------------------------------ observed side

  /** A hand-made engine: networks and containers, connected both ways as inspect reports them. */
  static final class Engine {
    private final Map<String, NetworkConfig> networks = new LinkedHashMap<>();
    private final Map<String, String> networkIds = new HashMap<>();
    private final Map<String, ObservedContainer> containers = new LinkedHashMap<>();
    private final Map<String, List<ObservedEndpoint>> endpointsByNetwork = new HashMap<>();
    private final Map<String, List<ObservedEndpoint>> endpointsByContainer = new HashMap<>();
    private int ids;

    /** The network as the engine would report it after creating it from {@code config}. */
    Engine network(NetworkConfig config) {
      networks.put(config.name(), normalised(config));
      networkIds.put(config.name(), id("net"));
      return this;
    }

    /** A desired network, created as the planner would create it. */
    Engine created(DesiredState desired, String name) {
      return network(
          desired.networks().stream()
              .filter(n -> n.name().equals(name))
              .findFirst()
              .orElseThrow()
              .config());
    }

    /**
     * As {@link #created}, but by an earlier version of the spec (another spec hash), so fields are
     * compared.
     */
    Engine createdEarlier(DesiredState desired, String name) {
      created(desired, name);
      NetworkConfig c = networks.get(name);
      Map<String, String> labels = new HashMap<>(c.labels());
      labels.put(io.dockernet.model.Ownership.SPEC_HASH, "000000000000");
      networks.put(name, c.withLabels(labels));
      return this;
    }

    /** Replaces a network's reported config (for engine quirks). */
    Engine replace(String name, java.util.function.UnaryOperator<NetworkConfig> change) {
      networks.put(name, change.apply(networks.get(name)));
      return this;
    }

    Engine container(String name, Map<String, String> labels) {
      containers.put(
          name, new ObservedContainer(id("ctr") + "abcdef", name, labels, true, List.of()));
      return this;
    }

    Engine container(String name) {
      return container(name, Map.of());
    }

    Engine connect(String container, String network, EndpointConfig config, String ipv4) {
      ObservedContainer c = containers.get(container);
      // Engines before API 1.45 add the short container id to the aliases.
      List<String> aliases = new ArrayList<>(config.aliases());
      aliases.add(c.id().substring(0, 12));
      EndpointConfig reported = config.withAliases(aliases);
      ObservedEndpoint e =
          new ObservedEndpoint(
              networkIds.get(network),
              network,
              c.id(),
              c.name(),
              id("ep"),
              ipv4,
              null,
              "02:42:0a:00:00:02",
              reported);
      endpointsByNetwork.computeIfAbsent(network, k -> new ArrayList<>()).add(e);
      endpointsByContainer.computeIfAbsent(container, k -> new ArrayList<>()).add(e);
      return this;
    }

    Engine connect(String container, String network, EndpointConfig config) {
      return connect(container, network, config, null);
    }

    String containerId(String name) {
      return containers.get(name).id();
    }

    String networkId(String name) {
      return networkIds.get(name);
    }

    Snapshot snapshot() {
      List<ObservedNetwork> ns = new ArrayList<>();
      networks.forEach(
          (name, config) ->
              ns.add(
                  new ObservedNetwork(
                      networkIds.get(name),
                      config,
                      endpointsByNetwork.getOrDefault(name, List.of()))));
      List<ObservedContainer> cs = new ArrayList<>();
      containers.forEach(
          (name, c) ->
              cs.add(
                  new ObservedContainer(
                      c.id(),
                      c.name(),
                      c.labels(),
                      c.running(),
                      endpointsByContainer.getOrDefault(name, List.of()))));
      return new Snapshot(new EngineInfo("20.10.24", "1.41", "none", "test"), ns, cs);
    }

    private String id(String prefix) {
      return String.format("%s%09d", prefix, ++ids)
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123";
    }
  }

  /**
   * What the engine fills in: IPAM driver "default", scope "local", a subnet and gateway when none
   * was given.
   */
  static NetworkConfig normalised(NetworkConfig c) {
    return EngineReports.network(
        c,
        c.ipamPools().isEmpty()
            ? List.of(new IpamPool("172.30.0.0/16", null, "172.30.0.1", null))
            : c.ipamPools());
  }

  /** An unmanaged endpoint setting: just aliases. */
  static EndpointConfig endpoint(String... aliases) {
    return new EndpointConfig(List.of(aliases), null, null, null, null, null, null, null);
  }

  /** An endpoint as the attachment would connect it (owner marker included). */
  static EndpointConfig endpointOf(DesiredState desired, String attachment) {
    return desired.attachments().stream()
        .filter(a -> a.ref().name().equals(attachment))
        .findFirst()
        .orElseThrow()
        .endpoint();
  }
}
