package io.dockernet.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts engine API calls by kind, so that benchmarks and tests can assert "no call it does not
 * need".
 */
public final class CallCounter {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String kind) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> result = new TreeMap<>();
    counts.forEach((k, v) -> result.put(k, v.sum()));
    return result;
  }

  /** Calls that change the engine (create, remove, connect, disconnect). */
  public long writes() {
    return snapshot().entrySet().stream()
        .filter(e -> isWrite(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public long reads() {
    return snapshot().entrySet().stream()
        .filter(e -> !isWrite(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public void reset() {
    counts.clear();
  }

  private static boolean isWrite(String kind) {
    return kind.endsWith(".create")
        || kind.endsWith(".remove")
        || kind.endsWith(".connect")
        || kind.endsWith(".disconnect");
  }
}
