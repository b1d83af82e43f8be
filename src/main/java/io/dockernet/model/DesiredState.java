package io.dockernet.model;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.DeletionPolicy;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one project wants on one engine, with defaults applied. This is the only place that
 * turns API objects (from manifests or the Kubernetes API) into engine-level configs.
 *
 * @param project the standalone project name, or the operator's project; written into labels
 */
public record DesiredState(
    String project, List<DesiredNetwork> networks, List<DesiredAttachment> attachments) {

  public static final String DEFAULT_DRIVER = "bridge";

  public DesiredState {
    networks = List.copyOf(networks);
    attachments = List.copyOf(attachments);
  }

  public static DesiredState from(
      String project, List<DockerNetwork> networks, List<NetworkAttachment> attachments) {
    return new DesiredState(
        project,
        networks.stream().map(n -> network(project, n)).toList(),
        attachments.stream().map(a -> attachment(project, a)).toList());
  }

  public static ResourceRef ref(HasMetadata resource) {
    String namespace = resource.getMetadata().getNamespace();
    return new ResourceRef(
        resource.getKind(),
        namespace == null || namespace.isEmpty() ? ResourceRef.DEFAULT_NAMESPACE : namespace,
        resource.getMetadata().getName());
  }

  /** The Docker name of a DockerNetwork: spec.name, else metadata.name. */
  public static String dockerName(DockerNetwork network) {
    String name = network.getSpec() == null ? null : network.getSpec().getName();
    return name == null || name.isEmpty() ? network.getMetadata().getName() : name;
  }

  /** The spec, or an empty one (every field its default) when the resource has none. */
  public static DockerNetworkSpec spec(DockerNetwork network) {
    return Objects.requireNonNullElseGet(network.getSpec(), DockerNetworkSpec::new);
  }

  /** spec.driver, {@value #DEFAULT_DRIVER} when unset or empty. */
  public static String driver(DockerNetworkSpec spec) {
    return orDefault(emptyToNull(spec.getDriver()), DEFAULT_DRIVER);
  }

  public static boolean configOnly(DockerNetworkSpec spec) {
    return Boolean.TRUE.equals(spec.getConfigOnly());
  }

  /** spec.configFrom, null when unset or empty. */
  public static String configFrom(DockerNetworkSpec spec) {
    return emptyToNull(spec.getConfigFrom());
  }

  public static DesiredNetwork network(String project, DockerNetwork resource) {
    DockerNetworkSpec spec = spec(resource);
    ResourceRef ref = ref(resource);
    List<IpamPool> pools =
        spec.getIpam() == null || spec.getIpam().getConfig() == null
            ? List.of()
            : spec.getIpam().getConfig().stream().map(DesiredState::pool).toList();
    NetworkConfig withoutOurLabels =
        new NetworkConfig(
            dockerName(resource),
            driver(spec),
            spec.getDriverOpts(),
            Boolean.TRUE.equals(spec.getInternal()),
            Boolean.TRUE.equals(spec.getAttachable()),
            Boolean.TRUE.equals(spec.getIngress()),
            Boolean.TRUE.equals(spec.getEnableIPv6()),
            spec.getEnableIPv4(),
            emptyToNull(spec.getScope()),
            configOnly(spec),
            configFrom(spec),
            spec.getLabels(),
            spec.getIpam() == null ? null : emptyToNull(spec.getIpam().getDriver()),
            spec.getIpam() == null ? null : spec.getIpam().getOptions(),
            pools);
    Map<String, String> labels = new HashMap<>(withoutOurLabels.labels());
    // The engine refuses labels on a network made from a config-only network: it inherits that
    // network's labels (ours, when we made it), which is how its ownership shows.
    if (withoutOurLabels.configFrom() == null) {
      labels.putAll(Ownership.networkLabels(project, ref, Ownership.specHash(withoutOurLabels)));
    }
    NetworkConfig config = withoutOurLabels.withLabels(labels);
    return new DesiredNetwork(
        ref,
        config,
        orDefault(spec.getUpdatePolicy(), UpdatePolicy.Recreate),
        orDefault(spec.getDeletionPolicy(), DeletionPolicy.Delete),
        orDefault(spec.getAdoptionPolicy(), AdoptionPolicy.Never));
  }

  public static DesiredAttachment attachment(String project, NetworkAttachment resource) {
    NetworkAttachmentSpec spec =
        Objects.requireNonNullElseGet(resource.getSpec(), NetworkAttachmentSpec::new);
    ResourceRef ref = ref(resource);
    Map<String, String> driverOpts =
        new HashMap<>(spec.getDriverOpts() == null ? Map.of() : spec.getDriverOpts());
    driverOpts.put(Ownership.ENDPOINT_OWNER_OPT, Ownership.endpointOwner(project, ref));
    EndpointConfig endpoint =
        new EndpointConfig(
            spec.getAliases(),
            emptyToNull(spec.getIpv4Address()),
            emptyToNull(spec.getIpv6Address()),
            spec.getLinkLocalIPs(),
            spec.getLinks(),
            driverOpts,
            emptyToNull(spec.getMacAddress()),
            spec.getGwPriority());
    return new DesiredAttachment(
        ref,
        spec.getNetwork(),
        emptyToNull(spec.getContainer()),
        spec.getContainerSelector() == null ? null : spec.getContainerSelector().getMatchLabels(),
        endpoint,
        spec.getDetachFrom());
  }

  private static IpamPool pool(IpamConfig c) {
    return new IpamPool(
        emptyToNull(c.getSubnet()),
        emptyToNull(c.getIpRange()),
        emptyToNull(c.getGateway()),
        c.getAuxAddresses());
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
