package io.dockernet.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chains dockernet wants in one family's filter table: chain name to its rules, each rule as
 * iptables-save prints it after {@code -A CHAIN } (so that what is installed compares as text).
 * Empty means: no policy, none of our chains and no jump to them.
 */
public record RuleSet(Family family, Map<String, List<String>> chains) {
  public RuleSet {
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    chains.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    chains = Collections.unmodifiableMap(copy);
  }

  public static RuleSet empty(Family family) {
    return new RuleSet(family, Map.of());
  }

  public boolean isEmpty() {
    return chains.isEmpty();
  }

  /** Rules in our chains (the jumps into them from FORWARD and DOCKER-USER not counted). */
  public int ruleCount() {
    return chains.values().stream().mapToInt(List::size).sum();
  }
}
