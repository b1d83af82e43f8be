package io.dockernet.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector string ({@code kubectl -l} syntax): {@code k=v}, {@code k==v}, {@code
 * k!=v}, {@code k}, {@code !k}, {@code k in (a,b)}, {@code k notin (a,b)}, comma-separated and all
 * required. Used to decide which DockerHosts belong to this deployment's share.
 */
public final class LabelSelector {
  private static final Pattern SET =
      Pattern.compile("^\\s*([\\w./-]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*$");

  private record Requirement(String key, String op, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (op) {
        case "exists" -> value != null;
        case "!exists" -> value == null;
        case "in" -> value != null && values.contains(value);
        case "notin", "!=" -> value == null || !values.contains(value);
        default -> value != null && values.contains(value);
      };
    }
  }

  private final String text;
  private final List<Requirement> requirements;

  private LabelSelector(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = requirements;
  }

  /** Parses a selector; empty or null selects everything. */
  public static LabelSelector parse(String selector) {
    List<Requirement> result = new ArrayList<>();
    String text = selector == null ? "" : selector.trim();
    for (String part : splitOutsideParentheses(text)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      Matcher set = SET.matcher(p);
      if (set.matches()) {
        Set<String> values =
            Set.copyOf(
                List.of(set.group(3).split("\\s*,\\s*")).stream()
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .toList());
        result.add(new Requirement(set.group(1), set.group(2), values));
      } else if (p.contains("!=")) {
        String[] kv = p.split("!=", 2);
        result.add(new Requirement(kv[0].trim(), "!=", Set.of(kv[1].trim())));
      } else if (p.contains("=")) {
        String[] kv = p.split("==?", 2);
        result.add(new Requirement(kv[0].trim(), "=", Set.of(kv[1].trim())));
      } else if (p.startsWith("!")) {
        result.add(new Requirement(p.substring(1).trim(), "!exists", Set.of()));
      } else if (p.matches("[\\w./-]+")) {
        result.add(new Requirement(p, "exists", Set.of()));
      } else {
        throw new IllegalArgumentException(
            "label selector '" + selector + "': cannot parse '" + p + "'");
      }
    }
    return new LabelSelector(text, List.copyOf(result));
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(r -> r.matches(l));
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<String> splitOutsideParentheses(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '(') depth++;
      if (c == ')') depth--;
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
