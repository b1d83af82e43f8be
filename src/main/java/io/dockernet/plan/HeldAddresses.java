package io.dockernet.plan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.plan.Action.Connect;
import io.dockernet.plan.Action.Disconnect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A static address another container holds on the network (and keeps: this plan does not disconnect
 * it; a recreate restores it with its address) makes the engine refuse the connect mid-apply: the
 * connect is blocked at plan time, naming the holder. An earlier connect of this plan holds it too.
 * The endpoint's old settings then stay as they are.
 */
final class HeldAddresses {
  private final SnapshotIndex index;
  private final Ledger ledger;
  private final Networks networks;
  private final Recreates recreates;

  /**
   * A connect with a static address, checked once every disconnect is known; {@code replacing} is
   * the disconnect of the same endpoint's old settings, or null.
   */
  private record StaticConnect(Connect connect, Disconnect replacing) {}

  private final List<StaticConnect> staticConnects = new ArrayList<>();

  HeldAddresses(SnapshotIndex index, Ledger ledger, Networks networks, Recreates recreates) {
    this.index = index;
    this.ledger = ledger;
    this.networks = networks;
    this.recreates = recreates;
  }

  /** Checks the connect later ({@link #blockHeld}) when it asks for a static address. */
  void watch(Connect connect, Disconnect replacing) {
    if (connect.endpoint().ipv4Address() != null || connect.endpoint().ipv6Address() != null) {
      staticConnects.add(new StaticConnect(connect, replacing));
    }
  }

  /** Runs once every disconnect of the plan is known. */
  void blockHeld() {
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
  String holderOf(String network, String containerId, String address) {
    if (networks.creates(network)) {
      return null;
    }
    List<ObservedEndpoint> candidates = new ArrayList<>(index.endpoints(network).values());
    candidates.addAll(recreates.journaled(network));
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
}
