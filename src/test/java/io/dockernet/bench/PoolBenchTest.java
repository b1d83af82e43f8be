package io.dockernet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.plan.Action;
import io.dockernet.pool.Allocation;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pool benchmark measures what it claims: 1,000 distinct blocks around 1,000 existing networks,
 * 1,000 creates.
 */
class PoolBenchTest {
  @Test
  void everyRequestGetsABlockThatNoExistingNetworkHolds() {
    PoolBench bench = new PoolBench();
    bench.setup();
    Allocation a = bench.allocate();
    assertThat(a.problems()).isEmpty();
    Set<String> existing = new HashSet<>();
    bench.snapshot.networks().forEach(n -> existing.add(n.config().ipamPools().get(0).subnet()));
    assertThat(a.grants())
        .hasSize(PoolBench.REQUESTS)
        .extracting(Allocation.Grant::subnet)
        .doesNotHaveDuplicates()
        .noneMatch(existing::contains);
    // the first 500 odd /24s fill the holes between the hand-made ones; the rest follow them
    assertThat(a.grants().get(0).subnet()).isEqualTo("10.0.1.0/24");
    assertThat(bench.allocateAndPlan().actions())
        .hasSize(PoolBench.REQUESTS)
        .allMatch(x -> x instanceof Action.CreateNetwork);
  }
}
