package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What a SubnetPool has handed out, as read back from the engines it serves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubnetPoolStatus {

  @JsonPropertyDescription("Prefix length of each block (spec.prefixLength or its default).")
  private Integer prefixLength;

  @JsonPropertyDescription("Blocks in use: network, host, subnet; sorted by subnet.")
  private List<PoolBlock> allocations = new ArrayList<>();

  @JsonPropertyDescription("Number of blocks in use.")
  private Integer allocatedCount;

  @JsonPropertyDescription(
      "Blocks still free for a new network: not allocated, not excluded, overlapping no network the engines have "
          + "(with PerHost, on the fullest host). Capped at 2^31-1.")
  private Long free;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Standard conditions; Ready tells whether the spec is valid and the pool can be read.")
  private List<Condition> conditions = new ArrayList<>();

  public Integer getPrefixLength() {
    return prefixLength;
  }

  public void setPrefixLength(Integer prefixLength) {
    this.prefixLength = prefixLength;
  }

  public List<PoolBlock> getAllocations() {
    return allocations;
  }

  public void setAllocations(List<PoolBlock> allocations) {
    this.allocations = allocations;
  }

  public Integer getAllocatedCount() {
    return allocatedCount;
  }

  public void setAllocatedCount(Integer allocatedCount) {
    this.allocatedCount = allocatedCount;
  }

  public Long getFree() {
    return free;
  }

  public void setFree(Long free) {
    this.free = free;
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
