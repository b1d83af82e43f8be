package io.dockernet.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;

/** A deep copy of a spec through its JSON form, so that fields added to the API later are never dropped. */
final class SpecCopy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecCopy() {}

  static DockerNetworkSpec of(DockerNetworkSpec spec) {
    return JSON.convertValue(spec, DockerNetworkSpec.class);
  }
}
