package io.dockernet.plan;

import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Action.Blocked;
import io.dockernet.plan.Action.Disconnect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one plan has written so far: its actions, the resources it covers, its notes, and which
 * endpoints it disconnects. Every part of the planner writes here; the recreate, held-address and
 * teardown parts read the disconnects back, so a disconnect is planned through {@link #disconnect}
 * only.
 */
final class Ledger {
  private final SnapshotIndex index;
  private final List<Action> actions = new ArrayList<>();
  private final Set<ResourceRef> resources = new LinkedHashSet<>();
  private final Map<ResourceRef, List<String>> notes = new LinkedHashMap<>();

  /** (network, container id) pairs this plan disconnects. */
  private final Set<EndpointKey> disconnected = new HashSet<>();

  record EndpointKey(String network, String containerId) {}

  Ledger(SnapshotIndex index) {
    this.index = index;
  }

  /** A resource the plan covers, reported as noop when nothing else is written for it. */
  void cover(ResourceRef ref) {
    resources.add(ref);
  }

  void add(Action action) {
    actions.add(action);
  }

  void block(ResourceRef ref, Reason code, String reason) {
    actions.add(new Blocked(ref, code, reason));
  }

  void note(ResourceRef ref, String note) {
    notes.computeIfAbsent(ref, r -> new ArrayList<>()).add(note);
  }

  /** The disconnect planned, or null when this plan already disconnects the endpoint. */
  Disconnect disconnect(ResourceRef ref, ObservedEndpoint e, boolean managed, String reason) {
    if (!disconnected.add(new EndpointKey(e.networkName(), e.containerId()))) {
      return null;
    }
    Disconnect d =
        new Disconnect(
            ref, e.networkName(), e.containerId(), index.containerName(e), managed, reason);
    actions.add(d);
    return d;
  }

  boolean disconnects(String network, String containerId) {
    return disconnected.contains(new EndpointKey(network, containerId));
  }

  /**
   * Takes back a planned action; for a disconnect ({@code replacing}, may be null) the endpoint
   * then stays as it is.
   */
  void withdraw(Action action, Disconnect replacing) {
    actions.remove(action);
    if (replacing != null) {
      actions.remove(replacing);
      disconnected.remove(new EndpointKey(replacing.network(), replacing.containerId()));
    }
  }

  /** The plan written, in the order the executor runs it. */
  Plan plan() {
    actions.sort(ActionOrder.COMPARATOR);
    return new Plan(actions, resources, notes);
  }

  static String join(List<FieldChange> changes) {
    return changes.stream().map(FieldChange::toString).collect(Collectors.joining(", "));
  }
}
