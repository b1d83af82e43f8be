package io.dockernet.api.v1alpha1;

/** What happens to the Docker network when its resource is deleted. */
public enum DeletionPolicy {
  Delete,
  Orphan
}
