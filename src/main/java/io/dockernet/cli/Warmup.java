package io.dockernet.cli;

import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineConfig;
import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.validate.Validator;
import java.util.Set;

/**
 * The one-time set-up a short command pays before its first real work, started on another core
 * while the main thread builds and parses the command line with picocli. A start is spent in the
 * interpreter doing things once: Jackson's static set-up and its deserializers for the API classes,
 * SnakeYAML, the validation rules, httpclient5's client (the public-suffix list its host-name
 * verifier loads). Doing the same work here first means the main thread finds classes initialised
 * and caches filled. Nothing here reads the user's files or reaches an engine; any failure only
 * means the main thread does the work itself.
 */
final class Warmup {
  private Warmup() {}

  private static final Set<String> READ_MANIFESTS = Set.of("apply", "plan", "delete", "validate");
  private static final Set<String> CALL_ENGINE =
      Set.of("apply", "plan", "delete", "get", "version", "export");

  /** Manifests of each kind the short commands read most, valid, with a container to attach. */
  static final String MANIFESTS =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: DockerNetwork
      metadata:
        name: alpine-net
      spec:
        driver: bridge
        ipam:
          config:
            - subnet: 10.90.0.0/24
              gateway: 10.90.0.1
      ---
      apiVersion: dockernet.io/v1alpha1
      kind: NetworkAttachment
      metadata:
        name: alpine1
      spec:
        network: alpine-net
        container: alpine1
        aliases: [web]
        detachFrom: [bridge]
      ---
      apiVersion: dockernet.io/v1alpha1
      kind: NetworkAttachment
      metadata:
        name: alpine2
      spec:
        network: alpine-net
        container: alpine2
      """;

  /** Starts the warm-up for the subcommand {@code args} name, if it is a short one that has any. */
  static void start(String[] args) {
    String named = Main.named(args);
    boolean manifests = READ_MANIFESTS.contains(named);
    boolean engine = CALL_ENGINE.contains(named);
    if (!manifests && !engine) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                // In the order the commands need them: every manifest command reads and checks
                // its files before it touches the engine.
                if (manifests) {
                  manifests();
                }
                if (engine) {
                  engineClient();
                }
              } catch (RuntimeException | LinkageError e) {
                // Only lost time: the command does the same work on its own thread.
              }
            },
            "dockernet-warmup");
    thread.setDaemon(true); // never keeps the JVM alive once the command is done
    thread.start();
  }

  /** YAML, Jackson's binding of the API classes and the validation rules, on {@link #MANIFESTS}. */
  static LoadResult manifests() {
    LoadResult loaded = ManifestLoader.loadString("warm-up", MANIFESTS);
    Validator.validate(loaded.manifests());
    return loaded;
  }

  /** An engine client built and closed without a connection (a unix socket nobody listens on). */
  static void engineClient() {
    new DockerJavaGateway(EngineConfig.forHost("unix:///nonexistent/dockernet-warmup.sock"))
        .close();
  }
}
