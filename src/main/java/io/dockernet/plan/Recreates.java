package io.dockernet.plan;

import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.plan.Action.RecreateNetwork;
import io.dockernet.plan.Journals.Journal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Networks this plan removes and creates again. A recreate is only decided while networks are
 * planned; what it restores is settled last ({@link #finishAll}), once every disconnect of the plan
 * is known: an endpoint the plan disconnects is not restored, one whose attachment changes its
 * settings is restored with the new settings.
 */
final class Recreates {
  /** A recreate whose restore list is built once every disconnect is known. */
  private static final class Pending {
    final DesiredNetwork network;
    final ObservedNetwork current;
    final List<FieldChange> changes;

    /** Endpoints whose attachment changes their settings: restored with the new settings. */
    final Map<String, EndpointConfig> newSettings = new HashMap<>();

    final List<String> settingNotes = new ArrayList<>();

    /** Endpoints only an interrupted recreate's journal remembers (their containers exist). */
    final Map<String, ObservedEndpoint> fromJournal = new LinkedHashMap<>();

    final List<Journal> journals = new ArrayList<>();

    Pending(DesiredNetwork network, ObservedNetwork current, List<FieldChange> changes) {
      this.network = network;
      this.current = current;
      this.changes = changes;
    }
  }

  private final SnapshotIndex index;
  private final Ledger ledger;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  Recreates(SnapshotIndex index, Ledger ledger) {
    this.index = index;
    this.ledger = ledger;
  }

  /** Recreate {@code observed} because of {@code changes}. */
  void recreate(DesiredNetwork n, ObservedNetwork observed, List<FieldChange> changes) {
    pending.put(n.name(), new Pending(n, observed, changes));
  }

  /**
   * A recreate of this network was interrupted (the process died): the journal remembers endpoints
   * that are not on the network now ({@code observed} is null when the network itself is gone).
   * Finish it: recreate with every endpoint there now plus those, each with its recorded settings
   * and addresses. True when planned; false when the journals only need dropping (everything is
   * back) and the network is planned as usual.
   */
  boolean finishInterrupted(DesiredNetwork n, ObservedNetwork observed, List<Journal> journals) {
    Map<String, ObservedEndpoint> missing = new LinkedHashMap<>();
    for (Journal j : journals) {
      for (ObservedEndpoint e : j.record().endpoints()) {
        boolean exists = index.containerById(e.containerId()) != null;
        boolean back = observed != null && index.endpoint(n.name(), e.containerId()) != null;
        if (exists && !back) {
          missing.putIfAbsent(e.containerId(), e);
        }
      }
    }
    if (missing.isEmpty() && observed != null) {
      journals.forEach(
          j ->
              ledger.add(
                  j.drop(
                      n.ref(),
                      "every endpoint of the interrupted recreate of " + n.name() + " is back")));
      return false;
    }
    ObservedNetwork current =
        observed != null
            ? observed
            : new ObservedNetwork(
                journals.get(0).record().networkId(),
                journals.get(0).record().network(),
                List.of());
    Pending r = new Pending(n, current, NetworkDiff.strict(n.config(), current.config()));
    r.fromJournal.putAll(missing);
    r.journals.addAll(journals);
    pending.put(n.name(), r);
    return true;
  }

  boolean recreates(String network) {
    return pending.containsKey(network);
  }

  /** An endpoint that the recreate of this network restores from its journal, else null. */
  ObservedEndpoint journaled(String network, String containerId) {
    Pending r = pending.get(network);
    return r == null ? null : r.fromJournal.get(containerId);
  }

  /** Every endpoint the recreate of this network restores from its journal (empty when none). */
  Collection<ObservedEndpoint> journaled(String network) {
    Pending r = pending.get(network);
    return r == null ? List.of() : r.fromJournal.values();
  }

  /**
   * When the network is recreated, the recreate disconnects the endpoint anyway: it is restored
   * with the attachment's settings, once. False when the network is not recreated.
   */
  boolean restoreWithNewSettings(
      DesiredAttachment a, ObservedContainer c, List<FieldChange> changes) {
    Pending r = pending.get(a.network());
    if (r == null) {
      return false;
    }
    r.newSettings.put(c.id(), a.endpoint());
    r.settingNotes.add(
        "endpoint "
            + c.name()
            + " restored with the settings of "
            + a.ref()
            + " ("
            + Ledger.join(changes)
            + ")");
    ledger.note(
        a.ref(),
        "container "
            + c.name()
            + " gets its new settings when network "
            + a.network()
            + " is recreated");
    return true;
  }

  /** Plans every recreate: remove and create again, restoring all but what the plan disconnects. */
  void finishAll() {
    pending.values().forEach(this::finish);
  }

  private void finish(Pending r) {
    String name = r.network.name();
    List<ObservedEndpoint> restore = new ArrayList<>();
    List<ObservedEndpoint> candidates = new ArrayList<>(index.endpoints(name).values());
    candidates.addAll(r.fromJournal.values());
    for (ObservedEndpoint e : index.sortedByContainer(candidates)) {
      if (ledger.disconnects(name, e.containerId())) {
        continue;
      }
      EndpointConfig settings = r.newSettings.get(e.containerId());
      restore.add(
          settings == null
              ? e
              : new ObservedEndpoint(
                  e.networkId(),
                  e.networkName(),
                  e.containerId(),
                  e.containerName(),
                  e.endpointId(),
                  e.ipv4Address(),
                  e.ipv6Address(),
                  e.macAddress(),
                  settings));
    }
    StringBuilder reason = new StringBuilder(Ledger.join(r.changes));
    if (!r.journals.isEmpty()) {
      reason.insert(
          0,
          reason.isEmpty()
              ? "finishing an interrupted recreate"
              : "finishing an interrupted recreate: ");
      reason.append("; ").append(r.fromJournal.size()).append(" endpoint(s) from its journal");
      r.journals.forEach(
          j ->
              ledger.add(
                  j.drop(r.network.ref(), "the interrupted recreate of " + name + " is finished")));
    }
    if (!restore.isEmpty()) {
      reason
          .append("; restores ")
          .append(restore.size())
          .append(restore.size() == 1 ? " endpoint" : " endpoints");
    }
    r.settingNotes.forEach(s -> reason.append("; ").append(s));
    ledger.add(
        new RecreateNetwork(
            r.network.ref(), r.current, r.network.config(), r.changes, restore, reason.toString()));
  }
}
