package io.dockernet.plan;

import java.util.Set;

/**
 * What the engine fills in by itself, which the planner never counts as a difference ({@link
 * NetworkDiff}); export leaves it out so that exported manifests say only what a user would have
 * written.
 */
public final class EngineDefaults {
  /**
   * Option keys engines add on their own (newer engines echo the IPv4/IPv6 switches as options).
   */
  public static final Set<String> NETWORK_OPTIONS =
      Set.of("com.docker.network.enable_ipv4", "com.docker.network.enable_ipv6");

  public static final String IPAM_DRIVER = "default";
  public static final String SCOPE = "local";

  /**
   * The driver the engine reports for every configuration-only network, whatever it was created
   * with.
   */
  public static final String CONFIG_ONLY_DRIVER = "null";

  private EngineDefaults() {}

  public static boolean isConfigOnlyDriver(io.dockernet.model.NetworkConfig observed) {
    return observed.configOnly() && CONFIG_ONLY_DRIVER.equals(observed.driver());
  }

  public static boolean isDefaultIpamDriver(String driver) {
    return driver == null || driver.isEmpty() || IPAM_DRIVER.equals(driver);
  }

  public static boolean isDefaultScope(String scope) {
    return scope == null || scope.isEmpty() || SCOPE.equals(scope);
  }

  /** IPv4 is on unless the engine says it is off (engines before API 1.47 do not say). */
  public static boolean isDefaultEnableIPv4(Boolean enableIPv4) {
    return enableIPv4 == null || enableIPv4;
  }
}
