package io.dockernet.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Finds where a field of a loaded resource was written, so that problems can point at it. */
@FunctionalInterface
public interface Locator {

  /** No files behind the resources (the operator): problems carry only their path. */
  Locator NONE = (resource, path) -> null;

  /**
   * The location of {@code path} (e.g. {@code spec.ipam.config[0].subnet}) in {@code resource}'s
   * document, or of its nearest written parent; null when unknown.
   */
  Location locate(HasMetadata resource, String path);

  /**
   * The document {@code resource} was read from, as written (what an API server would be sent);
   * null when unknown.
   */
  default JsonNode written(HasMetadata resource) {
    return null;
  }
}
