package io.dockernet.plan;

import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import java.util.HashSet;
import java.util.Set;

/**
 * One planning pass behind {@link Planner#plan}: wires the parts over one snapshot and runs them in
 * the order the rules need (package-info tells why this order).
 */
final class PlanRun {
  private final DesiredState desired;
  private final PlanOptions options;
  final Ledger ledger;
  final Networks networks;
  final Recreates recreates;
  final Attachments attachments;
  final Endpoints endpoints;
  final HeldAddresses held;
  final Teardown teardown;

  PlanRun(DesiredState desired, Snapshot snapshot, PlanOptions options) {
    this.desired = desired;
    this.options = options;
    Owners owners = new Owners(desired);
    Set<String> selectorKeys = new HashSet<>();
    for (DesiredAttachment a : desired.attachments()) {
      if (a.selector() != null) {
        selectorKeys.addAll(a.selector().keySet());
      }
    }
    Indexed indexed =
        snapshot.derived(
            new Indexed.Key(desired.project(), Set.copyOf(selectorKeys)),
            s -> {
              Journals journals = new Journals(s, desired.project());
              return new Indexed(journals, new SnapshotIndex(journals.rest(), selectorKeys));
            });
    Journals journals = indexed.journals();
    SnapshotIndex index = indexed.index();
    ledger = new Ledger(index);
    recreates = new Recreates(index, ledger);
    networks = new Networks(index, ledger, owners, journals, recreates);
    attachments = new Attachments(index, ledger, networks);
    held = new HeldAddresses(index, ledger, networks, recreates);
    endpoints = new Endpoints(index, ledger, owners, networks, recreates, held, options.prune());
    teardown = new Teardown(desired, index, ledger, owners, journals);
  }

  /**
   * The snapshot's journals and index: kept with the snapshot (neither changes once built), so that
   * rounds planning against one shared snapshot build them once.
   */
  private record Indexed(Journals journals, SnapshotIndex index) {
    record Key(String project, Set<String> selectorKeys) {}
  }

  Plan plan() {
    if (options.mode() == PlanOptions.Mode.DELETE) {
      teardown.delete();
    } else {
      desired.networks().forEach(networks::plan);
      desired.attachments().forEach(attachments::select);
      attachments.planEndpoints(endpoints);
      attachments.detachFrom(endpoints);
      if (options.prune()) {
        teardown.prune();
      }
      held.blockHeld();
      recreates.finishAll();
    }
    return ledger.plan();
  }
}
