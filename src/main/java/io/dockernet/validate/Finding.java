package io.dockernet.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A problem and the resource it belongs to (the operator writes it into that resource's status).
 */
public record Finding(HasMetadata resource, Problem problem) {}
