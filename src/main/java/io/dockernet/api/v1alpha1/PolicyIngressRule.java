package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Incoming traffic a policy allows: from any of the peers, to any of the ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyIngressRule {

  @JsonPropertyDescription("Where traffic may come from. Absent or empty: from anywhere.")
  private List<PolicyPeer> from;

  @JsonPropertyDescription(
      "Ports of the selected containers the rule opens. Absent or empty: every port and protocol.")
  private List<PolicyPort> ports;

  public List<PolicyPeer> getFrom() {
    return from;
  }

  public void setFrom(List<PolicyPeer> from) {
    this.from = from;
  }

  public List<PolicyPort> getPorts() {
    return ports;
  }

  public void setPorts(List<PolicyPort> ports) {
    this.ports = ports;
  }
}
