package io.dockernet.manifest;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.validate.Declarations;
import io.dockernet.validate.Locator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources read from manifests, in file order, and where each of their fields was written.
 * Namespaced resources always have a namespace ("default" when the manifest gave none).
 */
public record Manifests(
    List<DockerNetwork> networks,
    List<NetworkAttachment> attachments,
    List<DockerHost> hosts,
    List<DockerNetworkPolicy> policies,
    List<SubnetPool> pools,
    Locator locator)
    implements Declarations {

  public Manifests {
    policies = policies == null ? List.of() : List.copyOf(policies);
    pools = pools == null ? List.of() : List.copyOf(pools);
    networks = List.copyOf(networks);
    attachments = List.copyOf(attachments);
    hosts = List.copyOf(hosts);
    locator = locator == null ? Locator.NONE : locator;
  }

  public Manifests(
      List<DockerNetwork> networks,
      List<NetworkAttachment> attachments,
      List<DockerHost> hosts,
      List<DockerNetworkPolicy> policies,
      Locator locator) {
    this(networks, attachments, hosts, policies, List.of(), locator);
  }

  public Manifests(
      List<DockerNetwork> networks,
      List<NetworkAttachment> attachments,
      List<DockerHost> hosts,
      Locator locator) {
    this(networks, attachments, hosts, List.of(), List.of(), locator);
  }

  public static Manifests empty() {
    return new Manifests(List.of(), List.of(), List.of(), Locator.NONE);
  }

  /** The same resources with other networks (e.g. with subnets from pools). */
  public Manifests withNetworks(List<DockerNetwork> replaced) {
    return new Manifests(replaced, attachments, hosts, policies, pools, locator);
  }

  /** Every resource, in the order read: networks, attachments, hosts, policies, pools. */
  public List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>(networks);
    all.addAll(attachments);
    all.addAll(hosts);
    all.addAll(policies);
    all.addAll(pools);
    return all;
  }

  public boolean isEmpty() {
    return networks.isEmpty()
        && attachments.isEmpty()
        && hosts.isEmpty()
        && policies.isEmpty()
        && pools.isEmpty();
  }
}
