package io.dockernet.plan;

import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who declares what in this project, and whether an engine object is ours: the Docker names of
 * declared networks (first declarer wins), the owner markers of declared attachments, and the
 * resource an owner label names.
 */
final class Owners {
  static final String ATTACHMENT_KIND = "NetworkAttachment";
  static final String NETWORK_KIND = "DockerNetwork";

  private final String project;

  /** Docker names of declared networks → the resource declaring them. */
  private final Map<String, ResourceRef> declaredNetworks = new HashMap<>();

  /** Owner markers of declared attachments. */
  private final Set<String> declaredOwners = new HashSet<>();

  Owners(DesiredState desired) {
    this.project = desired.project();
    for (DesiredNetwork n : desired.networks()) {
      declaredNetworks.putIfAbsent(n.name(), n.ref());
    }
    for (DesiredAttachment a : desired.attachments()) {
      declaredOwners.add(a.owner());
    }
  }

  String project() {
    return project;
  }

  /** The resource that declares the network name first, or null. */
  ResourceRef declarer(String network) {
    return declaredNetworks.get(network);
  }

  boolean declares(String network) {
    return declaredNetworks.containsKey(network);
  }

  /** An endpoint owner of this project whose attachment is no longer declared. */
  boolean isOrphan(String owner) {
    return owner.startsWith(project + "/") && !declaredOwners.contains(owner);
  }

  boolean ofProject(ObservedNetwork network) {
    return project.equals(network.config().labels().get(Ownership.PROJECT));
  }

  boolean ownedBy(ObservedNetwork network, ResourceRef ref) {
    Map<String, String> labels = network.config().labels();
    if (!ofProject(network)) {
      return false;
    }
    // A network made from a config-only network carries that network's labels (the engine allows
    // no others): ours when the config network is of our project and this resource declares it.
    String configFrom = network.config().configFrom();
    if (configFrom != null && !configFrom.isEmpty()) {
      return ref.equals(declaredNetworks.get(network.name()));
    }
    return ref.key().equals(labels.get(Ownership.OWNER));
  }

  static String ownerOf(ObservedNetwork network) {
    Map<String, String> labels = network.config().labels();
    return "project " + labels.get(Ownership.PROJECT) + ", owner " + labels.get(Ownership.OWNER);
  }

  /** The attachment an endpoint owner marker ({@code project/namespace/name}) names. */
  static ResourceRef refOfEndpointOwner(String owner) {
    String rest = owner.substring(owner.indexOf('/') + 1);
    int slash = rest.indexOf('/');
    return slash < 0
        ? new ResourceRef(ATTACHMENT_KIND, ResourceRef.DEFAULT_NAMESPACE, rest)
        : new ResourceRef(ATTACHMENT_KIND, rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The network resource an owner label ({@code namespace/name}) names; else the Docker name. */
  static ResourceRef refOfNetworkOwner(String owner, String networkName) {
    if (owner == null || owner.indexOf('/') < 0) {
      return new ResourceRef(
          NETWORK_KIND, ResourceRef.DEFAULT_NAMESPACE, owner == null ? networkName : owner);
    }
    int slash = owner.indexOf('/');
    return new ResourceRef(NETWORK_KIND, owner.substring(0, slash), owner.substring(slash + 1));
  }
}
