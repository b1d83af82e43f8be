package io.dockernet.operator;

import io.dockernet.engine.EngineEvent;
import io.dockernet.plan.Action;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The engine events a resource's own round causes, so that they do not reconcile that resource once
 * more: the round that created (or removed) its network read the engine after the change and wrote
 * its status from that, so a second round on the echo found nothing to do, and took its turn on the
 * engine from the resources still waiting for theirs (one echo round per network converged). Only
 * the writer is spared: every other resource the event concerns (an attachment waiting for the
 * network) is reconciled as before, and the snapshot cache is invalidated as before.
 *
 * <p>Only plain network creates and removes are expected (events "create" and "destroy", by network
 * name): config-only networks, whose removal engine 20.10 does not report, and connects, whose
 * events name the container by id, reconcile as before. An expectation is registered before the
 * call (its event may come before the call's answer), dropped when the call fails or never runs,
 * and forgotten after {@link #TTL}: the same change made by hand later reconciles the resource
 * again.
 */
final class OwnEchoes {
  static final Duration TTL = Duration.ofSeconds(30);

  private record Expected(String writer, long until) {}

  private final Map<String, Expected> expected = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  OwnEchoes(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * The network actions among {@code actions} whose event can be told apart ({@link OwnEchoes}).
   */
  static List<Action> echoing(List<Action> actions) {
    return actions.stream().filter(a -> eventAction(a) != null).toList();
  }

  /** Who a resource is, as a writer: its kind and id (names repeat across kinds). */
  static String writer(HasMetadata resource) {
    return resource.getKind() + "/" + ResourceID.fromResource(resource);
  }

  /** Before the round executes: these actions' events are {@code writer}'s own. */
  void expect(String hostKey, List<Action> actions, String writer) {
    long now = clock.getAsLong();
    expected.values().removeIf(e -> now - e.until() > 0); // events that never came
    Expected e = new Expected(writer, now + TTL.toNanos());
    actions.forEach(a -> expected.put(key(hostKey, eventAction(a), a.network()), e));
  }

  /** The action failed or never ran: its event, if any comes, is no echo. */
  void cancel(String hostKey, Action action) {
    expected.remove(key(hostKey, eventAction(action), action.network()));
  }

  /**
   * Whether {@code event} on {@code hostKey} is the echo of {@code candidate}'s own change; the
   * first match uses the expectation up.
   */
  boolean isEchoOf(String hostKey, EngineEvent event, String candidate) {
    if (!"network".equals(event.type())) {
      return false;
    }
    String key = key(hostKey, event.action(), event.attributes().get("name"));
    Expected e = expected.get(key);
    if (e == null) {
      return false;
    }
    if (clock.getAsLong() - e.until() > 0) {
      expected.remove(key, e);
      return false;
    }
    return e.writer().equals(candidate) && expected.remove(key, e);
  }

  /** Expectations held (tests). */
  int size() {
    return expected.size();
  }

  private static String eventAction(Action a) {
    if (a instanceof Action.CreateNetwork c && !c.config().configOnly()) {
      return "create";
    }
    if (a instanceof Action.RemoveNetwork r && !r.configOnly()) {
      return "destroy";
    }
    return null;
  }

  private static String key(String hostKey, String action, String network) {
    return hostKey + "|" + action + "|" + network;
  }
}
