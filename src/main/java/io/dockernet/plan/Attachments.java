package io.dockernet.plan;

import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Attachments, in passes so the result never depends on their order: first every attachment selects
 * its containers and disconnects the endpoints it made that it no longer wants ({@link #select});
 * then every selected container's endpoint is planned ({@link Endpoints}); then {@code detachFrom},
 * which never undoes another attachment.
 */
final class Attachments {
  private final SnapshotIndex index;
  private final Ledger ledger;
  private final Networks networks;

  /** Containers each attachment selected (only attachments that could be planned), in order. */
  private final List<Selection> selections = new ArrayList<>();

  private record Selection(DesiredAttachment attachment, List<ObservedContainer> containers) {}

  Attachments(SnapshotIndex index, Ledger ledger, Networks networks) {
    this.index = index;
    this.ledger = ledger;
    this.networks = networks;
  }

  /**
   * First pass: what the attachment selects, and the endpoints it made that it no longer wants.
   * Every such disconnect is known before any endpoint is planned.
   */
  void select(DesiredAttachment a) {
    ledger.cover(a.ref());
    List<ObservedContainer> selected = containersOf(a);
    disconnectStale(a, selected == null ? List.of() : selected);
    if (selected == null) {
      return;
    }
    if (selected.size() > 1 && pinsOneEndpoint(a.endpoint())) {
      // Compose refuses a static address on a scaled service for the same reason.
      ledger.block(
          a.ref(),
          Reason.CONFLICT,
          "the selector matches "
              + selected.size()
              + " containers ("
              + selected.stream()
                  .map(ObservedContainer::name)
                  .sorted()
                  .collect(Collectors.joining(", "))
              + ") but a static address or MAC address fits one container only");
      return;
    }
    if (!networks.willExist(a.network())) {
      ledger.block(a.ref(), Reason.NOT_FOUND, "network " + a.network() + " does not exist");
      return;
    }
    selections.add(new Selection(a, selected));
    if (selected.isEmpty()) {
      ledger.note(a.ref(), "no container matches the selector yet");
    }
  }

  /** Second pass: the endpoint of every selected container. */
  void planEndpoints(Endpoints endpoints) {
    for (Selection s : selections) {
      for (ObservedContainer c : s.containers()) {
        endpoints.plan(s.attachment(), c);
      }
    }
  }

  /**
   * detachFrom runs after every attachment is planned, so that it never undoes another attachment.
   */
  void detachFrom(Endpoints endpoints) {
    for (Selection s : selections) {
      DesiredAttachment a = s.attachment();
      for (String from : a.detachFrom()) {
        if (from.equals(a.network())) {
          continue;
        }
        for (ObservedContainer c : s.containers()) {
          ObservedEndpoint e = index.endpoint(from, c.id());
          if (e == null) {
            continue;
          }
          DesiredAttachment wanting = endpoints.claimant(from, c.id());
          if (wanting != null) {
            ledger.block(
                a.ref(),
                Reason.CONFLICT,
                "detachFrom: "
                    + from
                    + " would disconnect container "
                    + c.name()
                    + " that "
                    + wanting.ref()
                    + " attaches there");
            continue;
          }
          ledger.disconnect(a.ref(), e, e.managed(), "detachFrom: " + from);
        }
      }
    }
  }

  private static boolean pinsOneEndpoint(EndpointConfig e) {
    return e.ipv4Address() != null || e.ipv6Address() != null || e.macAddress() != null;
  }

  /** The containers an attachment selects, or null when it cannot be planned (blocked). */
  private List<ObservedContainer> containersOf(DesiredAttachment a) {
    if (a.container() != null) {
      ObservedContainer c = index.container(a.container());
      if (c == null) {
        ledger.block(a.ref(), Reason.NOT_FOUND, "container " + a.container() + " does not exist");
        return null;
      }
      return List.of(c);
    }
    if (a.selector() == null || a.selector().isEmpty()) {
      // An empty selector would select every container on the host: refuse rather than guess.
      ledger.block(
          a.ref(), Reason.INVALID, "give either container or containerSelector.matchLabels");
      return null;
    }
    return index.matching(a.selector());
  }

  /**
   * Endpoints this attachment made whose container is no longer selected, or on another network.
   */
  private void disconnectStale(DesiredAttachment a, List<ObservedContainer> selected) {
    List<ObservedEndpoint> owned = index.endpointsOwnedBy(a.owner());
    if (owned.isEmpty()) {
      return;
    }
    Set<String> selectedIds = new HashSet<>(SnapshotIndex.capacity(selected.size()));
    selected.forEach(c -> selectedIds.add(c.id()));
    for (ObservedEndpoint e : owned) {
      boolean onTarget = e.networkName().equals(a.network());
      if (onTarget && selectedIds.contains(e.containerId())) {
        continue;
      }
      String reason =
          onTarget
              ? "container no longer selected"
              : "attachment now targets network " + a.network();
      ledger.disconnect(a.ref(), e, true, reason);
    }
  }
}
