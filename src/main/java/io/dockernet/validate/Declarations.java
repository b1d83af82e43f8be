package io.dockernet.validate;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.SubnetPool;
import java.util.List;

/**
 * Everything a set of manifests declares, and where each field was written: what the offline rules
 * check.
 */
public interface Declarations {
  List<DockerNetwork> networks();

  List<NetworkAttachment> attachments();

  List<DockerHost> hosts();

  List<DockerNetworkPolicy> policies();

  List<SubnetPool> pools();

  Locator locator();
}
