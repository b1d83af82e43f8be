package io.dockernet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import org.junit.jupiter.api.Test;

/**
 * The JMH fixtures model what the benchmark claims: converged plans nothing, cold plans every
 * create and connect.
 */
class PlannerBenchTest {
  @Test
  void convergedEngineGivesAnEmptyPlan() {
    var desired = PlannerBench.desired(50);
    Plan plan =
        Planner.plan(desired, PlannerBench.snapshot(desired, true), PlanOptions.apply(false));
    assertThat(plan.converged()).isTrue();
  }

  @Test
  void coldEnginePlansEveryNetworkAndEndpoint() {
    var desired = PlannerBench.desired(50);
    Plan plan =
        Planner.plan(desired, PlannerBench.snapshot(desired, false), PlanOptions.apply(false));
    assertThat(plan.changes()).hasSize(50 + 50 * PlannerBench.ENDPOINTS);
  }
}
