package io.dockernet.operator;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.PoolAllocationMode;
import io.dockernet.api.v1alpha1.PoolBlock;
import io.dockernet.api.v1alpha1.PoolSubnet;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolStatus;
import io.dockernet.model.DesiredState;
import io.dockernet.pool.PoolAllocator;
import io.dockernet.pool.PoolSpec;
import io.dockernet.validate.Locator;
import io.dockernet.validate.Problem;
import io.dockernet.validate.Validator;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes SubnetPools visible: validates them, and shows the blocks DockerNetworks hold from them (as
 * their status reports them, read back from the engines) and how many are still free. Allocation
 * itself happens in the DockerNetwork rounds ({@link PoolRegistry}); when a pool changes, the
 * networks asking it are reconciled again.
 */
@ControllerConfiguration(name = SubnetPoolReconciler.NAME)
public class SubnetPoolReconciler implements Reconciler<SubnetPool> {
  /** How soon a pool looks again while a network asking it shows no block yet. */
  static final Duration PENDING_RECHECK = Duration.ofSeconds(2);

  public static final String NAME = "subnetpool";

  private final OperatorContext op;
  private final PoolRegistry registry;
  private final DockerNetworkReconciler networks;
  private final SimpleInboundEventSource<SubnetPool> touched =
      new SimpleInboundEventSource<>("subnetpool-allocations");

  SubnetPoolReconciler(
      OperatorContext op, PoolRegistry registry, DockerNetworkReconciler networks) {
    this.op = op;
    this.registry = registry;
    this.networks = networks;
    networks.pools().onTouched(name -> touched.propagateEvent(new ResourceID(name)));
  }

  @Override
  public List<EventSource<?, SubnetPool>> prepareEventSources(
      EventSourceContext<SubnetPool> context) {
    registry.setCache(context.getPrimaryCache());
    return List.of(touched);
  }

  @Override
  public UpdateControl<SubnetPool> reconcile(SubnetPool pool, Context<SubnetPool> context) {
    String name = pool.getMetadata().getName();
    SubnetPoolStatus before =
        pool.getStatus() == null ? null : Serialization.clone(pool.getStatus());
    Conditions c =
        Conditions.from(
            before == null ? List.of() : before.getConditions(),
            pool.getMetadata().getGeneration());
    SubnetPoolStatus status = new SubnetPoolStatus();
    List<Problem> problems = Validator.validate(pool, Locator.NONE);
    problems.forEach(p -> c.problem(io.dockernet.plan.Reason.INVALID, p.toString()));
    PoolSpec spec = null;
    if (problems.isEmpty()) {
      try {
        spec = PoolSpec.of(pool);
      } catch (IllegalArgumentException e) {
        c.problem(io.dockernet.plan.Reason.INVALID, e.getMessage());
      }
    }
    List<PoolBlock> blocks = new ArrayList<>();
    boolean pending = false;
    for (DockerNetwork n : networks.all()) {
      boolean shown = false;
      List<PoolSubnet> granted = n.getStatus() == null ? null : n.getStatus().getPoolSubnets();
      for (PoolSubnet s : granted == null ? List.<PoolSubnet>of() : granted) {
        if (name.equals(s.getPool())) {
          String host =
              op.resolver().effectiveHost(n.getSpec() == null ? null : n.getSpec().getHost());
          blocks.add(new PoolBlock(DesiredState.ref(n).key(), host, s.getSubnet()));
          shown = true;
        }
      }
      pending |=
          !shown
              && PoolRegistry.requested(n).contains(name)
              && n.getMetadata().getDeletionTimestamp() == null
              && !Pause.isPaused(n);
    }
    blocks.sort(
        Comparator.comparing(
                (PoolBlock b) ->
                    Objects.requireNonNull(PoolAllocator.parse(b.getSubnet())).getValue())
            .thenComparing(PoolBlock::getNetwork));
    status.setAllocations(blocks);
    status.setAllocatedCount(blocks.size());
    if (spec != null) {
      status.setPrefixLength(spec.prefixLength());
      status.setFree(free(spec, blocks));
      long outside = 0;
      for (PoolBlock b : blocks) {
        IPAddress subnet = PoolAllocator.parse(b.getSubnet());
        if (subnet != null && !spec.holds(subnet)) {
          outside++;
        }
      }
      c.readyWhenClean(
          "Serving",
          blocks.size()
              + " block(s) allocated, "
              + status.getFree()
              + " free"
              + (outside == 0
                  ? ""
                  : "; " + outside + " allocation(s) outside the pool as it is now (OutsidePool)"));
    }
    status.setConditions(c.build());
    status.setObservedGeneration(pool.getMetadata().getGeneration());
    boolean specChanged =
        before == null
            || !Objects.equals(before.getObservedGeneration(), pool.getMetadata().getGeneration());
    if (specChanged) {
      networks.pools().changed(name);
    }
    if (Conditions.differs(before, status)) {
      op.statusWriter().write(pool, status);
    }
    // A network's round tells this pool of its allocation before the network's status is written,
    // and the informer shows that status later still: while a network asking this pool shows no
    // block of it yet, look again, or the last allocation of a burst never reaches this status.
    return pending
        ? UpdateControl.<SubnetPool>noUpdate().rescheduleAfter(PENDING_RECHECK)
        : UpdateControl.noUpdate();
  }

  /**
   * Blocks a new network could still get: all blocks, less excluded ones, less those allocated
   * (PerHost: on the host holding the most). Networks made by hand inside the pool are not known
   * here (only the engine round sees them), so the figure is an upper bound.
   */
  static long free(PoolSpec spec, List<PoolBlock> blocks) {
    long excluded = 0;
    int bits = spec.ipv4() ? 32 : 128;
    for (IPAddress e : spec.exclude()) {
      for (IPAddress c : spec.cidrs()) {
        IPAddress inside = c.contains(e) ? e : e.contains(c) ? c : null;
        if (inside != null) {
          int p = inside.getNetworkPrefixLength();
          excluded +=
              p <= spec.prefixLength()
                  ? (spec.prefixLength() - p >= 62
                      ? Long.MAX_VALUE / 4
                      : 1L << (spec.prefixLength() - p))
                  : 1;
        }
      }
    }
    long used;
    if (spec.mode() == PoolAllocationMode.Fleet) {
      used = blocks.size();
    } else {
      Map<String, Long> perHost = new HashMap<>();
      blocks.forEach(b -> perHost.merge(String.valueOf(b.getHost()), 1L, Long::sum));
      used = perHost.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
    return Math.max(0, Math.min(Integer.MAX_VALUE, spec.size() - excluded - used));
  }
}
