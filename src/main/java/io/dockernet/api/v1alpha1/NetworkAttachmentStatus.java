package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The endpoints a NetworkAttachment really has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkAttachmentStatus {

  @JsonPropertyDescription("One endpoint per matched container.")
  private List<EndpointStatus> endpoints = new ArrayList<>();

  @JsonPropertyDescription("Number of endpoints (the Endpoints printer column).")
  private Integer endpointCount;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Standard conditions; Ready tells whether every matched container is attached as specified.")
  private List<Condition> conditions = new ArrayList<>();

  public List<EndpointStatus> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<EndpointStatus> endpoints) {
    this.endpoints = endpoints;
  }

  public Integer getEndpointCount() {
    return endpointCount;
  }

  public void setEndpointCount(Integer endpointCount) {
    this.endpointCount = endpointCount;
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
