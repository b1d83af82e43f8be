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
    Journals journals = new Journals(snapshot, desired.project());
    Set<String> selectorKeys = new HashSet<>();
    for (DesiredAttachment a : desired.attachments()) {
      if (a.selector() != null) {
        selectorKeys.addAll(a.selector().keySet());
      }
    }
    SnapshotIndex index = new SnapshotIndex(journals.rest(), selectorKeys);
    ledger = new Ledger(index);
    recreates = new Recreates(index, ledger);
    networks = new Networks(index, ledger, owners, journals, recreates);
    attachments = new Attachments(index, ledger, networks);
    held = new HeldAddresses(index, ledger, networks, recreates);
    endpoints = new Endpoints(index, ledger, owners, networks, recreates, held, options.prune());
    teardown = new Teardown(desired, index, ledger, owners, journals);
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
