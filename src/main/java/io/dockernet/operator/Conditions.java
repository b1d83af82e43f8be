package io.dockernet.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one status helper of the operator: collects what a reconcile round found and turns it into
 * Kubernetes-shaped conditions.
 *
 * <ul>
 *   <li>{@code Ready} is always present (its reasons are {@link Reason} codes): True when no
 *       problem was reported, else False with the first problem's reason and every problem's
 *       message (one per line).
 *   <li>{@code Reconciling} and {@code Stalled} (kstatus, read by Flux, {@code kubectl wait} and
 *       the Argo CD health check) follow from it: Reconciling=True while the operator keeps
 *       retrying on its own ({@link #IN_PROGRESS} reasons: an engine that does not answer or
 *       answered 5xx), Stalled=True when nothing changes without a change by someone (Invalid,
 *       Conflict, Forbidden, PoolExhausted, InUse, NotFound, a refused call, ...); both False when
 *       Ready is True. Every condition carries the generation it was computed from ({@code
 *       observedGeneration}).
 *   <li>{@code lastTransitionTime} moves only when status, reason or message change; otherwise the
 *       previous time is kept, so rewriting the same condition produces an identical status and no
 *       patch.
 *   <li>Conditions this round did not touch are carried forward untouched.
 *   <li>{@link #differs} tells whether a status changed at all, so callers patch only then.
 * </ul>
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  /**
   * Ready=False reasons the operator works through by itself (it retries with backoff):
   * Reconciling, not Stalled.
   */
  public static final Set<String> IN_PROGRESS =
      Set.of(
          Reason.ENGINE_UNAVAILABLE.code(), Reason.ENGINE_ERROR.code(), Reason.RECONCILING.code());

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private record Problem(String reason, String message) {}

  private final List<Condition> previous;
  private final Long generation;
  private final Clock clock;
  private final Map<String, Condition> set = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private String readyReason = Reason.CONVERGED.code();
  private String readyMessage = "";

  private Conditions(List<Condition> previous, Long generation, Clock clock) {
    this.previous = previous == null ? List.of() : List.copyOf(previous);
    this.generation = generation;
    this.clock = clock;
  }

  /** Starts a round from the conditions a resource has now and the generation being reconciled. */
  public static Conditions from(List<Condition> previous, Long generation) {
    return new Conditions(previous, generation, Clock.systemUTC());
  }

  public static Conditions from(List<Condition> previous, Long generation, Clock clock) {
    return new Conditions(previous, generation, clock);
  }

  /** Records a problem: Ready becomes False; the first problem's reason wins. */
  public Conditions problem(Reason reason, String message) {
    return problem(reason.code(), message);
  }

  /** A problem with a reason of its own (a condition reason is any CamelCase word). */
  public Conditions problem(String reason, String message) {
    problems.add(new Problem(reason, message));
    return this;
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** The reason and message Ready carries when there is no problem. */
  public Conditions readyWhenClean(Reason reason, String message) {
    return readyWhenClean(reason.code(), message);
  }

  public Conditions readyWhenClean(String reason, String message) {
    this.readyReason = reason;
    this.readyMessage = message == null ? "" : message;
    return this;
  }

  /** Sets any other condition type explicitly (Ready is computed by {@link #build()}). */
  public Conditions set(String type, String status, String reason, String message) {
    if (READY.equals(type) || RECONCILING.equals(type) || STALLED.equals(type)) {
      throw new IllegalArgumentException(
          type + " is computed from problems; use problem()/readyWhenClean()");
    }
    set.put(type, condition(type, status, reason, message));
    return this;
  }

  /** Ready's status after this round: True or False. */
  public String readyStatus() {
    return problems.isEmpty() ? TRUE : FALSE;
  }

  /**
   * The new condition list: Ready, Reconciling and Stalled first, then conditions set this round,
   * then untouched ones carried forward.
   */
  public List<Condition> build() {
    Map<String, Condition> result = new LinkedHashMap<>();
    Condition ready =
        problems.isEmpty()
            ? condition(READY, TRUE, readyReason, readyMessage)
            : condition(READY, FALSE, problems.get(0).reason(), joinedMessages());
    result.put(READY, ready);
    boolean working = !problems.isEmpty() && IN_PROGRESS.contains(ready.getReason());
    boolean stuck = !problems.isEmpty() && !working;
    result.put(
        RECONCILING,
        condition(
            RECONCILING,
            working ? TRUE : FALSE,
            ready.getReason(),
            working ? ready.getMessage() : ""));
    result.put(
        STALLED,
        condition(
            STALLED, stuck ? TRUE : FALSE, ready.getReason(), stuck ? ready.getMessage() : ""));
    result.putAll(set);
    for (Condition old : previous) {
      result.putIfAbsent(old.getType(), old);
    }
    return List.copyOf(result.values());
  }

  /**
   * True when the two status objects differ in any field (compared as JSON, so field order and
   * object identity do not matter).
   */
  public static boolean differs(Object before, Object after) {
    JsonNode a = before == null ? null : Serialization.jsonMapper().valueToTree(before);
    JsonNode b = after == null ? null : Serialization.jsonMapper().valueToTree(after);
    return !Objects.equals(a, b);
  }

  /** The condition of {@code type} in {@code conditions}, or null. */
  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  private String joinedMessages() {
    return String.join("\n", problems.stream().map(Problem::message).distinct().toList());
  }

  private Condition condition(String type, String status, String reason, String message) {
    Condition old = find(previous, type);
    boolean unchanged =
        old != null
            && Objects.equals(old.getStatus(), status)
            && Objects.equals(old.getReason(), reason)
            && Objects.equals(nullToEmpty(old.getMessage()), nullToEmpty(message));
    String since =
        unchanged && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(nullToEmpty(message))
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
