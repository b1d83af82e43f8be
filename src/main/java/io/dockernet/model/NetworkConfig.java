package io.dockernet.model;

import java.util.List;
import java.util.Map;

/**
 * The engine-level settings of a network: what {@code POST /networks/create} takes and what {@code
 * GET /networks/{id}} returns. Desired and observed networks share this type so that the planner
 * can compare them field by field.
 *
 * <p>Nullable Booleans mean "the engine's default"; empty maps/lists mean "none".
 */
public record NetworkConfig(
    String name,
    String driver,
    Map<String, String> options,
    boolean internal,
    boolean attachable,
    boolean ingress,
    boolean enableIPv6,
    Boolean enableIPv4,
    String scope,
    boolean configOnly,
    String configFrom,
    Map<String, String> labels,
    String ipamDriver,
    Map<String, String> ipamOptions,
    List<IpamPool> ipamPools) {

  public NetworkConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    ipamOptions = ipamOptions == null ? Map.of() : Map.copyOf(ipamOptions);
    ipamPools = ipamPools == null ? List.of() : List.copyOf(ipamPools);
  }

  public NetworkConfig withOptions(Map<String, String> options) {
    return new NetworkConfig(
        name,
        driver,
        options,
        internal,
        attachable,
        ingress,
        enableIPv6,
        enableIPv4,
        scope,
        configOnly,
        configFrom,
        labels,
        ipamDriver,
        ipamOptions,
        ipamPools);
  }

  public NetworkConfig withLabels(Map<String, String> labels) {
    return new NetworkConfig(
        name,
        driver,
        options,
        internal,
        attachable,
        ingress,
        enableIPv6,
        enableIPv4,
        scope,
        configOnly,
        configFrom,
        labels,
        ipamDriver,
        ipamOptions,
        ipamPools);
  }

  public NetworkConfig withIpamPools(List<IpamPool> ipamPools) {
    return new NetworkConfig(
        name,
        driver,
        options,
        internal,
        attachable,
        ingress,
        enableIPv6,
        enableIPv4,
        scope,
        configOnly,
        configFrom,
        labels,
        ipamDriver,
        ipamOptions,
        ipamPools);
  }

  /** True when the user configured at least one subnet (static addresses need one). */
  public boolean hasUserSubnet() {
    return ipamPools.stream().anyMatch(p -> p.subnet() != null);
  }
}
