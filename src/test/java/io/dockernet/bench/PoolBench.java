package io.dockernet.bench;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.api.v1alpha1.SubnetPoolSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.PoolAllocator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pool allocation (issue 14's figure): 1,000 DockerNetworks asking one SubnetPool (10.0.0.0/8, /24
 * blocks) on an engine that already has 1,000 networks, half of them made by hand inside the pool's
 * first blocks (every other /24), half elsewhere. "allocate" is the pool stage alone;
 * "allocateAndPlan" adds the planner on the result (1,000 creates), as a CLI round runs them. Run:
 * {@code java -cp ... org.openjdk.jmh.Main PoolBench} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PoolBench {
  static final int REQUESTS = 1000;
  static final int EXISTING = 1000;

  List<DockerNetwork> networks;
  List<SubnetPool> pools;
  Snapshot snapshot;

  @Setup
  public void setup() {
    networks = requests(REQUESTS);
    pools = List.of(pool());
    snapshot = engine(EXISTING);
  }

  @Benchmark
  public Allocation allocate() {
    return PoolAllocator.allocate(
        new PoolAllocator.Input("bench", networks, pools, snapshot, List.of()));
  }

  @Benchmark
  public Plan allocateAndPlan() {
    Allocation a = allocate();
    return a.report(
        Planner.plan(
            DesiredState.from("bench", a.networks(), List.of()),
            a.visible(snapshot),
            PlanOptions.apply(false)));
  }

  static SubnetPool pool() {
    SubnetPool p = new SubnetPool();
    p.setMetadata(new ObjectMetaBuilder().withName("bench").build());
    SubnetPoolSpec spec = new SubnetPoolSpec();
    spec.setCidrs(List.of("10.0.0.0/8"));
    spec.setPrefixLength(24);
    p.setSpec(spec);
    return p;
  }

  static List<DockerNetwork> requests(int n) {
    List<DockerNetwork> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DockerNetwork net = new DockerNetwork();
      net.setMetadata(
          new ObjectMetaBuilder()
              .withName(String.format("pooled-%05d", i))
              .withNamespace("default")
              .build());
      DockerNetworkSpec spec = new DockerNetworkSpec();
      IpamConfig c = new IpamConfig();
      c.setPool("bench");
      IpamSpec ipam = new IpamSpec();
      ipam.setConfig(List.of(c));
      spec.setIpam(ipam);
      net.setSpec(spec);
      list.add(net);
    }
    return list;
  }

  /**
   * n networks made by hand: the even ones in every other /24 of 10.0.0.0/8, the odd ones in
   * 172.16.0.0/12.
   */
  static Snapshot engine(int n) {
    List<ObservedNetwork> observed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int block = i / 2;
      String subnet =
          i % 2 == 0
              ? "10." + (block * 2 / 256) + "." + (block * 2 % 256) + ".0/24"
              : "172." + (16 + block / 256) + "." + (block % 256) + ".0/24";
      NetworkConfig c =
          new NetworkConfig(
              "byhand-" + i,
              "bridge",
              Map.of(),
              false,
              false,
              false,
              false,
              null,
              "local",
              false,
              null,
              Map.of(),
              "default",
              Map.of(),
              List.of(new IpamPool(subnet, null, null, null)));
      observed.add(new ObservedNetwork("id" + i, c, List.of()));
    }
    return new Snapshot(new EngineInfo("20.10.24", "1.41", "none", "bench"), observed, List.of());
  }
}
