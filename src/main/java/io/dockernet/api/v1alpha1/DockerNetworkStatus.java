package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the engine really has for a DockerNetwork. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DockerNetworkStatus {

  @JsonPropertyDescription("Docker network id.")
  private String id;

  @JsonPropertyDescription("Subnets the engine really assigned.")
  private List<String> subnets = new ArrayList<>();

  @JsonPropertyDescription(
      "Subnets allocated from SubnetPools (spec.ipam.config[].pool), with the pool of each.")
  private List<PoolSubnet> poolSubnets;

  @JsonPropertyDescription(
      "Dynamic ranges dockernet set so that containers started without an address never take a"
          + " declared static one (ipRange of each config entry, where computed).")
  private List<String> dynamicRanges;

  @JsonPropertyDescription(
      "Static addresses NetworkAttachments declare on this network, and who they are kept for.")
  private List<ReservedAddress> reservedAddresses;

  @JsonPropertyDescription("Containers on the network, managed by this product or not.")
  private List<EndpointStatus> containers = new ArrayList<>();

  @JsonPropertyDescription("Number of containers on the network (the Containers printer column).")
  private Integer containerCount;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription("Standard conditions; Ready tells whether the engine matches the spec.")
  private List<Condition> conditions = new ArrayList<>();

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public List<String> getSubnets() {
    return subnets;
  }

  public void setSubnets(List<String> subnets) {
    this.subnets = subnets;
  }

  public List<PoolSubnet> getPoolSubnets() {
    return poolSubnets;
  }

  public void setPoolSubnets(List<PoolSubnet> poolSubnets) {
    this.poolSubnets = poolSubnets;
  }

  public List<String> getDynamicRanges() {
    return dynamicRanges;
  }

  public void setDynamicRanges(List<String> dynamicRanges) {
    this.dynamicRanges = dynamicRanges;
  }

  public List<ReservedAddress> getReservedAddresses() {
    return reservedAddresses;
  }

  public void setReservedAddresses(List<ReservedAddress> reservedAddresses) {
    this.reservedAddresses = reservedAddresses;
  }

  public List<EndpointStatus> getContainers() {
    return containers;
  }

  public void setContainers(List<EndpointStatus> containers) {
    this.containers = containers;
  }

  public Integer getContainerCount() {
    return containerCount;
  }

  public void setContainerCount(Integer containerCount) {
    this.containerCount = containerCount;
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
