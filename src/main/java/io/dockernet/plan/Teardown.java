package io.dockernet.plan;

import io.dockernet.api.v1alpha1.DeletionPolicy;
import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Action.RemoveNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes away. Prune ({@code apply --prune}): endpoints of attachments of this project no longer
 * declared are disconnected, and networks of this project no longer declared are removed unless an
 * attachment still targets them; journals of such networks are dropped. Delete ({@code delete}, a
 * resource's finalizer): the resources given are taken down, honouring {@code deletionPolicy:
 * Orphan}. A network is removed only when no endpoint stays on it that this plan does not
 * disconnect.
 */
final class Teardown {
  private final DesiredState desired;
  private final SnapshotIndex index;
  private final Ledger ledger;
  private final Owners owners;
  private final Journals journals;

  Teardown(
      DesiredState desired, SnapshotIndex index, Ledger ledger, Owners owners, Journals journals) {
    this.desired = desired;
    this.index = index;
    this.ledger = ledger;
    this.owners = owners;
    this.journals = journals;
  }

  /** Prune: endpoints first, so that a network they were on may go too. */
  void prune() {
    pruneEndpoints();
    pruneNetworks();
  }

  private void pruneEndpoints() {
    for (Map.Entry<String, List<ObservedEndpoint>> byOwner : index.endpointsByOwner().entrySet()) {
      String owner = byOwner.getKey();
      if (!owners.isOrphan(owner)) {
        continue;
      }
      ResourceRef ref = Owners.refOfEndpointOwner(owner);
      ledger.cover(ref);
      for (ObservedEndpoint e : byOwner.getValue()) {
        ledger.disconnect(ref, e, true, "prune: " + ref + " is no longer declared");
      }
    }
  }

  private void pruneNetworks() {
    Map<String, DesiredAttachment> targeted = new HashMap<>();
    desired.attachments().forEach(a -> targeted.putIfAbsent(a.network(), a));
    for (ObservedNetwork n : index.networks()) {
      Map<String, String> labels = n.config().labels();
      if (!n.managed() || !owners.ofProject(n) || owners.declares(n.name())) {
        continue;
      }
      ResourceRef ref = Owners.refOfNetworkOwner(labels.get(Ownership.OWNER), n.name());
      ledger.cover(ref);
      DesiredAttachment user = targeted.get(n.name());
      if (user != null) {
        ledger.note(
            ref,
            "network "
                + n.name()
                + " is no longer declared but "
                + user.ref()
                + " still attaches to it; left in place");
        continue;
      }
      removeUnlessInUse(ref, n, "prune: no longer declared");
    }
    journals.forEachOfProject(
        (network, j) -> {
          if (!owners.declares(network)) {
            ResourceRef ref = Owners.refOfNetworkOwner(j.record().owner(), network);
            ledger.cover(ref);
            ledger.add(j.drop(ref, "prune: network " + network + " is no longer declared"));
          }
        });
  }

  void delete() {
    for (DesiredAttachment a : desired.attachments()) {
      ledger.cover(a.ref());
      List<ObservedEndpoint> mine = index.endpointsOwnedBy(a.owner());
      if (mine.isEmpty()) {
        ledger.note(a.ref(), "no endpoints to disconnect");
      }
      for (ObservedEndpoint e : mine) {
        ledger.disconnect(a.ref(), e, true, "deleting " + a.ref());
      }
    }
    for (DesiredNetwork n : desired.networks()) {
      ledger.cover(n.ref());
      ObservedNetwork observed = index.network(n.name());
      if (observed == null || !observed.name().equals(n.name())) {
        ledger.note(n.ref(), "network " + n.name() + " does not exist");
      } else if (!observed.managed()) {
        ledger.note(
            n.ref(), "network " + n.name() + " was not created by dockernet; left in place");
      } else if (!owners.ownedBy(observed, n.ref())) {
        ledger.note(
            n.ref(),
            "network " + n.name() + " is owned by " + Owners.ownerOf(observed) + "; left in place");
      } else if (n.deletionPolicy() == DeletionPolicy.Orphan) {
        ledger.note(n.ref(), "deletionPolicy Orphan: network " + n.name() + " left in place");
      } else {
        removeUnlessInUse(n.ref(), observed, "deleting " + n.ref());
      }
      if (n.deletionPolicy() != DeletionPolicy.Orphan) {
        journals.of(n).forEach(j -> ledger.add(j.drop(n.ref(), "deleting " + n.ref())));
      }
    }
  }

  /** Removes a network unless endpoints remain that this plan does not disconnect. */
  private void removeUnlessInUse(ResourceRef ref, ObservedNetwork n, String reason) {
    List<String> remaining = new ArrayList<>();
    for (ObservedEndpoint e : index.sortedByContainer(index.endpoints(n.name()).values())) {
      if (!ledger.disconnects(n.name(), e.containerId())) {
        String owner = e.config().owner();
        remaining.add(
            index.containerName(e) + (owner == null ? "" : " (attached by " + owner + ")"));
      }
    }
    if (remaining.isEmpty()) {
      ledger.add(new RemoveNetwork(ref, n.id(), n.name(), n.config().configOnly(), reason));
      return;
    }
    boolean allUnmanaged = remaining.stream().noneMatch(s -> s.endsWith(")"));
    ledger.block(
        ref,
        Reason.IN_USE,
        "network "
            + n.name()
            + " still has containers "
            + String.join(", ", remaining)
            + (allUnmanaged ? " not managed by dockernet" : "")
            + "; left in place");
  }
}
