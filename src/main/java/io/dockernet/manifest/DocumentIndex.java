package io.dockernet.manifest;

import io.dockernet.validate.Location;
import io.dockernet.validate.ManifestPath;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of one YAML document was written: for every path, the location of its key (for
 * mapping entries) and of its value, plus the scalar's source text (to quote it in messages).
 */
final class DocumentIndex {

  /** One indexed node. {@code key} is null for sequence items and the document root. */
  record Entry(Location key, Location value, String scalarText) {}

  private final Location start;
  private final Map<String, Entry> entries = new HashMap<>();

  DocumentIndex(Location start) {
    this.start = start;
  }

  void put(String path, Entry entry) {
    entries.putIfAbsent(path, entry);
  }

  Entry entry(String path) {
    return entries.get(path);
  }

  Location start() {
    return start;
  }

  /**
   * The value at {@code path} when it is a scalar, the key of a list or mapping (where the reader
   * looks for it); when absent, the key of the nearest written parent.
   */
  Location valueOrParent(String path) {
    Entry exact = entries.get(path);
    if (exact != null) {
      return exact.scalarText() == null && exact.key() != null ? exact.key() : exact.value();
    }
    return parentKey(path);
  }

  /**
   * Where the value itself starts (for a value of the wrong type); when absent, the nearest parent.
   */
  Location valueStart(String path) {
    Entry exact = entries.get(path);
    return exact != null ? exact.value() : parentKey(path);
  }

  /** The key at {@code path} (its value for sequence items); when absent, the nearest parent. */
  Location keyOrParent(String path) {
    Entry exact = entries.get(path);
    if (exact != null) {
      return exact.key() != null ? exact.key() : exact.value();
    }
    return parentKey(path);
  }

  private Location parentKey(String path) {
    String p = path;
    while (!p.isEmpty()) {
      p = ManifestPath.parent(p);
      Entry e = entries.get(p);
      if (e != null) {
        return e.key() != null ? e.key() : e.value();
      }
    }
    return start;
  }
}
