package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One block a SubnetPool handed out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PoolBlock {

  @JsonPropertyDescription("The DockerNetwork holding the block, namespace/name.")
  private String network;

  @JsonPropertyDescription(
      "The DockerHost the network is on; empty for the operator's default engine.")
  private String host;

  @JsonPropertyDescription("The allocated subnet.")
  private String subnet;

  public PoolBlock() {}

  public PoolBlock(String network, String host, String subnet) {
    this.network = network;
    this.host = host;
    this.subnet = subnet;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getSubnet() {
    return subnet;
  }

  public void setSubnet(String subnet) {
    this.subnet = subnet;
  }
}
