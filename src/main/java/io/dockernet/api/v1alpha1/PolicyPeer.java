package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The other end of allowed traffic: exactly one of containerSelector, network and cidr. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.containerSelector) ? 1 : 0) + (has(self.network) ? 1 : 0) + (has(self.cidr) ? 1 : 0) == 1",
    message = "exactly one of containerSelector, network and cidr must be set")
public class PolicyPeer {

  @JsonPropertyDescription(
      "Containers on the policy's own network, by Docker labels; empty matchLabels: all of them.")
  private ContainerSelector containerSelector;

  @JsonPropertyDescription(
      "Every container on another Docker network (by its subnets). In ingress this opens a path that Docker's isolation between networks closes.")
  private String network;

  @JsonPropertyDescription("An IPv4 or IPv6 CIDR, e.g. 192.0.2.0/24 or 2001:db8::/64.")
  private String cidr;

  public ContainerSelector getContainerSelector() {
    return containerSelector;
  }

  public void setContainerSelector(ContainerSelector containerSelector) {
    this.containerSelector = containerSelector;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public String getCidr() {
    return cidr;
  }

  public void setCidr(String cidr) {
    this.cidr = cidr;
  }
}
