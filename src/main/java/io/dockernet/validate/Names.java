package io.dockernet.validate;

import java.util.Set;
import java.util.regex.Pattern;

/** Name rules of Kubernetes and Docker, with the words to explain them. */
final class Names {
  /** Docker's rule for container names; dockernet applies it to network names too. */
  static final Pattern DOCKER_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");

  /** Docker's validContainerNamePattern: at least two characters, optional leading slash. */
  static final Pattern CONTAINER = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

  private static final Pattern DNS_1123_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /**
   * Host-name labels as Docker's embedded DNS resolves them (underscores included, as compose
   * uses).
   */
  private static final Pattern ALIAS_LABEL =
      Pattern.compile("^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$");

  static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  private Names() {}

  static boolean dns1123Subdomain(String s) {
    return s.length() <= 253 && DNS_1123_SUBDOMAIN.matcher(s).matches();
  }

  static boolean dns1123Label(String s) {
    return s.length() <= 63 && DNS_1123_LABEL.matcher(s).matches();
  }

  static boolean alias(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (label.length() > 63 || !ALIAS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  static String subdomainRule() {
    return "Kubernetes names must be lowercase letters, digits, '-' and '.', start and end with a letter or digit, "
        + "at most 253 characters (RFC 1123 subdomain)";
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }
}
