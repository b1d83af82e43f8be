package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A subnet a network holds from a SubnetPool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PoolSubnet {

  @JsonPropertyDescription("The SubnetPool.")
  private String pool;

  @JsonPropertyDescription("The subnet allocated from it.")
  private String subnet;

  public PoolSubnet() {}

  public PoolSubnet(String pool, String subnet) {
    this.pool = pool;
    this.subnet = subnet;
  }

  public String getPool() {
    return pool;
  }

  public void setPool(String pool) {
    this.pool = pool;
  }

  public String getSubnet() {
    return subnet;
  }

  public void setSubnet(String subnet) {
    this.subnet = subnet;
  }
}
