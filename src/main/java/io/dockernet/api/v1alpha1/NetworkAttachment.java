package io.dockernet.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Containers that must be on a Docker network, with their endpoint settings. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("NetworkAttachment")
@Singular("networkattachment")
@Plural("networkattachments")
@ShortNames({"natt", "natts"})
public class NetworkAttachment extends CustomResource<NetworkAttachmentSpec, NetworkAttachmentStatus>
    implements Namespaced {

  @Override
  protected NetworkAttachmentSpec initSpec() {
    return new NetworkAttachmentSpec();
  }

  @Override
  protected NetworkAttachmentStatus initStatus() {
    return new NetworkAttachmentStatus();
  }
}
