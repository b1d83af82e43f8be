package io.dockernet.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Docker network the user wants to exist, with the settings Docker is to give it. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DockerNetwork")
@Singular("dockernetwork")
@Plural("dockernetworks")
@ShortNames({"dnet", "dnets"})
public class DockerNetwork extends CustomResource<DockerNetworkSpec, DockerNetworkStatus>
    implements Namespaced {

  @Override
  protected DockerNetworkSpec initSpec() {
    return new DockerNetworkSpec();
  }

  @Override
  protected DockerNetworkStatus initStatus() {
    return new DockerNetworkStatus();
  }
}
