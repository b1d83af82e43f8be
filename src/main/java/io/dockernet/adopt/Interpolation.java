package io.dockernet.adopt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compose's variable substitution: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or
 * empty), {@code ${VAR-default}} (unset), {@code ${VAR:?error}} / {@code ${VAR?error}}, and {@code
 * $$} for a literal {@code $}. Unset variables without a default become empty strings.
 */
final class Interpolation {
  private final Map<String, String> env;

  Interpolation(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * @throws IllegalArgumentException for an unterminated ${...} or a required variable that is
   *     unset
   */
  String apply(String text) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 >= text.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '{') {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(
              "invalid interpolation: " + text.substring(i) + " has no closing }");
        }
        out.append(braced(text.substring(i + 2, end)));
        i = end + 1;
      } else if (Character.isLetter(next) || next == '_') {
        int end = i + 1;
        while (end < text.length()
            && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        out.append(env.getOrDefault(text.substring(i + 1, end), ""));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String braced(String expr) {
    int op = 0;
    while (op < expr.length()
        && (Character.isLetterOrDigit(expr.charAt(op)) || expr.charAt(op) == '_')) {
      op++;
    }
    String name = expr.substring(0, op);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("invalid interpolation: ${" + expr + "}");
    }
    String rest = expr.substring(op);
    String value = env.get(name);
    boolean colon = rest.startsWith(":");
    String tail = colon ? rest.substring(1) : rest;
    boolean missing = value == null || (colon && value.isEmpty());
    if (rest.isEmpty()) {
      return value == null ? "" : value;
    }
    if (tail.startsWith("-")) {
      return missing ? apply(tail.substring(1)) : value;
    }
    if (tail.startsWith("?")) {
      if (missing) {
        String message = tail.substring(1);
        throw new IllegalArgumentException(
            "required variable "
                + name
                + " is missing a value"
                + (message.isEmpty() ? "" : ": " + message));
      }
      return value;
    }
    throw new IllegalArgumentException("invalid interpolation: ${" + expr + "}");
  }

  /** A {@code .env} file: KEY=VALUE lines, # comments, optional {@code export} and quotes. */
  static Map<String, String> dotEnv(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      } else {
        int comment = value.indexOf(" #");
        if (comment >= 0) {
          value = value.substring(0, comment).strip();
        }
      }
      vars.put(key, value);
    }
    return vars;
  }
}
