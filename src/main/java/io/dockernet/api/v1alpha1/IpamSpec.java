package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * IP address management of a network (docker network create --ipam-driver/--ipam-opt/--subnet...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IpamSpec {

  @JsonPropertyDescription("IPAM driver. Empty means Docker's default.")
  private String driver;

  @JsonPropertyDescription("IPAM driver options.")
  private Map<String, String> options;

  @JsonPropertyDescription("Address pools: one entry per subnet (IPv4 and/or IPv6).")
  private List<IpamConfig> config;

  public String getDriver() {
    return driver;
  }

  public void setDriver(String driver) {
    this.driver = driver;
  }

  public Map<String, String> getOptions() {
    return options;
  }

  public void setOptions(Map<String, String> options) {
    this.options = options;
  }

  public List<IpamConfig> getConfig() {
    return config;
  }

  public void setConfig(List<IpamConfig> config) {
    this.config = config;
  }
}
