package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.engine.EngineEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A converging kind's primary cache and the events that reconcile its resources: the cache is
 * indexed by host key (plus the kind's own indexes), engine events and engine resyncs from {@link
 * Engines} are turned into reconciles of the resources they concern, DockerHost changes arrive
 * through {@link HostEvents}.
 *
 * @param <P> the resource
 */
final class PrimaryEvents<P extends HasMetadata> implements Engines.Listener {
  static final String BY_HOST = "byHost";

  private final OperatorContext op;
  private final SimpleInboundEventSource<P> engineEvents;
  private final Function<P, String> hostKey;
  private final BiFunction<String, EngineEvent, List<P>> affectedBy;

  /** Set once JOSDK prepares the event sources; until then no event is propagated. */
  private volatile IndexerResourceCache<P> cache;

  private volatile HostEvents<P> hostEvents;

  /**
   * @param affectedBy which of the kind's resources an engine event on a host concerns
   */
  PrimaryEvents(
      OperatorContext op,
      String eventSourceName,
      Function<P, String> hostKey,
      BiFunction<String, EngineEvent, List<P>> affectedBy) {
    this.op = op;
    this.engineEvents = new SimpleInboundEventSource<>(eventSourceName);
    this.hostKey = hostKey;
    this.affectedBy = affectedBy;
    op.engines().addListener(this);
  }

  /**
   * Indexes the primary cache (by host, and by {@code indexers}, whose keys start with the host
   * key) and returns the engine-event and DockerHost sources.
   */
  List<EventSource<?, P>> prepare(
      EventSourceContext<P> context, Map<String, Function<P, List<String>>> indexers) {
    IndexerResourceCache<P> primaries = context.getPrimaryCache();
    primaries.addIndexer(BY_HOST, r -> List.of(hostKey.apply(r)));
    indexers.forEach(primaries::addIndexer);
    this.cache = primaries;
    hostEvents = HostEvents.of(op, context, key -> primaries.byIndex(BY_HOST, key).stream());
    return List.of(engineEvents, hostEvents);
  }

  /**
   * The DockerHosts whose events reconcile this kind ({@link HostResolver.Hosts}): null before the
   * event sources exist.
   */
  DockerHost host(String name) {
    HostEvents<P> h = hostEvents;
    return h == null ? null : h.cached(name);
  }

  /** The cached resources under one index key; none before the cache exists. */
  List<P> byIndex(String index, String key) {
    return cache == null ? List.of() : cache.byIndex(index, key);
  }

  /** The cached resource, or null. */
  P get(ResourceID id) {
    return cache == null ? null : cache.get(id).orElse(null);
  }

  /** Every cached resource; none before the cache exists. */
  Stream<P> all() {
    return cache == null ? Stream.empty() : cache.list();
  }

  /** Has JOSDK reconcile this resource (as its cache holds it then). */
  boolean reconcile(ResourceID id) {
    if (cache == null || cache.get(id).isEmpty()) {
      return false;
    }
    engineEvents.propagateEvent(id);
    return true;
  }

  /** Has JOSDK reconcile these resources. */
  void reconcile(Stream<P> resources) {
    resources.forEach(r -> engineEvents.propagateEvent(ResourceID.fromResource(r)));
  }

  @Override
  public void onEvent(String hostKey, EngineEvent event) {
    if (cache == null) {
      return;
    }
    reconcile(affectedBy.apply(hostKey, event).stream());
  }

  @Override
  public void resync(String hostKey) {
    reconcile(byIndex(BY_HOST, hostKey).stream());
  }
}
