package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A static address a NetworkAttachment declares on a network, and who it is kept for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReservedAddress {

  @JsonPropertyDescription("The static address (ipv4Address or ipv6Address of the attachment).")
  private String address;

  @JsonPropertyDescription("The NetworkAttachment declaring it, namespace/name.")
  private String attachment;

  @JsonPropertyDescription(
      "The container it is kept for: the attachment's container, or its selector.")
  private String container;

  @JsonPropertyDescription(
      "Whether the address lies outside the network's dynamic range, so that no container started"
          + " without an address can take it (false: a note in the Ready message says why).")
  private Boolean keptFree;

  public ReservedAddress() {}

  public ReservedAddress(String address, String attachment, String container, Boolean keptFree) {
    this.address = address;
    this.attachment = attachment;
    this.container = container;
    this.keptFree = keptFree;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getAttachment() {
    return attachment;
  }

  public void setAttachment(String attachment) {
    this.attachment = attachment;
  }

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  public Boolean getKeptFree() {
    return keptFree;
  }

  public void setKeptFree(Boolean keptFree) {
    this.keptFree = keptFree;
  }
}
