package io.dockernet.exec;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineException;
import io.dockernet.engine.EngineException.Reason;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.NetworkConfig;

/**
 * The gateway's write calls with retries of transient failures, and with "someone already did it"
 * answers treated as success: the engine is the truth, and rounds may overlap with people.
 *
 * <p>Each method returns null when the call did what was asked, else a note on what was found
 * ("already connected"); failures throw.
 */
final class EngineCalls {
  private final DockerGateway gateway;
  private final FailsafeExecutor<Object> retrying;

  EngineCalls(DockerGateway gateway, Executor.Retry retry) {
    this.gateway = gateway;
    RetryPolicy<Object> policy =
        RetryPolicy.builder()
            .handleIf(e -> e instanceof EngineException ee && ee.isTransient())
            .withBackoff(retry.initialDelay(), retry.maxDelay())
            .withMaxAttempts(retry.maxAttempts())
            .build();
    this.retrying = Failsafe.with(policy);
  }

  String createNetwork(NetworkConfig config) {
    return retrying.get(() -> gateway.createNetwork(config));
  }

  /**
   * After a create failed with {@code failure}: was the network made by our own create, sent by a
   * run that died before the engine answered (the engine finishes requests of dead clients)? Then a
   * network of that name carries exactly the labels asked for (project, owner, spec hash): it is
   * what we want, and its id is returned; else null. A 409 means it is there; a taken pool means
   * the engine may still be creating it (it holds the pool before the name), so look again for a
   * few seconds.
   */
  String createdByAnInterruptedRun(NetworkConfig config, RuntimeException failure) {
    if (!(failure instanceof EngineException e)) {
      return null;
    }
    boolean exists = e.reason() == Reason.CONFLICT;
    boolean poolTaken = e.getMessage() != null && e.getMessage().contains("Pool overlaps");
    if (!exists && !poolTaken) {
      return null;
    }
    long[] waits = exists ? new long[] {0} : new long[] {0, 200, 400, 800, 1600};
    for (long wait : waits) {
      try {
        Thread.sleep(wait);
        String id =
            gateway
                .snapshot()
                .network(config.name())
                .filter(n -> n.config().labels().equals(config.labels()))
                .map(n -> n.id())
                .orElse(null);
        if (id != null) {
          return id;
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return null;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
    return null;
  }

  String removeNetwork(String networkIdOrName) {
    return tolerate(
        () -> gateway.removeNetwork(networkIdOrName), "network already gone", Reason.NOT_FOUND);
  }

  String connect(String network, String container, EndpointConfig endpoint) {
    return tolerate(
        () -> gateway.connect(network, container, endpoint),
        "already connected",
        Reason.ALREADY_CONNECTED);
  }

  String disconnect(String network, String container) {
    return tolerate(
        () -> gateway.disconnect(network, container),
        "already disconnected",
        Reason.NOT_CONNECTED,
        Reason.NOT_FOUND);
  }

  private String tolerate(Runnable call, String note, Reason... done) {
    try {
      retrying.run(call::run);
      return null;
    } catch (EngineException e) {
      for (Reason r : done) {
        if (e.reason() == r) {
          return note;
        }
      }
      throw e;
    }
  }
}
