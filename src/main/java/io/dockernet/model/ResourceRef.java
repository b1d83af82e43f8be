package io.dockernet.model;

/** Names one desired resource (a DockerNetwork or NetworkAttachment) in messages and results. */
public record ResourceRef(String kind, String namespace, String name) {

  public static final String DEFAULT_NAMESPACE = "default";

  /** The owner key written into labels: {@code namespace/name}. */
  public String key() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind + " " + key();
  }
}
