package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last saw of a Docker engine. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DockerHostStatus {

  @JsonPropertyDescription("Whether the engine answered at the last check.")
  private Boolean reachable;

  @JsonPropertyDescription("Engine version, e.g. 20.10.24.")
  private String engineVersion;

  @JsonPropertyDescription("Engine API version, e.g. 1.41.")
  private String apiVersion;

  @JsonPropertyDescription("Swarm role of the engine: manager, worker or none.")
  private String swarmRole;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Standard conditions; Ready tells whether the engine is reachable and usable.")
  private List<Condition> conditions = new ArrayList<>();

  public Boolean getReachable() {
    return reachable;
  }

  public void setReachable(Boolean reachable) {
    this.reachable = reachable;
  }

  public String getEngineVersion() {
    return engineVersion;
  }

  public void setEngineVersion(String engineVersion) {
    this.engineVersion = engineVersion;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public String getSwarmRole() {
    return swarmRole;
  }

  public void setSwarmRole(String swarmRole) {
    this.swarmRole = swarmRole;
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
