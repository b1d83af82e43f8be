package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.DockerNetworkPolicyStatus;
import io.dockernet.engine.EngineEvent;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.policy.Netfilter;
import io.dockernet.policy.PolicyCompiler;
import io.dockernet.policy.PolicyEnforcer;
import io.dockernet.validate.Finding;
import io.dockernet.validate.Locator;
import io.dockernet.validate.Problem;
import io.dockernet.validate.Validator;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Enforces the DockerNetworkPolicies of an engine in this host's netfilter, as the CLI does. Every
 * reconcile enforces the whole set of the engine (policies are a union per container), so one
 * policy changing, a container coming or going, or a periodic resync all heal every rule. Only an
 * operator beside its engine (a unix socket, host networking and NET_ADMIN: the opt-in {@code
 * policies.enabled}) can enforce; otherwise status says {@code PolicyUnsupported}.
 */
@ControllerConfiguration(name = DockerNetworkPolicyReconciler.NAME)
public class DockerNetworkPolicyReconciler
    implements Reconciler<DockerNetworkPolicy>, Cleaner<DockerNetworkPolicy>, Engines.Listener {
  public static final String NAME = "dockernetworkpolicy";
  static final String BY_HOST = "byHost";

  /** Engine events that change which containers policies select, or their addresses. */
  static final Set<String> CONTAINER_ACTIONS =
      Set.of("start", "die", "destroy", "restart", "unpause");

  static final Set<String> NETWORK_ACTIONS = Set.of("create", "destroy", "connect", "disconnect");

  private final OperatorContext op;
  private final Netfilter netfilter;
  private final PolicyStatuses statuses;
  private final SimpleInboundEventSource<DockerNetworkPolicy> engineEvents =
      new SimpleInboundEventSource<>("dockernetworkpolicy-engine-events");
  private volatile IndexerResourceCache<DockerNetworkPolicy> cache;
  private volatile HostEvents<DockerNetworkPolicy> hostEvents;

  DockerNetworkPolicyReconciler(OperatorContext op, Netfilter netfilter) {
    this.op = op;
    this.netfilter = netfilter;
    this.statuses = new PolicyStatuses(op);
    op.engines().addListener(this);
  }

  String specHost(DockerNetworkPolicy p) {
    return p.getSpec() == null ? null : p.getSpec().getHost();
  }

  /**
   * Rules are written for this owner; the CLI's projects are other owners and are never replaced.
   */
  String owner() {
    return "operator-" + op.settings().project();
  }

  @Override
  public List<EventSource<?, DockerNetworkPolicy>> prepareEventSources(
      EventSourceContext<DockerNetworkPolicy> context) {
    IndexerResourceCache<DockerNetworkPolicy> primaries = context.getPrimaryCache();
    primaries.addIndexer(BY_HOST, p -> List.of(op.resolver().hostKey(specHost(p))));
    this.cache = primaries;
    hostEvents = HostEvents.of(op, context, key -> primaries.byIndex(BY_HOST, key).stream());
    return List.of(engineEvents, hostEvents);
  }

  /** The DockerHosts whose events reconcile policies (null before the event sources exist). */
  private DockerHost host(String name) {
    HostEvents<DockerNetworkPolicy> h = hostEvents;
    return h == null ? null : h.cached(name);
  }

  /** For event filters: is this policy's host in this deployment's share. */
  boolean served(DockerNetworkPolicy policy) {
    return op.resolver().serves(specHost(policy), this::host);
  }

  @Override
  public UpdateControl<DockerNetworkPolicy> reconcile(
      DockerNetworkPolicy policy, Context<DockerNetworkPolicy> context) {
    DockerNetworkPolicyStatus before = PolicyStatuses.copy(policy.getStatus());
    HostResolver.Resolution resolution =
        op.resolver().resolve(policy.getMetadata().getNamespace(), specHost(policy), this::host);
    if (resolution instanceof HostResolver.NotServed) {
      op.engines().forget(op.resolver().hostKey(specHost(policy))); // left this share
      return UpdateControl.noUpdate();
    }
    if (resolution instanceof HostResolver.Refuse refuse) {
      return statuses.write(policy, before, null, refuse.reason().code(), refuse.message());
    }
    HostResolver.Use use = (HostResolver.Use) resolution;
    List<String> offline = problems(Validator.policyFindings(List.of(policy), Locator.NONE));
    if (!offline.isEmpty()) {
      return statuses.write(
          policy, before, null, PolicyStatuses.INVALID, String.join("; ", offline));
    }
    if (!use.config().host().startsWith("unix://")) {
      return statuses.write(
          policy,
          before,
          null,
          PolicyStatuses.UNSUPPORTED,
          PolicyStatuses.remote(use.config().host()));
    }
    Engines.Engine engine = op.engines().get(use.key(), use.config(), use.fingerprint());
    PolicyEnforcer.Enforcement enforced;
    Snapshot snapshot;
    engine.lock().lock();
    try {
      snapshot = engine.gateway().snapshot();
      List<String> engineProblems =
          problems(
              Validator.policyEngineFindings(List.of(policy), List.of(), Locator.NONE, snapshot));
      if (!engineProblems.isEmpty()) {
        enforceAll(use.key(), snapshot, null);
        return statuses.write(
            policy, before, null, PolicyStatuses.INVALID, String.join("; ", engineProblems));
      }
      enforced = enforceAll(use.key(), snapshot, null);
    } catch (Netfilter.NetfilterException e) {
      return statuses.write(policy, before, null, PolicyStatuses.UNSUPPORTED, e.getMessage());
    } finally {
      engine.lock().unlock();
    }
    PolicyCompiler.Coverage coverage =
        enforced.compiled().coverage().get(DesiredState.ref(policy).key());
    if (enforced.changed()) {
      op.events().normal(policy, "RulesChanged", String.join("\n", enforced.summary()));
    }
    if (coverage == null) {
      return statuses.write(policy, before, null, PolicyStatuses.FAILED, "not enforced");
    }
    if (coverage.problem() != null) {
      return statuses.write(policy, before, coverage, PolicyStatuses.INVALID, coverage.problem());
    }
    return statuses.write(
        policy,
        before,
        coverage,
        PolicyStatuses.ENFORCED,
        coverage.containers()
            + " container(s) covered, "
            + coverage.rules()
            + " rule(s) installed");
  }

  /**
   * Enforces every valid policy of the engine, leaving out {@code deleted}; rules of no policy are
   * removed.
   */
  private PolicyEnforcer.Enforcement enforceAll(
      String hostKey, Snapshot snapshot, DockerNetworkPolicy deleted) {
    List<DockerNetworkPolicy> all = new ArrayList<>();
    for (DockerNetworkPolicy p : cache.byIndex(BY_HOST, hostKey)) {
      boolean gone =
          p.getMetadata().getDeletionTimestamp() != null
              || (deleted != null && DesiredState.ref(p).equals(DesiredState.ref(deleted)));
      if (!gone
          && Validator.policyFindings(List.of(p), Locator.NONE).isEmpty()
          && Validator.policyEngineFindings(List.of(p), List.of(), Locator.NONE, snapshot)
              .isEmpty()) {
        all.add(p);
      }
    }
    return new PolicyEnforcer(netfilter, owner()).enforce(all, snapshot);
  }

  @Override
  public DeleteControl cleanup(DockerNetworkPolicy policy, Context<DockerNetworkPolicy> context) {
    HostResolver.Resolution resolution =
        op.resolver().resolve(policy.getMetadata().getNamespace(), specHost(policy), this::host);
    if (resolution instanceof HostResolver.NotServed) {
      return DeleteControl.noFinalizerRemoval();
    }
    if (!(resolution instanceof HostResolver.Use use)
        || !use.config().host().startsWith("unix://")) {
      return DeleteControl.defaultDelete(); // nothing of it was ever installed
    }
    Engines.Engine engine = op.engines().get(use.key(), use.config(), use.fingerprint());
    engine.lock().lock();
    try {
      enforceAll(use.key(), engine.gateway().snapshot(), policy);
    } catch (Netfilter.NetfilterException e) {
      // Nothing could have been installed here either.
    } finally {
      engine.lock().unlock();
    }
    return DeleteControl.defaultDelete();
  }

  @Override
  public void onEvent(String hostKey, EngineEvent event) {
    boolean relevant =
        "container".equals(event.type())
            ? CONTAINER_ACTIONS.contains(event.action())
            : "network".equals(event.type()) && NETWORK_ACTIONS.contains(event.action());
    if (relevant) {
      resync(hostKey);
    }
  }

  @Override
  public void resync(String hostKey) {
    if (cache == null) {
      return;
    }
    // One is enough: each reconcile enforces the whole set of the engine.
    cache.byIndex(BY_HOST, hostKey).stream()
        .findFirst()
        .ifPresent(p -> engineEvents.propagateEvent(ResourceID.fromResource(p)));
  }

  private static List<String> problems(List<Finding> findings) {
    return findings.stream().map(Finding::problem).map(Problem::toString).toList();
  }
}
