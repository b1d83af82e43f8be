package io.dockernet.plan;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Action.CreateNetwork;
import io.dockernet.plan.Journals.Journal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each declared network against the engine: missing is created; ours and different is recreated (or
 * {@link Reason#UPDATE_BLOCKED} with {@code updatePolicy: Never}); not ours is a conflict unless
 * adopted. A network with a journal of ours is recreated again from it ({@link
 * Recreates#finishInterrupted}).
 */
final class Networks {
  private final SnapshotIndex index;
  private final Ledger ledger;
  private final Owners owners;
  private final Journals journals;
  private final Recreates recreates;

  /** Networks this plan creates: nothing is on them yet. */
  private final Set<String> created = new HashSet<>();

  Networks(
      SnapshotIndex index, Ledger ledger, Owners owners, Journals journals, Recreates recreates) {
    this.index = index;
    this.ledger = ledger;
    this.owners = owners;
    this.journals = journals;
    this.recreates = recreates;
  }

  /** True when this plan creates the network (so no endpoint is on it). */
  boolean creates(String network) {
    return created.contains(network);
  }

  /** True when the network is there after the plan's network phase (attachments may target it). */
  boolean willExist(String network) {
    return index.network(network) != null
        || created.contains(network)
        || recreates.recreates(network);
  }

  void plan(DesiredNetwork n) {
    ledger.cover(n.ref());
    ResourceRef first = owners.declarer(n.name());
    if (!first.equals(n.ref())) {
      ledger.block(
          n.ref(), Reason.CONFLICT, "network " + n.name() + " is also declared by " + first);
      return;
    }
    ObservedNetwork observed = index.network(n.name());
    if (observed == null || !observed.name().equals(n.name())) {
      List<Journal> pending = journals.of(n);
      if (!pending.isEmpty()) {
        recreates.finishInterrupted(n, null, pending);
        return;
      }
      ledger.add(new CreateNetwork(n.ref(), n.config(), "network missing"));
      created.add(n.name());
      return;
    }
    if (observed.managed()) {
      planManaged(n, observed);
    } else {
      planUnmanaged(n, observed);
    }
  }

  private void planManaged(DesiredNetwork n, ObservedNetwork observed) {
    if (!owners.ownedBy(observed, n.ref())) {
      ledger.block(
          n.ref(),
          Reason.CONFLICT,
          "network " + n.name() + " is owned by " + Owners.ownerOf(observed));
      return;
    }
    List<Journal> pending = journals.of(n);
    if (!pending.isEmpty() && recreates.finishInterrupted(n, observed, pending)) {
      return;
    }
    String hash = n.config().labels().get(Ownership.SPEC_HASH);
    if (hash != null && hash.equals(observed.config().labels().get(Ownership.SPEC_HASH))) {
      return; // created from this very spec, and networks cannot change in place
    }
    List<FieldChange> changes = NetworkDiff.strict(n.config(), observed.config());
    if (changes.isEmpty()) {
      return;
    }
    if (n.updatePolicy() == UpdatePolicy.Never) {
      ledger.block(
          n.ref(),
          Reason.UPDATE_BLOCKED,
          "network "
              + n.name()
              + " differs from its spec and updatePolicy is Never: "
              + Ledger.join(changes));
      return;
    }
    recreates.recreate(n, observed, changes);
  }

  private void planUnmanaged(DesiredNetwork n, ObservedNetwork observed) {
    if (n.adoptionPolicy() != AdoptionPolicy.IfCompatible) {
      ledger.block(
          n.ref(),
          Reason.CONFLICT,
          "network "
              + n.name()
              + " exists and was not created by dockernet; set adoptionPolicy: IfCompatible to adopt it");
      return;
    }
    List<FieldChange> changes = NetworkDiff.compatible(n.config(), observed.config());
    if (changes.isEmpty()) {
      ledger.note(
          n.ref(),
          "adopted existing network "
              + n.name()
              + " (not created by dockernet, so never removed by it)");
    } else {
      ledger.block(
          n.ref(),
          Reason.CONFLICT,
          "network "
              + n.name()
              + " exists, was not created by dockernet and does not match the spec: "
              + Ledger.join(changes));
    }
  }
}
