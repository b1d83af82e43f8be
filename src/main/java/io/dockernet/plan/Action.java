package io.dockernet.plan;

import io.dockernet.model.EndpointConfig;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.RecreateJournal;
import io.dockernet.model.ResourceRef;
import java.util.List;

/**
 * One step of a plan, on behalf of one resource, with the reason a person reads in {@code plan}.
 * Each action says when it runs ({@link #phase}), what it does ({@link #verb}) and to what ({@link
 * #target}); only the executor looks at which kind it is. {@link Blocked} is a step that must not
 * be taken: the executor reports it and calls nothing.
 */
public sealed interface Action {

  ResourceRef resource();

  /**
   * Why this action is needed, e.g. "network missing" or "ipam.config[0].subnet 10.1.0.0/24 ->
   * 10.2.0.0/24".
   */
  String reason();

  /** When it runs: its verb's phase, unless the action says otherwise. */
  default Phase phase() {
    return verb().phase();
  }

  Verb verb();

  /** The Docker network it works on ("" for blocked steps): actions on one network run in order. */
  String network();

  /** The container it works on, for connects and disconnects (else null). */
  default String containerName() {
    return null;
  }

  /** The id of the container it works on, for connects and disconnects (else null). */
  default String containerId() {
    return null;
  }

  /** The endpoint settings a connect makes (else null). */
  default EndpointConfig endpoint() {
    return null;
  }

  /**
   * What it acts on, after the verb: "network web", "c1 to web", "c1 from web" ("" when blocked).
   */
  default String target() {
    String container = containerName();
    return container == null ? "network " + network() : container + verb().toNetwork() + network();
  }

  /** The same action with another reason (e.g. one that names where its subnet came from). */
  Action withReason(String reason);

  /** "created network web": a finished action, in an event or a report. */
  default String done() {
    return verb().done() + " " + target();
  }

  /** "creating network web": an action under way, in a failure message. */
  default String doing() {
    return verb().doing() + " " + target();
  }

  record CreateNetwork(ResourceRef resource, NetworkConfig config, String reason)
      implements Action {
    @Override
    public CreateNetwork withReason(String reason) {
      return new CreateNetwork(resource, config, reason);
    }

    @Override
    public Phase phase() {
      return config.configOnly() ? Phase.CREATE_CONFIG_ONLY : Phase.CREATE;
    }

    @Override
    public Verb verb() {
      return Verb.CREATE;
    }

    @Override
    public String network() {
      return config.name();
    }
  }

  /**
   * {@code configOnly}: other networks may take their config from it, so it goes after them. The
   * journal of an interrupted recreate is a config-only network too, dropped after every recreate.
   */
  record RemoveNetwork(
      ResourceRef resource, String networkId, String networkName, boolean configOnly, String reason)
      implements Action {
    @Override
    public RemoveNetwork withReason(String reason) {
      return new RemoveNetwork(resource, networkId, networkName, configOnly, reason);
    }

    @Override
    public Phase phase() {
      if (!configOnly) {
        return Phase.REMOVE;
      }
      return isJournal() ? Phase.DROP_JOURNAL : Phase.REMOVE_CONFIG_ONLY;
    }

    /** The journal of a recreate of {@link #journalOf()}, not a network anyone declared. */
    public boolean isJournal() {
      return configOnly && journalOf() != null;
    }

    /** The network whose recreate this journal records, or null when it is no journal. */
    public String journalOf() {
      return RecreateJournal.networkOfJournalName(networkName);
    }

    @Override
    public Verb verb() {
      return Verb.REMOVE;
    }

    @Override
    public String network() {
      return networkName;
    }
  }

  /**
   * Remove and create again because Docker-immutable fields differ; every endpoint in {@code
   * restore} (ours or not) is reconnected afterwards with its recorded settings and addresses.
   */
  record RecreateNetwork(
      ResourceRef resource,
      ObservedNetwork current,
      NetworkConfig config,
      List<FieldChange> changes,
      List<ObservedEndpoint> restore,
      String reason)
      implements Action {
    public RecreateNetwork {
      changes = List.copyOf(changes);
      restore = List.copyOf(restore);
    }

    @Override
    public RecreateNetwork withReason(String reason) {
      return new RecreateNetwork(resource, current, config, changes, restore, reason);
    }

    @Override
    public Verb verb() {
      return Verb.RECREATE;
    }

    @Override
    public String network() {
      return config.name();
    }

    @Override
    public String done() {
      return Action.super.done() + " restoring " + restore.size() + " endpoint(s)";
    }
  }

  record Connect(
      ResourceRef resource,
      String network,
      String containerId,
      String containerName,
      EndpointConfig endpoint,
      String reason)
      implements Action {
    @Override
    public Connect withReason(String reason) {
      return new Connect(resource, network, containerId, containerName, endpoint, reason);
    }

    @Override
    public Verb verb() {
      return Verb.CONNECT;
    }
  }

  record Disconnect(
      ResourceRef resource,
      String network,
      String containerId,
      String containerName,
      boolean managed,
      String reason)
      implements Action {
    @Override
    public Disconnect withReason(String reason) {
      return new Disconnect(resource, network, containerId, containerName, managed, reason);
    }

    @Override
    public Verb verb() {
      return Verb.DISCONNECT;
    }
  }

  /**
   * A change the plan will not make, and why ({@link Reason#CONFLICT}, UpdateBlocked, InUse,
   * NotFound, Invalid, Unsupported).
   */
  record Blocked(ResourceRef resource, Reason code, String reason) implements Action {
    @Override
    public Blocked withReason(String reason) {
      return new Blocked(resource, code, reason);
    }

    @Override
    public Verb verb() {
      return Verb.BLOCKED;
    }

    @Override
    public String network() {
      return "";
    }

    @Override
    public String target() {
      return "";
    }
  }
}
