package io.dockernet.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** Rules every resource shares: Kubernetes names, since the same manifests go to kubectl. */
final class CommonRules {
  private CommonRules() {}

  static void metadata(Report report, HasMetadata r, boolean namespaced) {
    ObjectMeta meta = r.getMetadata();
    String name = meta == null ? null : meta.getName();
    if (name == null || name.isEmpty()) {
      report.add(r, "metadata.name", "required: every resource needs a name");
    } else if (!Names.dns1123Subdomain(name)) {
      report.add(
          r,
          "metadata.name",
          Names.quote(name)
              + " is not a valid metadata.name: "
              + Names.subdomainRule()
              + (r.getKind().equals("DockerNetwork")
                  ? "; set spec.name for a Docker name that does not fit"
                  : ""));
    }
    String namespace = meta == null ? null : meta.getNamespace();
    if (namespaced && namespace != null && !namespace.isEmpty() && !Names.dns1123Label(namespace)) {
      report.add(
          r,
          "metadata.namespace",
          Names.quote(namespace)
              + " is not a valid namespace: lowercase letters, "
              + "digits and '-', starting and ending with a letter or digit, at most 63 characters (RFC 1123 label)");
    }
  }
}
