package io.dockernet.exec;

import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the steps of a round into one result per resource: the most significant outcome, the reason
 * code of its most significant failure, and every step's message plus the plan's notes.
 */
final class Results {
  /** Most significant first. */
  static final List<Outcome> SIGNIFICANCE =
      List.of(
          Outcome.FAILED,
          Outcome.BLOCKED,
          Outcome.RECREATED,
          Outcome.CREATED,
          Outcome.REMOVED,
          Outcome.CONNECTED,
          Outcome.DISCONNECTED,
          Outcome.NOOP);

  private final Plan plan;
  private final Map<ResourceRef, List<Step>> steps = new HashMap<>();

  /**
   * Position of each action in the plan, so messages read in plan order whatever thread ran them.
   */
  private final Map<Action, Integer> position = new IdentityHashMap<>();

  Results(Plan plan) {
    this.plan = plan;
    for (int i = 0; i < plan.actions().size(); i++) {
      position.put(plan.actions().get(i), i);
    }
  }

  synchronized void add(Step step) {
    steps.computeIfAbsent(step.action().resource(), r -> new ArrayList<>()).add(step);
  }

  synchronized ApplyReport report() {
    Map<String, ResourceRef> all = new TreeMap<>();
    plan.resources().forEach(r -> all.put(r.kind() + "/" + r.key(), r));
    steps.keySet().forEach(r -> all.put(r.kind() + "/" + r.key(), r));
    List<ResourceResult> results = new ArrayList<>();
    for (ResourceRef ref : all.values()) {
      List<Step> mine = new ArrayList<>(steps.getOrDefault(ref, List.of()));
      mine.sort(Comparator.comparingInt(s -> position.getOrDefault(s.action(), Integer.MAX_VALUE)));
      Step top =
          mine.stream()
              .min(Comparator.comparingInt(s -> SIGNIFICANCE.indexOf(s.outcome())))
              .orElse(null);
      List<String> messages = new ArrayList<>();
      mine.forEach(s -> messages.add(s.message()));
      messages.addAll(plan.notes(ref));
      results.add(
          new ResourceResult(
              ref,
              top == null ? Outcome.NOOP : top.outcome(),
              top == null ? null : top.reason(),
              messages));
    }
    return new ApplyReport(results);
  }
}
