package io.dockernet.model;

/** Who the engine is: versions and swarm role ("manager", "worker" or "none"). */
public record EngineInfo(String engineVersion, String apiVersion, String swarmRole, String name) {

  /** Compares the engine's API version with {@code major.minor}. */
  public boolean apiAtLeast(String version) {
    return compareVersions(apiVersion, version) >= 0;
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
      int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }
}
