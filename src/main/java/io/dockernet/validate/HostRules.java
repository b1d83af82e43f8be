package io.dockernet.validate;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import java.util.List;

/** Rules on one DockerHost. */
final class HostRules {
  private final Report report;

  HostRules(Report report) {
    this.report = report;
  }

  void check(DockerHost h) {
    CommonRules.metadata(report, h, false);
    DockerHostSpec spec = h.getSpec() == null ? new DockerHostSpec() : h.getSpec();
    String endpoint = spec.getEndpoint();
    if (endpoint == null || endpoint.isEmpty()) {
      report.add(
          h,
          "spec.endpoint",
          "spec.endpoint is required: unix:///var/run/docker.sock or tcp://host:2376");
    } else if (!endpoint.matches("^(unix|tcp)://.+$")) {
      report.add(
          h,
          "spec.endpoint",
          "endpoint " + Names.quote(endpoint) + " must start with unix:// or tcp://");
    } else if (endpoint.startsWith("tcp://")
        && (spec.getTlsSecretName() == null || spec.getTlsSecretName().isEmpty())
        && !Boolean.TRUE.equals(spec.getAllowInsecure())) {
      report.add(
          h,
          "spec.endpoint",
          "plain tcp:// without TLS gives anyone who can reach the port root on that "
              + "host; set tlsSecretName, or allowInsecure: true if you accept that");
    }
    List<String> namespaces = spec.getAllowedNamespaces();
    if (namespaces != null) {
      for (int i = 0; i < namespaces.size(); i++) {
        String ns = namespaces.get(i);
        if (ns == null || !Names.dns1123Label(ns)) {
          report.add(
              h,
              ManifestPath.index("spec.allowedNamespaces", i),
              Names.quote(String.valueOf(ns)) + " is not a valid namespace name (RFC 1123 label)");
        }
      }
    }
  }
}
