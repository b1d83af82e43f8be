package io.dockernet.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One Prometheus registry for JOSDK's Micrometer metrics and our own counters, scraped on /metrics:
 * {@code dockernet_actions_applied_total{action}}, {@code dockernet_drift_healed_total{kind}},
 * {@code dockernet_engine_errors_total{reason}}, {@code dockernet_engine_snapshots_total{source}}.
 */
public final class OperatorMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** An action the executor applied successfully (create, connect, recreate, ...). */
  public void actionApplied(String action) {
    Counter.builder("dockernet.actions.applied")
        .description("Engine changes applied by the operator")
        .tag("action", action)
        .register(registry)
        .increment();
  }

  /**
   * A resource that was converged at its generation needed changes again: someone changed the
   * engine.
   */
  public void driftHealed(String kind) {
    Counter.builder("dockernet.drift.healed")
        .description("Rounds that repaired drift made outside the operator")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /**
   * Resources planned along with another's round ({@link HostBatch}): the host's waiting resources
   * whose changes ran in a round already on the engine.
   */
  public void plannedAlong(String kind, int resources) {
    Counter.builder("dockernet.planned.along")
        .description("Resources planned and changed along with another resource's round")
        .tag("kind", kind)
        .register(registry)
        .increment(resources);
  }

  public void engineError(String reason) {
    Counter.builder("dockernet.engine.errors")
        .description("Engine calls or rounds that failed")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /**
   * A round's view of an engine: read from the engine ({@code source=engine}) or shared with
   * earlier rounds because nothing changed since ({@code source=cache}, see SnapshotCache).
   */
  public void snapshot(boolean cached) {
    Counter.builder("dockernet.engine.snapshots")
        .description("Engine snapshots rounds planned against, by where they came from")
        .tag("source", cached ? "cache" : "engine")
        .register(registry)
        .increment();
  }

  public double count(String name, String tagKey, String tagValue) {
    Counter c = registry.find(name).tag(tagKey, tagValue).counter();
    return c == null ? 0 : c.count();
  }

  public String scrape() {
    return registry.scrape();
  }
}
