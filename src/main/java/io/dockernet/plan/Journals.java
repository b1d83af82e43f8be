package io.dockernet.plan;

import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.RecreateJournal;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.RemoveNetwork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The journals of recreates that did not finish (the process died), set aside before the snapshot
 * is indexed: they are bookkeeping (config-only networks named {@code
 * dockernet-journal-<network>-<random>}), never declared, pruned or in conflict.
 */
final class Journals {
  /** A journal, and the config-only network that stores it. */
  record Journal(ObservedNetwork store, RecreateJournal record) {
    /**
     * Its removal: runs after every recreate, and only when the recreate of its network succeeded.
     */
    RemoveNetwork drop(ResourceRef ref, String why) {
      return new RemoveNetwork(
          ref, store.id(), store.name(), true, "journal no longer needed: " + why);
    }
  }

  private final String project;

  /** By the network they are for. */
  private final Map<String, List<Journal>> byNetwork = new HashMap<>();

  private final Snapshot rest;

  /** Reads the journals out of {@code snapshot}; {@link #rest()} is the snapshot without them. */
  Journals(Snapshot snapshot, String project) {
    this.project = project;
    List<ObservedNetwork> networks = null;
    for (int i = 0; i < snapshot.networks().size(); i++) {
      ObservedNetwork n = snapshot.networks().get(i);
      if (!RecreateJournal.isJournal(n)) {
        if (networks != null) {
          networks.add(n);
        }
        continue;
      }
      if (networks == null) {
        networks = new ArrayList<>(snapshot.networks().subList(0, i));
      }
      RecreateJournal.read(n)
          .ifPresent(
              j ->
                  byNetwork
                      .computeIfAbsent(j.networkName(), x -> new ArrayList<>())
                      .add(new Journal(n, j)));
    }
    rest =
        networks == null
            ? snapshot
            : new Snapshot(snapshot.engine(), networks, snapshot.containers());
  }

  /** The snapshot without journals: what the index is built from. */
  Snapshot rest() {
    return rest;
  }

  /** Journals this network's resource wrote (same project and owner), oldest name first. */
  List<Journal> of(DesiredNetwork n) {
    List<Journal> all = byNetwork.get(n.name());
    if (all == null) {
      return List.of();
    }
    return all.stream()
        .filter(
            j -> project.equals(j.record().project()) && n.ref().key().equals(j.record().owner()))
        .sorted(Comparator.comparing(j -> j.store().name()))
        .toList();
  }

  /** Every journal of this project, with the network it is for. */
  void forEachOfProject(BiConsumer<String, Journal> action) {
    byNetwork.forEach(
        (network, list) -> {
          for (Journal j : list) {
            if (project.equals(j.record().project())) {
              action.accept(network, j);
            }
          }
        });
  }
}
