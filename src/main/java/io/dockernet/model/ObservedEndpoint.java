package io.dockernet.model;

/**
 * A container's endpoint on a network as the engine reports it: the settings it was connected with
 * ({@code config}, including any static addresses) and what it really got.
 */
public record ObservedEndpoint(
    String networkId,
    String networkName,
    String containerId,
    String containerName,
    String endpointId,
    String ipv4Address,
    String ipv6Address,
    String macAddress,
    EndpointConfig config) {

  /** Managed endpoints carry our owner marker in their endpoint driver options. */
  public boolean managed() {
    return config.owner() != null;
  }
}
