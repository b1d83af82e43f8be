package io.dockernet.validate;

/**
 * One thing wrong with the input, located: {@code file:line:column: path: message} for manifests,
 * {@code path: message} for resources that came from the Kubernetes API (no file).
 *
 * @param path where in the document, e.g. {@code spec.ipam.config[0].gateway}
 */
public record Problem(Location location, String path, String message) {
  @Override
  public String toString() {
    String where = path == null || path.isEmpty() ? "" : path + ": ";
    return location == null ? where + message : location + ": " + where + message;
  }
}
