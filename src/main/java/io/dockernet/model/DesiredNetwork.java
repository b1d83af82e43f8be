package io.dockernet.model;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.DeletionPolicy;
import io.dockernet.api.v1alpha1.UpdatePolicy;

/**
 * A network as the planner wants it: the engine-level config (our labels included) and the policies
 * of the resource that declared it. Built by {@link DesiredState#from}.
 */
public record DesiredNetwork(
    ResourceRef ref,
    NetworkConfig config,
    UpdatePolicy updatePolicy,
    DeletionPolicy deletionPolicy,
    AdoptionPolicy adoptionPolicy) {

  public String name() {
    return config.name();
  }
}
