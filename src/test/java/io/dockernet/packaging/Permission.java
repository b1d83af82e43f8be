package io.dockernet.packaging;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What RBAC checks for one API request: verb, API group, resource (with subresource) and namespace
 * ({@code null} for cluster-scoped). Parsed from a recorded {@code METHOD /path?query} line the way
 * the API server's request-info resolver does it.
 *
 * <p>Requests every authenticated user may send (discovery, {@code /version}, and self-subject
 * reviews, which JOSDK posts for leader election) need no rule and parse to empty.
 */
record Permission(String verb, String group, String resource, String namespace) {

  /**
   * {@code verb group/resource}, the unit rules grant, e.g. {@code patch
   * dockernet.io/dockernetworks/status}.
   */
  String grant() {
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
  }

  static Optional<Permission> parse(String line) {
    String[] parts = line.strip().split(" ", 2);
    URI uri = URI.create(parts[1]);
    String method = parts[0];
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    List<String> seg = List.of(uri.getPath().replaceAll("^/+|/+$", "").split("/"));
    String group;
    int i;
    if (seg.get(0).equals("api") && seg.size() >= 2) {
      group = "";
      i = 2;
    } else if (seg.get(0).equals("apis") && seg.size() >= 3) {
      group = seg.get(1);
      i = 3;
    } else {
      return Optional.empty(); // /version, /healthz, discovery
    }
    if (seg.size() <= i) {
      return Optional.empty(); // discovery of a group version
    }
    String namespace = null;
    if (seg.get(i).equals("namespaces") && seg.size() > i + 2) {
      namespace = seg.get(i + 1);
      i += 2;
    }
    String resource = seg.get(i);
    String name = seg.size() > i + 1 ? seg.get(i + 1) : null;
    String sub = seg.size() > i + 2 ? seg.get(i + 2) : null;
    if (group.equals("authorization.k8s.io") && resource.startsWith("selfsubject")) {
      return Optional.empty(); // allowed to every authenticated user (system:basic-user)
    }
    boolean watch = query.matches("(^|.*&)watch=(true|1)(&.*|$)");
    String verb =
        switch (method) {
          case "GET" -> watch ? "watch" : name == null ? "list" : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name == null ? "deletecollection" : "delete";
          default -> throw new IllegalArgumentException("unexpected method in " + line);
        };
    return Optional.of(
        new Permission(verb, group, sub == null ? resource : resource + "/" + sub, namespace));
  }
}
