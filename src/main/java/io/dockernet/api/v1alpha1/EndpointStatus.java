package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** One container's endpoint on one network, as the engine reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointStatus {

  @JsonPropertyDescription("Container name.")
  private String container;

  @JsonPropertyDescription("Container id.")
  private String id;

  @JsonPropertyDescription("Network the endpoint is on.")
  private String network;

  @JsonPropertyDescription("IPv4 address, without prefix length.")
  private String ipv4Address;

  @JsonPropertyDescription("IPv6 address, without prefix length.")
  private String ipv6Address;

  @JsonPropertyDescription("MAC address.")
  private String macAddress;

  @JsonPropertyDescription("Network-scoped aliases.")
  private List<String> aliases;

  @JsonPropertyDescription(
      "Static addresses the endpoint asks for (ipv4Address, ipv6Address): reserved for this"
          + " container on the network, also while it is stopped and has no address.")
  private List<String> reserved;

  @JsonPropertyDescription("Whether this product manages the attachment.")
  private Boolean managed;

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
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

  public String getMacAddress() {
    return macAddress;
  }

  public void setMacAddress(String macAddress) {
    this.macAddress = macAddress;
  }

  public List<String> getReserved() {
    return reserved;
  }

  public void setReserved(List<String> reserved) {
    this.reserved = reserved;
  }

  public List<String> getAliases() {
    return aliases;
  }

  public void setAliases(List<String> aliases) {
    this.aliases = aliases;
  }

  public Boolean getManaged() {
    return managed;
  }

  public void setManaged(Boolean managed) {
    this.managed = managed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointStatus e
        && Objects.equals(container, e.container)
        && Objects.equals(id, e.id)
        && Objects.equals(network, e.network)
        && Objects.equals(ipv4Address, e.ipv4Address)
        && Objects.equals(ipv6Address, e.ipv6Address)
        && Objects.equals(macAddress, e.macAddress)
        && Objects.equals(aliases, e.aliases)
        && Objects.equals(managed, e.managed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(container, id, network, ipv4Address, ipv6Address, macAddress);
  }
}
