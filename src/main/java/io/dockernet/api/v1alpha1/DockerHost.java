package io.dockernet.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Docker engine that DockerNetworks and NetworkAttachments may target (cluster-scoped). */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DockerHost")
@Singular("dockerhost")
@Plural("dockerhosts")
@ShortNames({"dhost", "dhosts"})
public class DockerHost extends CustomResource<DockerHostSpec, DockerHostStatus> {

  @Override
  protected DockerHostSpec initSpec() {
    return new DockerHostSpec();
  }

  @Override
  protected DockerHostStatus initStatus() {
    return new DockerHostStatus();
  }
}
