package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * Kubernetes NetworkPolicy's model for the containers of one Docker network: a container selected
 * for a direction accepts (sends) only what some policy allows in that direction; replies always
 * pass.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DockerNetworkPolicySpec {

  @JsonPropertyDescription(
      "Docker network whose containers this policy protects: a DockerNetwork of this namespace, or an existing network.")
  @Required
  private String network;

  @JsonPropertyDescription(
      "Which containers on the network it applies to, by Docker labels; absent or empty: all of them (including ones started later).")
  private ContainerSelector containerSelector;

  @JsonPropertyDescription(
      "Directions this policy governs: Ingress, Egress. Default as in Kubernetes: Ingress, plus Egress when egress rules are given.")
  private List<String> policyTypes;

  @JsonPropertyDescription(
      "Allowed incoming traffic; an empty list (with Ingress in policyTypes) allows none.")
  private List<PolicyIngressRule> ingress;

  @JsonPropertyDescription(
      "Allowed outgoing traffic; an empty list (with Egress in policyTypes) allows none.")
  private List<PolicyEgressRule> egress;

  @JsonPropertyDescription(
      "Name of the DockerHost whose engine runs the network. Empty means the default engine.")
  private String host;

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public ContainerSelector getContainerSelector() {
    return containerSelector;
  }

  public void setContainerSelector(ContainerSelector containerSelector) {
    this.containerSelector = containerSelector;
  }

  public List<String> getPolicyTypes() {
    return policyTypes;
  }

  public void setPolicyTypes(List<String> policyTypes) {
    this.policyTypes = policyTypes;
  }

  public List<PolicyIngressRule> getIngress() {
    return ingress;
  }

  public void setIngress(List<PolicyIngressRule> ingress) {
    this.ingress = ingress;
  }

  public List<PolicyEgressRule> getEgress() {
    return egress;
  }

  public void setEgress(List<PolicyEgressRule> egress) {
    this.egress = egress;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }
}
