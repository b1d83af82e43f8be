package io.dockernet.plan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.DeletionPolicy;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Connect;
import io.dockernet.plan.Action.CreateNetwork;
import io.dockernet.plan.Action.Disconnect;
import io.dockernet.plan.Action.RecreateNetwork;
import io.dockernet.plan.Action.RemoveNetwork;
import io.dockernet.plan.Journals.Journal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One planning pass: the mutable bookkeeping behind {@link Planner#plan}. */
final class PlanRun {
  private final DesiredState desired;
  private final SnapshotIndex index;
  private final PlanOptions options;

  private final Ledger ledger;
  private final Owners owners;
  private final Journals journals;

  private final Set<String> createdNetworks = new HashSet<>();
  private final Map<String, PendingRecreate> recreates = new LinkedHashMap<>();

  /**
   * network → container id → the attachment that wants the container there. By network first: one
   * map with an entry per endpoint outgrows the CPU caches at 10k networks (see SnapshotIndex).
   */
  private final Map<String, Map<String, DesiredAttachment>> claims = new HashMap<>();

  /** Containers each attachment selected (only attachments that could be planned), in order. */
  private final List<Selection> selections = new ArrayList<>();

  private record Selection(DesiredAttachment attachment, List<ObservedContainer> containers) {}

  /**
   * A connect with a static address, checked once every disconnect is known; {@code replacing} is
   * the disconnect of the same endpoint's old settings, or null.
   */
  private record StaticConnect(Connect connect, Disconnect replacing) {}

  private final List<StaticConnect> staticConnects = new ArrayList<>();

  /** A recreate whose restore list is built once every disconnect is known. */
  private static final class PendingRecreate {
    final DesiredNetwork network;
    final ObservedNetwork current;
    final List<FieldChange> changes;

    /** Endpoints whose attachment changes their settings: restored with the new settings. */
    final Map<String, EndpointConfig> newSettings = new HashMap<>();

    final List<String> settingNotes = new ArrayList<>();

    /** Endpoints only an interrupted recreate's journal remembers (their containers exist). */
    final Map<String, ObservedEndpoint> fromJournal = new LinkedHashMap<>();

    final List<Journal> journals = new ArrayList<>();

    PendingRecreate(DesiredNetwork network, ObservedNetwork current, List<FieldChange> changes) {
      this.network = network;
      this.current = current;
      this.changes = changes;
    }
  }

  PlanRun(DesiredState desired, Snapshot snapshot, PlanOptions options) {
    this.desired = desired;
    this.options = options;
    this.owners = new Owners(desired);
    this.journals = new Journals(snapshot, desired.project());
    Set<String> selectorKeys = new HashSet<>();
    for (DesiredAttachment a : desired.attachments()) {
      if (a.selector() != null) {
        selectorKeys.addAll(a.selector().keySet());
      }
    }
    this.index = new SnapshotIndex(journals.rest(), selectorKeys);
    this.ledger = new Ledger(index);
  }

  Plan plan() {
    if (options.mode() == PlanOptions.Mode.DELETE) {
      planDelete();
    } else {
      desired.networks().forEach(this::planNetwork);
      desired.attachments().forEach(this::selectAttachment);
      planEndpoints();
      planDetachFrom();
      if (options.prune()) {
        pruneEndpoints();
        pruneNetworks();
      }
      blockHeldAddresses();
      recreates.values().forEach(this::finishRecreate);
    }
    return ledger.plan();
  }

  // ---------------------------------------------------------------- journals

  /**
   * A recreate of this network was interrupted (the process died): the journal remembers endpoints
   * that are not on the network now. Finish it: recreate with every endpoint there now plus those,
   * each with its recorded settings and addresses. True when planned; false when the journals only
   * need dropping (everything is back) and the network is planned as usual.
   */
  private boolean finishInterrupted(
      DesiredNetwork n, ObservedNetwork observed, List<Journal> pending) {
    Map<String, ObservedEndpoint> missing = new LinkedHashMap<>();
    for (Journal j : pending) {
      for (ObservedEndpoint e : j.record().endpoints()) {
        boolean exists = index.containerById(e.containerId()) != null;
        boolean back = observed != null && index.endpoint(n.name(), e.containerId()) != null;
        if (exists && !back) {
          missing.putIfAbsent(e.containerId(), e);
        }
      }
    }
    if (missing.isEmpty() && observed != null) {
      pending.forEach(
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
                pending.get(0).record().networkId(), pending.get(0).record().network(), List.of());
    PendingRecreate r =
        new PendingRecreate(n, current, NetworkDiff.strict(n.config(), current.config()));
    r.fromJournal.putAll(missing);
    r.journals.addAll(pending);
    recreates.put(n.name(), r);
    return true;
  }

  /** An endpoint that the pending recreate of this network restores from its journal, else null. */
  private ObservedEndpoint journaled(String network, String containerId) {
    PendingRecreate r = recreates.get(network);
    return r == null ? null : r.fromJournal.get(containerId);
  }

  // ---------------------------------------------------------------- networks

  private void planNetwork(DesiredNetwork n) {
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
        finishInterrupted(n, null, pending);
        return;
      }
      ledger.add(new CreateNetwork(n.ref(), n.config(), "network missing"));
      createdNetworks.add(n.name());
      return;
    }
    if (observed.managed()) {
      planManagedNetwork(n, observed);
    } else {
      planUnmanagedNetwork(n, observed);
    }
  }

  private void planManagedNetwork(DesiredNetwork n, ObservedNetwork observed) {
    if (!owners.ownedBy(observed, n.ref())) {
      ledger.block(
          n.ref(),
          Reason.CONFLICT,
          "network " + n.name() + " is owned by " + Owners.ownerOf(observed));
      return;
    }
    List<Journal> pending = journals.of(n);
    if (!pending.isEmpty() && finishInterrupted(n, observed, pending)) {
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
    recreates.put(n.name(), new PendingRecreate(n, observed, changes));
  }

  private void planUnmanagedNetwork(DesiredNetwork n, ObservedNetwork observed) {
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

  /** Remove and create again, restoring every endpoint but those this plan disconnects. */
  private void finishRecreate(PendingRecreate r) {
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

  // ------------------------------------------------------------- attachments

  /**
   * First pass: what each attachment selects, and the endpoints it made that it no longer wants.
   * Every such disconnect is known before any endpoint is planned, so the result does not depend on
   * the order of the attachments.
   */
  private void selectAttachment(DesiredAttachment a) {
    ledger.cover(a.ref());
    List<ObservedContainer> selected = select(a);
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
    String network = a.network();
    boolean willExist =
        index.network(network) != null
            || createdNetworks.contains(network)
            || recreates.containsKey(network);
    if (!willExist) {
      ledger.block(a.ref(), Reason.NOT_FOUND, "network " + network + " does not exist");
      return;
    }
    selections.add(new Selection(a, selected));
    if (selected.isEmpty()) {
      ledger.note(a.ref(), "no container matches the selector yet");
    }
  }

  private static boolean pinsOneEndpoint(EndpointConfig e) {
    return e.ipv4Address() != null || e.ipv6Address() != null || e.macAddress() != null;
  }

  /** Second pass: the endpoint of every selected container. */
  private void planEndpoints() {
    for (Selection s : selections) {
      for (ObservedContainer c : s.containers()) {
        planEndpoint(s.attachment(), c);
      }
    }
  }

  /** The containers an attachment selects, or null when it cannot be planned (blocked). */
  private List<ObservedContainer> select(DesiredAttachment a) {
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

  private void planEndpoint(DesiredAttachment a, ObservedContainer c) {
    String network = a.network();
    DesiredAttachment other =
        claims.computeIfAbsent(network, x -> new HashMap<>()).putIfAbsent(c.id(), a);
    if (other != null) {
      if (other.endpoint().sameSettings(a.endpoint())) {
        ledger.note(
            a.ref(),
            "container " + c.name() + " on " + network + " is also attached by " + other.ref());
      } else {
        ledger.block(
            a.ref(),
            Reason.CONFLICT,
            "container "
                + c.name()
                + " on "
                + network
                + " is also attached by "
                + other.ref()
                + " with different settings");
      }
      return;
    }
    ObservedEndpoint e = createdNetworks.contains(network) ? null : index.endpoint(network, c.id());
    if (e == null) {
      e = journaled(network, c.id()); // the recreate restores it: treat it as there
    }
    if (e == null || ledger.disconnects(network, c.id())) {
      connect(a, c, a.endpoint(), "not on network");
      return;
    }
    String owner = e.config().owner();
    if (a.owner().equals(owner)) {
      List<FieldChange> changes = EndpointDiff.strict(a.endpoint(), e);
      if (changes.isEmpty()) {
        return;
      }
      PendingRecreate recreate = recreates.get(network);
      if (recreate != null) {
        // The recreate disconnects it anyway: restore it with the new settings, once.
        recreate.newSettings.put(c.id(), a.endpoint());
        recreate.settingNotes.add(
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
                + network
                + " is recreated");
        return;
      }
      Disconnect old = ledger.disconnect(a.ref(), e, true, "settings changed");
      connect(a, c, a.endpoint(), Ledger.join(changes), old);
      return;
    }
    if (owner != null && owners.isOrphan(owner) && options.prune()) {
      // The prune pass disconnects the endpoint of the attachment that is gone; this one takes
      // over.
      connect(a, c, a.endpoint(), "replaces the endpoint of " + Owners.refOfEndpointOwner(owner));
      return;
    }
    List<FieldChange> changes = EndpointDiff.compatible(a.endpoint(), e);
    String who = owner == null ? "not managed by dockernet" : "managed by " + owner;
    if (changes.isEmpty()) {
      if (owner == null) {
        ledger.note(
            a.ref(),
            "container "
                + c.name()
                + " is already on "
                + network
                + " ("
                + who
                + "); left as it is");
      }
      return;
    }
    ledger.block(
        a.ref(),
        Reason.CONFLICT,
        "container "
            + c.name()
            + " is already on network "
            + network
            + " ("
            + who
            + ") with different settings: "
            + Ledger.join(changes));
  }

  /**
   * detachFrom runs after every attachment is planned, so that it never undoes another attachment.
   */
  private void planDetachFrom() {
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
          DesiredAttachment wanting = claims.getOrDefault(from, Map.of()).get(c.id());
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

  private void connect(
      DesiredAttachment a, ObservedContainer c, EndpointConfig endpoint, String reason) {
    connect(a, c, endpoint, reason, null);
  }

  private void connect(
      DesiredAttachment a,
      ObservedContainer c,
      EndpointConfig endpoint,
      String reason,
      Disconnect replacing) {
    Connect connect = new Connect(a.ref(), a.network(), c.id(), c.name(), endpoint, reason);
    ledger.add(connect);
    if (endpoint.ipv4Address() != null || endpoint.ipv6Address() != null) {
      staticConnects.add(new StaticConnect(connect, replacing));
    }
  }

  /**
   * A static address another container holds on the network (and keeps: this plan does not
   * disconnect it; a recreate restores it with its address) makes the engine refuse the connect
   * mid-apply: block it now, naming the holder. An earlier connect of this plan holds it too. The
   * endpoint's old settings then stay as they are.
   */
  private void blockHeldAddresses() {
    Map<String, StaticConnect> wanted = new HashMap<>();
    for (StaticConnect s : staticConnects) {
      Connect c = s.connect();
      String holder = null;
      String address = null;
      for (String want : new String[] {c.endpoint().ipv4Address(), c.endpoint().ipv6Address()}) {
        if (want != null && holder == null) {
          holder = holderOf(c.network(), c.containerId(), want);
          address = want;
          if (holder == null) {
            StaticConnect earlier = wanted.get(c.network() + " " + canonical(want));
            if (earlier != null && !earlier.connect().containerId().equals(c.containerId())) {
              holder =
                  earlier.connect().containerName()
                      + " (connected by "
                      + earlier.connect().resource()
                      + " in this plan)";
            }
          }
        }
      }
      if (holder == null) {
        for (String want : new String[] {c.endpoint().ipv4Address(), c.endpoint().ipv6Address()}) {
          if (want != null) {
            wanted.putIfAbsent(c.network() + " " + canonical(want), s);
          }
        }
        continue;
      }
      ledger.withdraw(c, s.replacing());
      ledger.block(
          c.resource(),
          Reason.CONFLICT,
          "address "
              + address
              + " on network "
              + c.network()
              + " is held by container "
              + holder
              + "; container "
              + c.containerName()
              + " not connected");
    }
  }

  /** The container other than {@code containerId} that keeps {@code address} on the network. */
  private String holderOf(String network, String containerId, String address) {
    if (createdNetworks.contains(network)) {
      return null;
    }
    List<ObservedEndpoint> candidates = new ArrayList<>(index.endpoints(network).values());
    PendingRecreate r = recreates.get(network);
    if (r != null) {
      candidates.addAll(r.fromJournal.values());
    }
    for (ObservedEndpoint e : index.sortedByContainer(candidates)) {
      if (e.containerId().equals(containerId) || ledger.disconnects(network, e.containerId())) {
        continue;
      }
      // The assigned address, or (a stopped container) the static one it starts with.
      for (String held :
          new String[] {
            e.ipv4Address(), e.config().ipv4Address(), e.ipv6Address(), e.config().ipv6Address()
          }) {
        if (held != null && !held.isEmpty() && NetworkDiff.sameAddress(held, address)) {
          return index.containerName(e);
        }
      }
    }
    return null;
  }

  private static String canonical(String address) {
    IPAddress a = new IPAddressString(address).getAddress();
    return a == null ? address : a.toCanonicalString();
  }

  // ------------------------------------------------------------------- prune

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

  // ------------------------------------------------------------------ delete

  private void planDelete() {
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

  // ----------------------------------------------------------------- helpers

}
