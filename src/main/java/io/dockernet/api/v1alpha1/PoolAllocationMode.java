package io.dockernet.api.v1alpha1;

/** Where a SubnetPool's blocks must be unique: on each engine, or across every host it serves. */
public enum PoolAllocationMode {
  PerHost,
  Fleet
}
