package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** One address pool of a network. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IpamConfig {

  @JsonPropertyDescription("Subnet in CIDR form, IPv4 or IPv6, e.g. 10.20.0.0/24.")
  private String subnet;

  @JsonPropertyDescription(
      "Name of a SubnetPool to allocate the subnet from, instead of subnet (exactly one of the two). "
          + "With a pool, ipRange, gateway and auxAddresses are not allowed: the engine picks the gateway (the first address).")
  private String pool;

  @JsonPropertyDescription(
      "Sub-range of the subnet, in CIDR form, from which container addresses are allocated.")
  private String ipRange;

  @JsonPropertyDescription("Gateway address inside the subnet.")
  private String gateway;

  @JsonPropertyDescription("Addresses the IPAM driver must not hand out, by host name.")
  private Map<String, String> auxAddresses;

  public String getSubnet() {
    return subnet;
  }

  public void setSubnet(String subnet) {
    this.subnet = subnet;
  }

  public String getPool() {
    return pool;
  }

  public void setPool(String pool) {
    this.pool = pool;
  }

  public String getIpRange() {
    return ipRange;
  }

  public void setIpRange(String ipRange) {
    this.ipRange = ipRange;
  }

  public String getGateway() {
    return gateway;
  }

  public void setGateway(String gateway) {
    this.gateway = gateway;
  }

  public Map<String, String> getAuxAddresses() {
    return auxAddresses;
  }

  public void setAuxAddresses(Map<String, String> auxAddresses) {
    this.auxAddresses = auxAddresses;
  }
}
