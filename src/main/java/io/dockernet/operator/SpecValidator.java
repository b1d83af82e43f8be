package io.dockernet.operator;

import io.dockernet.model.Snapshot;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Checks one resource before any engine change; problems are shown as {@code path: message} (no
 * file behind a custom resource).
 */
@FunctionalInterface
public interface SpecValidator {
  SpecValidator NONE = (resource, snapshot) -> List.of();

  List<Problem> problems(HasMetadata resource, Snapshot snapshot);
}
