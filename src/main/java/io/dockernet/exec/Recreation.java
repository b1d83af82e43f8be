package io.dockernet.exec;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.model.Cidr;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.Ownership;
import io.dockernet.model.RecreateJournal;
import io.dockernet.plan.Action.RecreateNetwork;
import io.dockernet.plan.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Recreates one network without losing endpoints: disconnect every recorded endpoint, remove,
 * create with the new settings, reconnect each endpoint with its recorded settings (its driver
 * options included, so an endpoint we do not manage stays unmanaged). A dynamically assigned
 * address that fits a configured subnet of the network is requested again as a static one, so that
 * the container keeps its IP.
 *
 * <p>Before touching anything it writes a {@link RecreateJournal} to the engine (every endpoint to
 * restore), and removes it only when nothing is left to restore: if the process dies half-way, the
 * next round's plan finds the journal and finishes the recreate.
 *
 * <p>When anything fails half-way the network is put back: if the disconnects or the removal fail,
 * the endpoints go back on the old network; if the new create fails, the old settings are created
 * again. Every endpoint that could not be restored is named in the result.
 */
public final class Recreation {
  private final EngineCalls engine;
  private final RecreateNetwork action;
  private final List<String> messages = new ArrayList<>();
  private boolean networkGone;
  private String journalId;

  Recreation(EngineCalls engine, RecreateNetwork action) {
    this.engine = engine;
    this.action = action;
  }

  Step run() {
    String name = action.config().name();
    String oldId = action.current().id();
    try {
      RecreateJournal journal =
          new RecreateJournal(
              action.config().labels().get(Ownership.PROJECT),
              action.resource().key(),
              oldId,
              action.current().config(),
              action.restore());
      journalId = engine.createNetwork(journal.toNetworkConfig());
    } catch (RuntimeException failure) {
      return failed(
          failure,
          "could not record the endpoints of "
              + name
              + " before recreating it ("
              + Reasons.message(failure)
              + "); network left unchanged",
          List.of());
    }
    List<ObservedEndpoint> disconnected = new ArrayList<>();
    for (ObservedEndpoint e : action.restore()) {
      try {
        engine.disconnect(oldId, e.containerId());
        disconnected.add(e);
      } catch (RuntimeException failure) {
        List<String> lost = reconnectAll(oldId, disconnected, action.current().config());
        return failed(
            failure,
            "could not disconnect "
                + e.containerName()
                + " from "
                + name
                + " ("
                + Reasons.message(failure)
                + "); network left unchanged",
            lost);
      }
    }
    try {
      engine.removeNetwork(oldId);
    } catch (RuntimeException failure) {
      List<String> lost = reconnectAll(oldId, disconnected, action.current().config());
      return failed(
          failure,
          "could not remove network "
              + name
              + " ("
              + Reasons.message(failure)
              + "); network left unchanged",
          lost);
    }
    try {
      String newId = create(action.config());
      List<String> lost = reconnectAll(newId, action.restore(), action.config());
      if (!lost.isEmpty()) {
        return failed(
            null,
            "recreated network "
                + name
                + " ("
                + action.reason()
                + ") but not every endpoint came back",
            lost);
      }
      messages.add(0, "recreated network " + name + " (" + action.reason() + ")");
      dropJournal();
      return new Step(action, true, Outcome.RECREATED, null, String.join("; ", messages));
    } catch (RuntimeException createFailure) {
      return putOldBack(createFailure);
    }
  }

  /**
   * Creates, or finds the network that an interrupted run's create (finished by the engine after it
   * died) made.
   */
  private String create(NetworkConfig config) {
    try {
      return engine.createNetwork(config);
    } catch (RuntimeException failure) {
      String id = engine.createdByAnInterruptedRun(config, failure);
      if (id == null) {
        throw failure;
      }
      return id;
    }
  }

  /** True when the run left no network of that name (new and old settings both refused). */
  boolean networkGone() {
    return networkGone;
  }

