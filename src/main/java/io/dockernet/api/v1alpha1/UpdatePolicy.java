package io.dockernet.api.v1alpha1;

/** What happens when a Docker-immutable field of a network changes. */
public enum UpdatePolicy {
  Recreate,
  Never
}
