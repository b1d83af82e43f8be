package io.dockernet.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Writes the status subresource: a JSON merge patch of {@code status} only (no resourceVersion
 * lock: the operator is the only writer of status), or a server-side apply with our field manager
 * when {@code --server-side-apply} is on. Merge patches work on every API server and the Fabric8
 * mock; JSON-patch diffs against a cached copy do not when the stored object has no status yet.
 */
final class StatusWriter {
  static final String FIELD_MANAGER = "dockernet-operator";
  private final KubernetesClient client;
  private final boolean serverSideApply;

  StatusWriter(KubernetesClient client, boolean serverSideApply) {
    this.client = client;
    this.serverSideApply = serverSideApply;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  <S> void write(CustomResource<?, S> resource, S status) {
    CustomResource copy = Serialization.clone(resource);
    copy.setStatus(status);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().setManagedFields(null);
    if (serverSideApply) {
      client.resource((HasMetadata) copy).subresource("status")
          .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(FIELD_MANAGER).withForce(true).build());
    } else {
      client.resource((HasMetadata) copy).patchStatus();
    }
    resource.setStatus(status);
  }
}
