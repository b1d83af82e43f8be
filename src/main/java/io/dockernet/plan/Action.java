package io.dockernet.plan;

import io.dockernet.model.EndpointConfig;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.ResourceRef;
import java.util.List;

/**
 * One step of a plan, on behalf of one resource, with the reason a person reads in {@code plan}.
 * {@link Blocked} is a step that must not be taken: the executor reports it and calls nothing.
 */
public sealed interface Action {

  ResourceRef resource();

  /** Why this action is needed, e.g. "network missing" or "ipam.config[0].subnet 10.1.0.0/24 -> 10.2.0.0/24". */
  String reason();

  record CreateNetwork(ResourceRef resource, NetworkConfig config, String reason) implements Action {}

  /** {@code configOnly}: other networks may take their config from it, so it goes after them. */
  record RemoveNetwork(ResourceRef resource, String networkId, String networkName, boolean configOnly, String reason)
      implements Action {}

  /**
   * Remove and create again because Docker-immutable fields differ; every endpoint in
   * {@code restore} (ours or not) is reconnected afterwards with its recorded settings and
   * addresses.
   */
  record RecreateNetwork(
      ResourceRef resource, ObservedNetwork current, NetworkConfig config, List<FieldChange> changes,
      List<ObservedEndpoint> restore, String reason) implements Action {
    public RecreateNetwork {
      changes = List.copyOf(changes);
      restore = List.copyOf(restore);
    }
  }

  record Connect(
      ResourceRef resource, String network, String containerId, String containerName, EndpointConfig endpoint,
      String reason) implements Action {}

  record Disconnect(
      ResourceRef resource, String network, String containerId, String containerName, boolean managed,
      String reason) implements Action {}

  /** A change the plan will not make, and why (Conflict, UpdateBlocked, InUse, NotFound, Invalid, Unsupported). */
  record Blocked(ResourceRef resource, String code, String reason) implements Action {}
}
