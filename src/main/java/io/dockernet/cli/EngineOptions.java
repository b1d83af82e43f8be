package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineConfig;
import picocli.CommandLine.Option;

/**
 * The engine a command talks to, declared once for every command that has one (the operator's is
 * its default engine), chosen as the docker CLI chooses: {@code --host}, {@code --context},
 * DOCKER_HOST (with DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), DOCKER_CONTEXT, the current context.
 */
final class EngineOptions {

  @Option(
      names = {"-H", "--host"},
      paramLabel = "URL",
      description =
          "Engine endpoint, unix:///var/run/docker.sock or tcp://HOST:PORT (default: --context, $DOCKER_HOST,"
              + " $DOCKER_CONTEXT, the docker CLI's current context, else the local socket).")
  String host;

  @Option(
      names = {"-c", "--context"},
      paramLabel = "NAME",
      description =
          "docker context to use: its endpoint and TLS material, from the docker CLI's store ($DOCKER_CONFIG, else ~/.docker).")
  String context;

  @Option(
      names = "--allow-insecure-tcp",
      description =
          "Allow tcp:// without TLS. Anyone who can reach that port is root on the engine's host.")
  boolean allowInsecure;

  @Option(
      names = "--stats",
      hidden = true,
      description =
          "On exit, print the engine API calls made, by kind, to stderr as one JSON line (for benchmarks).")
  boolean stats;

  /** The engine these options (and the environment) name; nothing is contacted. */
  EngineConfig config() {
    return DockerContexts.of(System.getenv())
        .resolve(host, context, System.getenv())
        .withAllowInsecure(allowInsecure);
  }

  DockerGateway connect() {
    return connect(config());
  }

  /** A gateway to {@code config} (another engine than these options name: a DockerHost's). */
  DockerGateway connect(EngineConfig config) {
    DockerJavaGateway gateway = new DockerJavaGateway(config);
    endpointCacheFile(config).ifPresent(gateway::persistEndpointCache);
    if (stats) {
      // At exit rather than at close: watch and every command then report the same way.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      System.err.println(
                          "dockernet-stats: " + statsJson(gateway.calls().snapshot())),
                  "dockernet-stats"));
    }
    return gateway;
  }

  /** Kinds are fixed identifiers ("networks.create", ...), so no escaping is needed. */
  private static String statsJson(java.util.Map<String, Long> calls) {
    StringBuilder s = new StringBuilder("{");
    calls.forEach(
        (kind, n) ->
            s.append(s.length() > 1 ? "," : "").append('"').append(kind).append("\":").append(n));
    return s.append('}').toString();
  }

  /**
   * ${XDG_CACHE_HOME:-~/.cache}/dockernet/endpoints-HASH.json, one per engine: a re-apply on an
   * unchanged engine then inspects no container. DOCKERNET_ENDPOINT_CACHE=0 turns it off.
   */
  private static java.util.Optional<java.nio.file.Path> endpointCacheFile(EngineConfig config) {
    java.util.Map<String, String> env = System.getenv();
    if ("0".equals(env.get("DOCKERNET_ENDPOINT_CACHE"))) {
      return java.util.Optional.empty();
    }
    String base = env.get("XDG_CACHE_HOME");
    if (base == null || base.isBlank()) {
      String home = System.getProperty("user.home");
      if (home == null || home.isBlank() || "?".equals(home)) {
        return java.util.Optional.empty();
      }
      base = java.nio.file.Path.of(home, ".cache").toString();
    }
    String engine = Integer.toHexString(config.host().hashCode());
    return java.util.Optional.of(
        java.nio.file.Path.of(base, "dockernet", "endpoints-" + engine + ".json"));
  }
}
