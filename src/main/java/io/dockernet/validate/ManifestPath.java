package io.dockernet.validate;

import java.util.regex.Pattern;

/**
 * Builds the paths that problems carry, e.g. {@code spec.ipam.config[0].subnet} or {@code
 * metadata.labels["app.kubernetes.io/name"]}. The loader indexes documents by these strings and the
 * validator asks the locator with them, so both must build paths here.
 */
public final class ManifestPath {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private ManifestPath() {}

  /** {@code parent.key}, or {@code parent["key"]} when the key has dots, slashes or spaces. */
  public static String field(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }
    String quoted = "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    return (parent == null ? "" : parent) + quoted;
  }

  /** {@code parent[index]}. */
  public static String index(String parent, int index) {
    return (parent == null ? "" : parent) + "[" + index + "]";
  }

  /** The path one level up: {@code a.b[0]} for {@code a.b[0].c}; "" for a top-level field. */
  public static String parent(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    int end = path.length();
    if (path.charAt(end - 1) == ']') {
      // Either [n] or ["key"]: find the matching '[' outside quotes.
      int i = end - 2;
      if (path.charAt(i) == '"') {
        i--;
        while (i >= 1
            && !(path.charAt(i) == '"' && path.charAt(i - 1) == '[' && !escaped(path, i))) {
          i--;
        }
        return i >= 1 ? path.substring(0, i - 1) : "";
      }
      return path.substring(0, path.lastIndexOf('['));
    }
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf(']');
    if (dot > bracket) {
      return path.substring(0, dot);
    }
    return bracket >= 0 ? path.substring(0, bracket + 1) : "";
  }

  private static boolean escaped(String path, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && path.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
