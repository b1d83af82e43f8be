package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.validate.Locator;
import io.dockernet.validate.Problem;
import io.dockernet.validate.Problems;
import io.dockernet.validate.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's validation: the CLI's rules and messages ({@link Validator}), without file
 * locations ({@link Locator#NONE}, so a problem reads {@code spec.path: message}). Offline rules
 * for both kinds; the engine's view (e.g. a subnet overlapping a network the engine already has)
 * for networks. Attachments are not checked against the engine here: a network that does not exist
 * yet is a NotFound the planner reports and an engine event clears, not an invalid spec.
 */
public final class Validation {
  private Validation() {}

  public static SpecValidator forOperator() {
    return (resource, snapshot) -> {
      List<Problem> problems = new ArrayList<>();
      if (resource instanceof DockerNetwork network) {
        problems.addAll(Validator.validate(List.of(network), List.of(), Locator.NONE));
        if (problems.isEmpty() && snapshot != null) {
          problems.addAll(
              Validator.validateAgainstEngine(List.of(network), List.of(), Locator.NONE, snapshot));
        }
      } else if (resource instanceof NetworkAttachment attachment) {
        problems.addAll(Validator.validate(List.of(), List.of(attachment), Locator.NONE));
      }
      // Warnings (e.g. a static address inside the ipRange) never make a resource invalid.
      return Problems.errors(problems);
    };
  }
}
