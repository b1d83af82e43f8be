package io.dockernet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for a (mock) API server, so that `dockernet operator` runs unchanged against it. */
public final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Writes {@code file} (overwriting) pointing at {@code server} with a placeholder token; {@code
   * namespace} is the context's namespace, or null for the client's default.
   */
  public static Path write(Path file, String server, String namespace) {
    String context =
        namespace == null
            ? "{cluster: mock, user: mock}"
            : "{cluster: mock, user: mock, namespace: " + namespace + "}";
    try {
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
          users: [{name: mock, user: {token: mock}}]
          contexts: [{name: mock, context: %s}]
          current-context: mock
          """
              .formatted(server, context));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
