package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A protocol and an optional port or port range. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyPort {

  @JsonPropertyDescription("tcp (default), udp or icmp (ICMPv6 for IPv6).")
  private String protocol;

  @JsonPropertyDescription(
      "Destination port, 1-65535 (tcp/udp only). Absent: every port of the protocol.")
  private Integer port;

  @JsonPropertyDescription("Last port of a range starting at port (inclusive).")
  private Integer endPort;

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getEndPort() {
    return endPort;
  }

  public void setEndPort(Integer endPort) {
    this.endPort = endPort;
  }
}