  /** The new settings were refused: create the old network again so that no endpoint is lost. */
  private Step putOldBack(RuntimeException createFailure) {
    String name = action.config().name();
    NetworkConfig old = action.current().config();
    String oldAgain;
    try {
      oldAgain = engine.createNetwork(old);
    } catch (RuntimeException oldFailure) {
      networkGone = true;
      List<String> lost =
          action.restore().stream()
              .map(e -> e.containerName() + " (network " + name + " is gone)")
              .toList();
      return failed(
          createFailure,
          "creating network "
              + name
              + " with the new settings failed ("
              + Reasons.message(createFailure)
              + ") and creating it again with the old ones failed too ("
              + Reasons.message(oldFailure)
              + ")",
          lost);
    }
    List<String> lost = reconnectAll(oldAgain, action.restore(), old);
    return failed(
        createFailure,
        "creating network "
            + name
            + " with the new settings failed ("
            + Reasons.message(createFailure)
            + "); recreated it with its old settings",
        lost);
  }

  private Step failed(RuntimeException cause, String what, List<String> lost) {
    if (lost.isEmpty() && !networkGone) {
      dropJournal(); // every endpoint is where it was: nothing to finish later
    }
    List<String> all = new ArrayList<>();
    all.add(what);
    all.addAll(messages);
    if (!lost.isEmpty()) {
      all.add("endpoints not restored: " + String.join(", ", lost));
    }
    Reason reason = cause == null ? Reason.ENGINE_ERROR : Reasons.of(cause);
    return Step.failed(action, reason, String.join("; ", all));
  }

  /**
   * The journal is only bookkeeping: failing to remove it costs a no-op removal in the next round.
   */
  private void dropJournal() {
    if (journalId == null) {
      return;
    }
    try {
      engine.removeNetwork(journalId);
    } catch (RuntimeException e) {
      messages.add(
          "could not remove the recreate journal ("
              + Reasons.message(e)
              + "); the next round removes it");
    }
    journalId = null;
  }

  /** Reconnects each endpoint; returns "container (why)" for every one that did not come back. */
  private List<String> reconnectAll(
      String networkId, List<ObservedEndpoint> endpoints, NetworkConfig network) {
    List<String> lost = new ArrayList<>();
    for (ObservedEndpoint e : endpoints) {
      String problem = reconnect(networkId, e, network);
      if (problem != null) {
        lost.add(e.containerName() + " (" + problem + ")");
      }
    }
    return lost;
  }

  private String reconnect(String networkId, ObservedEndpoint e, NetworkConfig network) {
    EndpointConfig settings = addressesFor(e, network);
    try {
      engine.connect(networkId, e.containerId(), settings);
      if (settings.ipv4Address() == null && e.config().ipv4Address() != null
          || settings.ipv6Address() == null && e.config().ipv6Address() != null) {
        messages.add(
            e.containerName() + " lost its static address (it does not fit the new subnets)");
      }
      return null;
    } catch (RuntimeException failure) {
      if (settings.ipv4Address() == null && settings.ipv6Address() == null) {
        return Reasons.message(failure);
      }
    }
    try {
      engine.connect(networkId, e.containerId(), settings.withAddresses(null, null));
      messages.add(e.containerName() + " came back with a new address (its old one was refused)");
      return null;
    } catch (RuntimeException failure) {
      return Reasons.message(failure);
    }
  }

  /**
   * The endpoint's recorded settings, with the addresses it can keep on this network: a static
   * address stays when a configured subnet holds it (else it cannot survive: the engine refuses
   * it), and a dynamically assigned one is requested again as static when a configured subnet holds
   * it. {@code plan} shows the same, so that what it says an endpoint keeps is what it keeps.
   */
  public static EndpointConfig addressesFor(ObservedEndpoint e, NetworkConfig network) {
    EndpointConfig c = e.config();
    String v4 =
        c.ipv4Address() != null
            ? keepIfFits(c.ipv4Address(), network)
            : keepIfFits(e.ipv4Address(), network);
    String v6 =
        c.ipv6Address() != null
            ? keepIfFits(c.ipv6Address(), network)
            : keepIfFits(e.ipv6Address(), network);
    return c.withAddresses(v4, v6);
  }

  private static String keepIfFits(String address, NetworkConfig network) {
    return fits(address, network) ? address : null;
  }

  private static boolean fits(String address, NetworkConfig network) {
    if (address == null) {
      return false;
    }
    IPAddress ip = new IPAddressString(address).getAddress();
    if (ip == null) {
      return false;
    }
    for (IpamPool pool : network.ipamPools()) {
      IPAddress subnet = Cidr.parse(pool.subnet());
      if (subnet != null
          && subnet.getIPVersion() == ip.getIPVersion()
          && subnet.toPrefixBlock().contains(ip)
          && !address.equals(pool.gateway())) {
        return true;
      }
    }
    return false;
  }
}
