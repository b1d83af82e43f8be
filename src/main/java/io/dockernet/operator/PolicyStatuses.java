package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicyStatus;
import io.dockernet.policy.PolicyCompiler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/**
 * A DockerNetworkPolicy's status: Ready=True {@code Enforced} with what it covers, or the reason it
 * is not (a Warning Event when that is new).
 */
final class PolicyStatuses {
  static final String UNSUPPORTED = "PolicyUnsupported";
  static final String ENFORCED = "Enforced";
  static final String INVALID = "Invalid";
  static final String FAILED = "EnforcementFailed";

  private final OperatorContext op;

  PolicyStatuses(OperatorContext op) {
    this.op = op;
  }

  /** Why an engine reached over the network cannot have policies. */
  static String remote(String host) {
    return "engine "
        + host
        + " is reached over the network: policies are enforced in the netfilter rules of the"
        + " Docker host, so only an operator running beside the engine (unix socket, host"
        + " networking, NET_ADMIN) can enforce them; see docs/policies.md for the on-host agent"
        + " design";
  }

  static DockerNetworkPolicyStatus copy(DockerNetworkPolicyStatus status) {
    return status == null ? null : Serialization.clone(status);
  }

  /** Writes the status when it changed; the reconcile is over. */
  UpdateControl<DockerNetworkPolicy> write(
      DockerNetworkPolicy policy,
      DockerNetworkPolicyStatus before,
      PolicyCompiler.Coverage coverage,
      String reason,
      String message) {
    DockerNetworkPolicyStatus status = new DockerNetworkPolicyStatus();
    status.setContainers(coverage == null ? null : coverage.containers());
    status.setRules(coverage == null ? null : coverage.rules());
    Long generation = policy.getMetadata().getGeneration();
    Conditions c = Conditions.from(before == null ? List.of() : before.getConditions(), generation);
    if (reason.equals(ENFORCED)) {
      c.readyWhenClean(reason, message);
    } else {
      c.problem(reason, message);
    }
    status.setConditions(c.build());
    status.setObservedGeneration(generation);
    if (Conditions.differs(before, status)) {
      if (!reason.equals(ENFORCED)) {
        op.events().warning(policy, reason, message);
      }
      op.statusWriter().write(policy, status);
    }
    return UpdateControl.noUpdate();
  }
}
