package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The ranges a pool hands out, the size of each block, and where blocks must be unique. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubnetPoolSpec {

  @JsonPropertyDescription(
      "Ranges in CIDR form from which subnets are allocated, all IPv4 or all IPv6, e.g. 10.100.0.0/16.")
  @Required
  private List<String> cidrs;

  @JsonPropertyDescription(
      "Prefix length of each allocated subnet. Default 24 for IPv4 pools, 64 for IPv6 pools.")
  @Min(1)
  @Max(128)
  private Integer prefixLength;

  @JsonPropertyDescription(
      "Ranges in CIDR form that are never handed out (e.g. a VPN or the office LAN inside cidrs).")
  private List<String> exclude;

  @JsonPropertyDescription(
      "Which DockerHosts this pool serves (operator). Empty means every host. The CLI ignores it: it serves its one engine.")
  private HostSelector hostSelector;

  @JsonPropertyDescription(
      "PerHost (default): a block is unique on each engine. Fleet: unique across every host the pool serves, "
          + "for hosts that route to each other.")
  private PoolAllocationMode allocation;

  public List<String> getCidrs() {
    return cidrs;
  }

  public void setCidrs(List<String> cidrs) {
    this.cidrs = cidrs;
  }

  public Integer getPrefixLength() {
    return prefixLength;
  }

  public void setPrefixLength(Integer prefixLength) {
    this.prefixLength = prefixLength;
  }

  public List<String> getExclude() {
    return exclude;
  }

  public void setExclude(List<String> exclude) {
    this.exclude = exclude;
  }

  public HostSelector getHostSelector() {
    return hostSelector;
  }

  public void setHostSelector(HostSelector hostSelector) {
    this.hostSelector = hostSelector;
  }

  public PoolAllocationMode getAllocation() {
    return allocation;
  }

  public void setAllocation(PoolAllocationMode allocation) {
    this.allocation = allocation;
  }
}
