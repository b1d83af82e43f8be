package io.dockernet.api.v1alpha1;

/** Whether an existing network without this product's labels may be taken over. */
public enum AdoptionPolicy {
  Never,
  IfCompatible
}
