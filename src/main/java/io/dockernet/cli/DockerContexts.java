package io.dockernet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.engine.EngineConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The docker CLI's contexts, read from its store ({@code $DOCKER_CONFIG}, else {@code ~/.docker}):
 * {@code config.json}'s {@code currentContext}, {@code contexts/meta/<sha256 of the
 * name>/meta.json} for the endpoint, {@code contexts/tls/<sha256>/docker/} for ca.pem, cert.pem and
 * key.pem. docker-java 3.6's {@code DockerContextMetaFile} finds the same files but keeps the
 * endpoint in package-private fields, and its {@code DefaultDockerClientConfig} does not give
 * {@code --host} and {@code --context} the docker CLI's precedence, so the few lines of reading are
 * here.
 */
final class DockerContexts {
  /** The context that stands for DOCKER_HOST and the local socket; it is never in the store. */
  static final String DEFAULT = "default";

  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

  private final Path configDir;

  DockerContexts(Path configDir) {
    this.configDir = configDir;
  }

  static DockerContexts of(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    return new DockerContexts(
        dir == null || dir.isEmpty()
            ? Path.of(System.getProperty("user.home"), ".docker")
            : Path.of(dir));
  }

  /**
   * The engine as the docker CLI chooses it: {@code --host}, else {@code --context}, else
   * DOCKER_HOST, else DOCKER_CONTEXT, else the store's current context, else the local socket. Both
   * flags at once are refused, as the docker CLI does.
   */
  EngineConfig resolve(String hostFlag, String contextFlag, Map<String, String> env) {
    if (present(hostFlag) && present(contextFlag)) {
      throw new IllegalArgumentException(
          "conflicting options: give either --host or --context, not both");
    }
    if (present(hostFlag)) {
      return EngineConfig.fromEnvironment(hostFlag, env);
    }
    if (present(contextFlag)) {
      return context(contextFlag, env);
    }
    if (present(env.get("DOCKER_HOST"))) {
      return EngineConfig.fromEnvironment(null, env);
    }
    String name =
        present(env.get("DOCKER_CONTEXT"))
            ? env.get("DOCKER_CONTEXT")
            : currentContext().orElse(DEFAULT);
    return context(name, env);
  }

  /** A named context's endpoint and TLS material; "default" is DOCKER_HOST's. */
  EngineConfig context(String name, Map<String, String> env) {
    if (name.equals(DEFAULT)) {
      return EngineConfig.fromEnvironment(null, env);
    }
    Path meta =
        configDir.resolve("contexts").resolve("meta").resolve(hash(name)).resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      throw new IllegalArgumentException(
          "docker context \""
              + name
              + "\" does not exist in "
              + configDir
              + " (docker context ls lists them; DOCKER_CONFIG chooses another store)");
    }
    String host = read(meta).path("Endpoints").path("docker").path("Host").asText("");
    if (host.isEmpty()) {
      throw new IllegalArgumentException(
          "docker context \"" + name + "\" (" + meta + ") has no docker endpoint");
    }
    return EngineConfig.forHost(host).withTls(tls(name).orElse(null));
  }

  /** The TLS directory a context of this name stores, when it has all three files. */
  Optional<Path> tls(String name) {
    Path dir = configDir.resolve("contexts").resolve("tls").resolve(hash(name)).resolve("docker");
    return TLS_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))
        ? Optional.of(dir)
        : Optional.empty();
  }

  private Optional<String> currentContext() {
    Path config = configDir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    String current = read(config).path("currentContext").asText("");
    return current.isEmpty() ? Optional.empty() : Optional.of(current);
  }

  private static JsonNode read(Path file) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String hash(String name) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }
}
