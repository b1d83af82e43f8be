package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Outgoing traffic a policy allows: to any of the peers, on any of the ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyEgressRule {

  @JsonPropertyDescription("Where traffic may go. Absent or empty: anywhere.")
  private List<PolicyPeer> to;

  @JsonPropertyDescription(
      "Destination ports the rule allows. Absent or empty: every port and protocol.")
  private List<PolicyPort> ports;

  public List<PolicyPeer> getTo() {
    return to;
  }

  public void setTo(List<PolicyPeer> to) {
    this.to = to;
  }

  public List<PolicyPort> getPorts() {
    return ports;
  }

  public void setPorts(List<PolicyPort> ports) {
    this.ports = ports;
  }
}
