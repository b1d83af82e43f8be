package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostStatus;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineException;
import io.dockernet.model.EngineInfo;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.List;

/**
 * Checks that a DockerHost's engine answers and records its versions and swarm role. Secrets are
 * read but their content never reaches status, events or logs. A host is also checked again when
 * its engine's event stream breaks or comes back, so that reachability follows an engine that stops
 * and restarts. The resources naming a host follow its spec, reachability and share through {@link
 * HostEvents}.
 */
// Called on delete events too (DockerHosts carry no finalizer; a host relabelled out of
// --host-selector leaves the informer as a delete): its engine and TLS files are released then.
@ControllerConfiguration(name = DockerHostReconciler.NAME, triggerReconcilerOnAllEvents = true)
public class DockerHostReconciler implements Reconciler<DockerHost>, Engines.Listener {
  public static final String NAME = "dockerhost";
  static final Duration RECHECK = Duration.ofSeconds(30);

  private final OperatorContext op;

  /**
   * Per host, the engine's {@link Engines.Engine#streamChanges} when its {@code info} last
   * answered: a recheck while the stream stayed up since (it probes a silent engine itself) does
   * not call the engine again.
   */
  private final java.util.Map<String, Long> answered =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final SimpleInboundEventSource<DockerHost> engineChanges =
      new SimpleInboundEventSource<>("dockerhost-engine");

  DockerHostReconciler(OperatorContext op) {
    this.op = op;
    op.engines().addListener(this);
  }

  @Override
  public List<EventSource<?, DockerHost>> prepareEventSources(
      EventSourceContext<DockerHost> context) {
    return List.of(engineChanges);
  }

  @Override
  public void onEvent(String hostKey, EngineEvent event) {
    // Network and container events do not change a host's reachability or versions.
  }

  /**
   * The engine's stream broke or reconnected: check the host now rather than at the next RECHECK.
   */
  @Override
  public void resync(String hostKey) {
    if (hostKey.startsWith(HostResolver.HOST_KEY_PREFIX)) {
      engineChanges.propagateEvent(
          new ResourceID(hostKey.substring(HostResolver.HOST_KEY_PREFIX.length())));
    }
  }

  @Override
  public UpdateControl<DockerHost> reconcile(DockerHost host, Context<DockerHost> context) {
    if (context.isPrimaryResourceDeleted() || context.isPrimaryResourceFinalStateUnknown()) {
      op.engines()
          .forget(
              HostResolver.HOST_KEY_PREFIX
                  + host.getMetadata().getName()); // its connections and event stream
      op.resolver().forgetTls(host.getMetadata().getName());
      answered.remove(host.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    if (!op.resolver().servesHost(host)) {
      return UpdateControl.noUpdate();
    }
    DockerHostStatus before =
        host.getStatus() == null ? null : Serialization.clone(host.getStatus());
    DockerHostStatus status = new DockerHostStatus();
    Conditions c =
        Conditions.from(
            before == null ? List.of() : before.getConditions(),
            host.getMetadata().getGeneration());
    HostResolver.Resolution resolution = op.resolver().engineFor(host);
    if (resolution instanceof HostResolver.Refuse refuse) {
      c.problem(refuse.reason(), refuse.message());
    } else if (resolution instanceof HostResolver.Use use) {
      if (stillAnswering(host, before, use)) {
        return UpdateControl.<DockerHost>noUpdate().rescheduleAfter(RECHECK);
      }
      try {
        Engines.Engine engine = op.engines().get(use.key(), use.config(), use.fingerprint());
        long changes = engine.streamChanges();
        EngineInfo info = engine.gateway().info();
        answered.put(host.getMetadata().getName(), changes);
        status.setReachable(true);
        status.setEngineVersion(info.engineVersion());
        status.setApiVersion(info.apiVersion());
        status.setSwarmRole(info.swarmRole());
        c.readyWhenClean(
            Reason.REACHABLE,
            "engine "
                + info.engineVersion()
                + " (API "
                + info.apiVersion()
                + ") answers at "
                + host.getSpec().getEndpoint());
      } catch (EngineException e) {
        answered.remove(host.getMetadata().getName());
        status.setReachable(false);
        if (e.reason().isTransient()) {
          op.metrics().engineError(Reason.ENGINE_UNAVAILABLE.code());
          c.problem(
              Reason.ENGINE_UNAVAILABLE,
              "engine at " + host.getSpec().getEndpoint() + " does not answer: " + e.getMessage());
        } else { // e.g. TLS material that does not parse: only a change of the Secret helps
          c.problem(
              Reason.INVALID, "engine at " + host.getSpec().getEndpoint() + ": " + e.getMessage());
        }
      }
    }
    if (!(resolution instanceof HostResolver.Use)) {
      answered.remove(host.getMetadata().getName());
    }
    status.setConditions(c.build());
    status.setObservedGeneration(host.getMetadata().getGeneration());
    if (c.hasProblems()
        && (before == null || Conditions.differs(before.getConditions(), status.getConditions()))) {
      op.events()
          .warning(
              host,
              Conditions.find(status.getConditions(), Conditions.READY).getReason(),
              Conditions.find(status.getConditions(), Conditions.READY).getMessage());
    }
    if (Conditions.differs(before, status)) {
      op.statusWriter().write(host, status);
    }
    return UpdateControl.<DockerHost>noUpdate().rescheduleAfter(RECHECK);
  }

  /**
   * A recheck with nothing to learn: the host is Ready for this generation, its Secret and spec
   * still give the engine open now, and that engine's event stream has stayed up since its {@code
   * info} last answered. Quiet hosts then cost one Secret read per recheck, no engine call.
   */
  private boolean stillAnswering(DockerHost host, DockerHostStatus before, HostResolver.Use use) {
    Engines.Engine open = op.engines().current(use.key(), use.fingerprint());
    Long changes = answered.get(host.getMetadata().getName());
    return open != null
        && !open.streamBroken()
        && changes != null
        && changes == open.streamChanges()
        && before != null
        && Boolean.TRUE.equals(before.getReachable())
        && java.util.Objects.equals(
            before.getObservedGeneration(), host.getMetadata().getGeneration())
        && isReady(before);
  }

  private static boolean isReady(DockerHostStatus status) {
    io.fabric8.kubernetes.api.model.Condition ready =
        Conditions.find(status.getConditions(), Conditions.READY);
    return ready != null && Conditions.TRUE.equals(ready.getStatus());
  }
}
