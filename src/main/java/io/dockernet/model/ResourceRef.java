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

  // Written out rather than generated: every plan and report keys maps by ResourceRef, and the
  // generated methods run through method handles that a short command interprets.
  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceRef r
        && java.util.Objects.equals(kind, r.kind)
        && java.util.Objects.equals(namespace, r.namespace)
        && java.util.Objects.equals(name, r.name);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, namespace, name);
  }
}
