package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** How a DockerNetworkPolicy is enforced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DockerNetworkPolicyStatus {

  @JsonPropertyDescription("Containers (endpoints on the network) the policy selects.")
  private Integer containers;

  @JsonPropertyDescription("Netfilter rules installed for this policy (IPv4 and IPv6).")
  private Integer rules;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Standard conditions; Ready tells whether the rules are installed (reasons Enforced, Invalid, PolicyUnsupported, EnforcementFailed).")
  private List<Condition> conditions = new ArrayList<>();

  public Integer getContainers() {
    return containers;
  }

  public void setContainers(Integer containers) {
    this.containers = containers;
  }

  public Integer getRules() {
    return rules;
  }

  public void setRules(Integer rules) {
    this.rules = rules;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
