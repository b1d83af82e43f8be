package io.dockernet.engine;

import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.Snapshot;

/**
 * The only code that talks to a Docker engine. Every method maps engine failures to an {@link
 * EngineException} with a typed {@link EngineException.Reason}, and counts its calls.
 */
public interface DockerGateway extends AutoCloseable {

  EngineInfo info();

  /**
   * Every network (with endpoints) and every container (running or not), in a constant number of
   * reads.
   */
  Snapshot snapshot();

  /**
   * The same, with engine info the caller read moments ago instead of a fresh GET /info: dockerd
   * answers /info by running runc and docker-init for their versions (~30 ms, ~10 ms of CPU).
   */
  default Snapshot snapshot(EngineInfo known) {
    return snapshot();
  }

  /**
   * Creates the network exactly as configured (fields docker-java lacks go as raw engine JSON);
   * returns its id.
   */
  String createNetwork(NetworkConfig config);

  void removeNetwork(String networkIdOrName);

  /**
   * Connects a container with these endpoint settings (driver options, link-local IPs... included).
   */
  void connect(String networkIdOrName, String containerIdOrName, EndpointConfig endpoint);

  void disconnect(String networkIdOrName, String containerIdOrName);

  /**
   * Streams engine events for networks and containers until the returned handle is closed.
   * Reconnects with backoff after the stream breaks and then calls {@link EngineEvents#resync()}.
   */
  AutoCloseable events(EngineEvents listener);

  /** Calls made so far, by kind ("networks.list", "networks.create", ...). */
  CallCounter calls();

  @Override
  void close();
}
