package io.dockernet.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Words for messages: what a value is, what was expected, and the likely intended name. */
final class Describe {
  private Describe() {}

  /**
   * "the string \"yes\"", "the number 5", "12:30, which YAML reads as the number 750", "a list"...
   */
  static String node(JsonNode node, DocumentIndex.Entry entry) {
    String source = entry == null ? null : entry.scalarText();
    if (node == null || node.isNull()) {
      return "an empty value";
    }
    if (node.isTextual()) {
      return "the string \"" + shorten(node.asText()) + "\"";
    }
    if (node.isBoolean()) {
      return source != null && !source.equals(node.asText())
          ? source + ", which YAML reads as the boolean " + node.asText()
          : "the boolean " + node.asText();
    }
    if (node.isNumber()) {
      return source != null && !source.equals(node.asText())
          ? source + ", which YAML reads as the number " + node.asText()
          : "the number " + node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "a " + node.getNodeType().toString().toLowerCase();
  }

  /** A hint that fixes the common cases: quoting a number meant as text, unquoting a boolean. */
  static String hint(JsonNode node, DocumentIndex.Entry entry, String expected) {
    String source =
        entry == null || entry.scalarText() == null
            ? (node == null ? "" : node.asText())
            : entry.scalarText();
    if (expected.startsWith("a string") && node != null && (node.isNumber() || node.isBoolean())) {
      return "; quote it (\"" + source + "\") to make it a string";
    }
    if (expected.equals("true or false") && node != null && node.isTextual()) {
      return "; write true or false without quotes";
    }
    if (expected.startsWith("an integer")
        && node != null
        && node.isTextual()
        && node.asText().matches("-?\\d+")) {
      return "; write the number without quotes";
    }
    return "";
  }

  static String expected(Class<?> target) {
    if (target == null) {
      return "a different type";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == Integer.class || target == int.class) {
      return "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
    }
    if (target == Long.class || target == long.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(target)) {
      return "a number";
    }
    if (target.isEnum()) {
      return "one of "
          + Arrays.stream(target.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(target)) {
      return "a mapping";
    }
    return "a mapping";
  }

  /** The candidate within edit distance 2 (or differing only in case), if any. */
  static String closest(String name, List<String> candidates) {
    if (name == null) {
      return null;
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equalsIgnoreCase(name)) {
        return candidate;
      }
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.min(2, Math.max(1, name.length() / 3)) ? best : null;
  }

  /** Edit distance counting a swap of neighbours as one edit ("sepc" is one edit from "spec"). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
