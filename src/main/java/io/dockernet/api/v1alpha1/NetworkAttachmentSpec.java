package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Desired endpoints: which containers join which network, with what settings (docker network
 * connect).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.container) != has(self.containerSelector)",
    message = "exactly one of container and containerSelector must be set")
public class NetworkAttachmentSpec {

  @JsonPropertyDescription(
      "Docker network name: one declared by a DockerNetwork, or an existing network such as bridge.")
  @Required
  private String network;

  @JsonPropertyDescription("Container name or id. Exactly one of container and containerSelector.")
  private String container;

  @JsonPropertyDescription(
      "Selects containers by Docker labels. Exactly one of container and containerSelector.")
  private ContainerSelector containerSelector;

  @JsonPropertyDescription("Network-scoped aliases (docker network connect --alias).")
  private List<String> aliases;

  @JsonPropertyDescription(
      "Static IPv4 address; the network needs a user-configured subnet containing it.")
  private String ipv4Address;

  @JsonPropertyDescription(
      "Static IPv6 address; the network needs a user-configured subnet containing it.")
  private String ipv6Address;

  @JsonPropertyDescription("Link-local addresses (docker network connect --link-local-ip).")
  @JsonProperty("linkLocalIPs")
  private List<String> linkLocalIPs;

  @JsonPropertyDescription("Legacy links, container:alias (docker network connect --link).")
  private List<String> links;

  @JsonPropertyDescription("Endpoint driver options (docker network connect --driver-opt).")
  private Map<String, String> driverOpts;

  @JsonPropertyDescription("MAC address of the endpoint (engine API 1.44 and later).")
  private String macAddress;

  @JsonPropertyDescription("Gateway priority of the endpoint (engine API 1.48 and later).")
  private Integer gwPriority;

  @JsonPropertyDescription(
      "Networks the selected containers must not be on, e.g. [bridge], for isolation. Containers are disconnected from them.")
  private List<String> detachFrom;

  @JsonPropertyDescription(
      "Name of the DockerHost whose engine runs the containers. Empty means the default engine.")
  private String host;

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  public ContainerSelector getContainerSelector() {
    return containerSelector;
  }

  public void setContainerSelector(ContainerSelector containerSelector) {
    this.containerSelector = containerSelector;
  }

  public List<String> getAliases() {
    return aliases;
  }

  public void setAliases(List<String> aliases) {
    this.aliases = aliases;
  }

  public String getIpv4Address() {
    return ipv4Address;
  }

  public void setIpv4Address(String ipv4Address) {
    this.ipv4Address = ipv4Address;
  }

  public String getIpv6Address() {
    return ipv6Address;
  }

  public void setIpv6Address(String ipv6Address) {
    this.ipv6Address = ipv6Address;
  }

  public List<String> getLinkLocalIPs() {
    return linkLocalIPs;
  }

  public void setLinkLocalIPs(List<String> linkLocalIPs) {
    this.linkLocalIPs = linkLocalIPs;
  }

  public List<String> getLinks() {
    return links;
  }

  public void setLinks(List<String> links) {
    this.links = links;
  }

  public Map<String, String> getDriverOpts() {
    return driverOpts;
  }

  public void setDriverOpts(Map<String, String> driverOpts) {
    this.driverOpts = driverOpts;
  }

  public String getMacAddress() {
    return macAddress;
  }

  public void setMacAddress(String macAddress) {
    this.macAddress = macAddress;
  }

  public Integer getGwPriority() {
    return gwPriority;
  }

  public void setGwPriority(Integer gwPriority) {
    this.gwPriority = gwPriority;
  }

  public List<String> getDetachFrom() {
    return detachFrom;
  }

  public void setDetachFrom(List<String> detachFrom) {
    this.detachFrom = detachFrom;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }
}
