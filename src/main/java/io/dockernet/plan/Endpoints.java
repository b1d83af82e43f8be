package io.dockernet.plan;

import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.plan.Action.Connect;
import io.dockernet.plan.Action.Disconnect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint of one selected container on its attachment's network, compared with what is there
 * ({@link EndpointDiff}): missing is connected; ours and different is disconnected and connected
 * again (or restored with the new settings by the network's recreate); someone else's is left as it
 * is when compatible, else a conflict. Two attachments wanting one endpoint agree or conflict.
 */
final class Endpoints {
  private final SnapshotIndex index;
  private final Ledger ledger;
  private final Owners owners;
  private final Networks networks;
  private final Recreates recreates;
  private final HeldAddresses held;
  private final boolean prune;

  /**
   * network → container id → the attachment that wants the container there. By network first: one
   * map with an entry per endpoint outgrows the CPU caches at 10k networks (see SnapshotIndex).
   */
  private final Map<String, Map<String, DesiredAttachment>> claims = new HashMap<>();

  Endpoints(
      SnapshotIndex index,
      Ledger ledger,
      Owners owners,
      Networks networks,
      Recreates recreates,
      HeldAddresses held,
      boolean prune) {
    this.index = index;
    this.ledger = ledger;
    this.owners = owners;
    this.networks = networks;
    this.recreates = recreates;
    this.held = held;
    this.prune = prune;
  }

  /** The attachment that wants the container on the network, or null. */
  DesiredAttachment claimant(String network, String containerId) {
    return claims.getOrDefault(network, Map.of()).get(containerId);
  }

  void plan(DesiredAttachment a, ObservedContainer c) {
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
    ObservedEndpoint e = networks.creates(network) ? null : index.endpoint(network, c.id());
    if (e == null) {
      e = recreates.journaled(network, c.id()); // the recreate restores it: treat it as there
    }
    if (e == null || ledger.disconnects(network, c.id())) {
      connect(a, c, "not on network", null);
      return;
    }
    String owner = e.config().owner();
    if (a.owner().equals(owner)) {
      List<FieldChange> changes = EndpointDiff.strict(a.endpoint(), e);
      if (changes.isEmpty() || recreates.restoreWithNewSettings(a, c, changes)) {
        return;
      }
      Disconnect old = ledger.disconnect(a.ref(), e, true, "settings changed");
      connect(a, c, Ledger.join(changes), old);
      return;
    }
    if (owner != null && owners.isOrphan(owner) && prune) {
      // The prune pass disconnects the endpoint of the attachment that is gone; this one takes
      // over.
      connect(a, c, "replaces the endpoint of " + Owners.refOfEndpointOwner(owner), null);
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

  /** {@code replacing}: the disconnect of the same endpoint's old settings, or null. */
  private void connect(
      DesiredAttachment a, ObservedContainer c, String reason, Disconnect replacing) {
    EndpointConfig endpoint = a.endpoint();
    Connect connect = new Connect(a.ref(), a.network(), c.id(), c.name(), endpoint, reason);
    ledger.add(connect);
    held.watch(connect, replacing);
  }
}
