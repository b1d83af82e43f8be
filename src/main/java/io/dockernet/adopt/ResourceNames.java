package io.dockernet.adopt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Kubernetes names (RFC 1123 labels, so they also fit where subdomains are asked) for resources
 * made from Docker or Compose names, which allow '_', '.' and capitals. Deterministic: the same
 * inputs in the same order give the same names.
 */
final class ResourceNames {
  static final int MAX = 63;
  private final Set<String> taken = new HashSet<>();

  /** A name not given out before by this instance, made from {@code parts} joined by '-'. */
  String unique(String... parts) {
    String base = of(parts);
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      String suffix = "-" + i;
      name = fit(base, MAX - suffix.length()) + suffix;
    }
    return name;
  }

  /** {@code parts} joined by '-', lowercased, other characters as '-', trimmed, at most 63 long. */
  static String of(String... parts) {
    String joined = String.join("-", parts).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    for (char c : joined.toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (ok) {
        b.append(c);
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
        b.append('-');
      }
    }
    String name = trimDashes(b.toString());
    if (name.isEmpty()) {
      name = "x";
    }
    return name.length() <= MAX ? name : fit(name, MAX - 9) + "-" + hash(joined);
  }

  private static String fit(String name, int length) {
    return trimDashes(name.length() <= length ? name : name.substring(0, length));
  }

  private static String trimDashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }

  /** Eight hex digits, so that long names that share a prefix stay apart. */
  private static String hash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
