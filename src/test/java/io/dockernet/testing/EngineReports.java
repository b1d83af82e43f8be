package io.dockernet.testing;

import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import java.util.List;

/** Hand-made snapshots: a network as the engine reports it once it has created it. */
public final class EngineReports {
  private EngineReports() {}

  /**
   * What the engine fills in for a network created from {@code c}: IPAM driver "default", scope
   * "local", IPv4 on, no config network; {@code pools} as the engine chose them.
   */
  public static NetworkConfig network(NetworkConfig c, List<IpamPool> pools) {
    return new NetworkConfig(
        c.name(),
        c.driver(),
        c.options(),
        c.internal(),
        c.attachable(),
        c.ingress(),
        c.enableIPv6(),
        c.enableIPv4() == null ? Boolean.TRUE : c.enableIPv4(),
        c.scope() == null ? "local" : c.scope(),
        c.configOnly(),
        c.configFrom() == null ? "" : c.configFrom(),
        c.labels(),
        c.ipamDriver() == null ? "default" : c.ipamDriver(),
        c.ipamOptions(),
        pools);
  }
}
