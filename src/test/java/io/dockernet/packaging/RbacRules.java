package io.dockernet.packaging;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The grants of the operator's ClusterRole (any namespace) and Role (its own namespace only), and
 * the two checks the issue asks for: nothing a request needs is missing, nothing granted is unused.
 */
final class RbacRules {
  /** {@code verb group/resource}: granted everywhere. */
  final Set<String> cluster = new TreeSet<>();

  /** Granted only in {@link #ownNamespace}. */
  final Set<String> own = new TreeSet<>();

  final String ownNamespace;

  private RbacRules(String ownNamespace) {
    this.ownNamespace = ownNamespace;
  }

  static RbacRules of(Path rbacYaml) {
    try {
      return of(StrictK8s.parseAll(Files.readString(rbacYaml)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RbacRules of(List<HasMetadata> objects) {
    Role role = StrictK8s.one(objects, Role.class);
    RbacRules rules = new RbacRules(role.getMetadata().getNamespace());
    expand(StrictK8s.one(objects, ClusterRole.class).getRules(), rules.cluster);
    expand(role.getRules(), rules.own);
    return rules;
  }

  private static void expand(List<PolicyRule> rules, Set<String> into) {
    for (PolicyRule r : rules) {
      if (!r.getResourceNames().isEmpty() || !r.getNonResourceURLs().isEmpty()) {
        throw new AssertionError("unexpected rule shape: " + r);
      }
      for (String g : r.getApiGroups()) {
        for (String res : r.getResources()) {
          for (String v : r.getVerbs()) {
            if (v.equals("*") || res.equals("*") || g.equals("*")) {
              throw new AssertionError("wildcard in rule " + r + ": not least privilege");
            }
            into.add(v + " " + (g.isEmpty() ? "core" : g) + "/" + res);
          }
        }
      }
    }
  }

  /** The requests (as "line -> grant") that no rule allows. */
  List<String> missing(Collection<String> requestLines) {
    List<String> missing = new ArrayList<>();
    for (String line : requestLines) {
      Permission.parse(line)
          .ifPresent(
              p -> {
                boolean ok =
                    cluster.contains(p.grant())
                        || (ownNamespace.equals(p.namespace()) && own.contains(p.grant()));
                if (!ok) {
                  missing.add(
                      line
                          + "  needs  "
                          + p.grant()
                          + (p.namespace() == null ? "" : " in " + p.namespace()));
                }
              });
    }
    return missing.stream().distinct().toList();
  }

  /** Grants no request used (Role grants count only when used in the own namespace). */
  List<String> unused(Collection<String> requestLines) {
    Set<String> usedAnywhere = new TreeSet<>();
    Set<String> usedInOwn = new TreeSet<>();
    for (String line : requestLines) {
      Permission.parse(line)
          .ifPresent(
              p -> {
                usedAnywhere.add(p.grant());
                if (ownNamespace.equals(p.namespace())) {
                  usedInOwn.add(p.grant());
                }
              });
    }
    List<String> unused = new ArrayList<>();
    cluster.stream()
        .filter(g -> !usedAnywhere.contains(g))
        .forEach(g -> unused.add("ClusterRole: " + g));
    own.stream()
        .filter(g -> !usedInOwn.contains(g))
        .forEach(g -> unused.add("Role in " + ownNamespace + ": " + g));
    return unused;
  }
}
