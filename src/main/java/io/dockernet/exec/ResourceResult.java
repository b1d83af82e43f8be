package io.dockernet.exec;

import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Reason;
import java.util.List;

/**
 * The result of one round for one resource: the most significant outcome, a reason code on failure
 * (e.g. Conflict, InUse, EngineUnavailable) and human-readable details.
 */
public record ResourceResult(
    ResourceRef resource, Outcome outcome, Reason reason, List<String> messages) {
  public ResourceResult {
    messages = List.copyOf(messages);
  }
}
