package io.dockernet.engine;

import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.Snapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link DockerGateway} over docker-java's HTTP transport (httpclient5), speaking the engine's
 * JSON. Thread-safe. Calls are counted in {@link #calls()} by kind: "info", "networks.list",
 * "containers.list", "containers.inspect", "networks.create", "networks.remove",
 * "networks.connect", "networks.disconnect", "events".
 */
public final class DockerJavaGateway implements DockerGateway {
  private final EngineConfig config;
  private final CallCounter calls = new CallCounter();
  private final EngineHttp http;
  private final SnapshotReader snapshots;
  private final List<AutoCloseable> streams = new CopyOnWriteArrayList<>();
  private volatile EngineInfo info;

  /**
   * @throws IllegalArgumentException when the config is unusable (bad host, insecure tcp not
   *     allowed, missing certificates)
   */
  public DockerJavaGateway(EngineConfig config) {
    config.uri(); // validate before building anything
    this.config = config;
    this.http = EngineHttp.forCalls(config, calls);
    this.snapshots = new SnapshotReader(http);
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Keeps what container inspects told about endpoints in {@code file} between processes (the CLI
   * uses one per engine), so that a run on an unchanged engine reads it in 3 calls instead of 3 +
   * one per container. Entries are used only while the container's endpoint ids are unchanged; an
   * unreadable or unwritable file only costs the inspects.
   */
  public DockerJavaGateway persistEndpointCache(java.nio.file.Path file) {
    snapshots.persistTo(file);
    return this;
  }

  /** Reads GET /info (versions, swarm role, name) every time: the swarm role can change. */
  @Override
  public EngineInfo info() {
    EngineHttp.Reply reply = http.get("info", "/info");
    String apiVersion = reply.apiVersion();
    if (apiVersion == null) {
      // Every engine answer carries Api-Version; a proxy in between may drop it.
      apiVersion = http.get("version", "/version").body().path("ApiVersion").asText(null);
    }
    EngineInfo fresh = EngineJson.engineInfo(reply.body(), apiVersion);
    info = fresh;
    return fresh;
  }

  /** The engine info from the last read, reading it once when never read. */
  private EngineInfo knownInfo() {
    EngineInfo known = info;
    return known != null ? known : info();
  }

  @Override
  public Snapshot snapshot() {
    // Over TLS a second connection costs a handshake, more than the info's wait: in turn there.
    return config.tls() ? snapshots.read(info()) : snapshots.readBeside(this::info);
  }

  @Override
  public Snapshot snapshot(EngineInfo known) {
    return snapshots.read(known);
  }

  @Override
  public String createNetwork(NetworkConfig network) {
    if (network.enableIPv4() != null) {
      requireApi("enableIPv4", "1.47");
    }
    EngineHttp.Reply reply =
        http.post("networks.create", "/networks/create", EngineJson.createBody(network));
    return reply.body().path("Id").asText();
  }

  @Override
  public void removeNetwork(String networkIdOrName) {
    http.delete("networks.remove", "/networks/" + encode(networkIdOrName));
  }

  @Override
  public void connect(String networkIdOrName, String containerIdOrName, EndpointConfig endpoint) {
    if (endpoint.macAddress() != null) {
      requireApi("an endpoint macAddress", "1.44");
    }
    if (endpoint.gwPriority() != null) {
      requireApi("gwPriority", "1.48");
    }
    http.post(
        "networks.connect",
        "/networks/" + encode(networkIdOrName) + "/connect",
        EngineJson.connectBody(containerIdOrName, endpoint));
  }

  @Override
  public void disconnect(String networkIdOrName, String containerIdOrName) {
    var body =
        EngineHttp.JSON.createObjectNode().put("Container", containerIdOrName).put("Force", false);
    http.post("networks.disconnect", "/networks/" + encode(networkIdOrName) + "/disconnect", body);
  }

  /**
   * Starts streaming on its own client; returns once the stream is connected (or after the connect
   * timeout).
   */
  @Override
  public AutoCloseable events(EngineEvents listener) {
    EngineHttp eventsHttp = EngineHttp.forEvents(config, calls);
    // A stream silent for as long as a call may take is checked with GET /version on the calls
    // client.
    EventStream stream =
        new EventStream(
            eventsHttp, listener, () -> http.get("version", "/version"), config.responseTimeout());
    AutoCloseable handle =
        new AutoCloseable() {
          @Override
          public void close() {
            if (streams.remove(this)) {
              stream.close();
              eventsHttp.close();
            }
          }
        };
    streams.add(handle);
    stream.start();
    try {
      stream.awaitConnected(config.connectTimeout().plus(Duration.ofSeconds(1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return handle;
  }

  @Override
  public CallCounter calls() {
    return calls;
  }

  @Override
  public void close() {
    for (AutoCloseable s : streams) {
      try {
        s.close();
      } catch (Exception ignored) {
        // closing our own stream does not throw
      }
    }
    http.close();
  }

  private void requireApi(String what, String version) {
    EngineInfo engine = knownInfo();
    if (!engine.apiAtLeast(version)) {
      throw EngineErrors.unsupported(what, version, engine.apiVersion());
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
