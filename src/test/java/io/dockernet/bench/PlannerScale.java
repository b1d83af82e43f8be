package io.dockernet.bench;

import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Scenario 5: runs {@link PlannerBench} with JMH (one fork) and reports ms per plan and the 10k/1k
 * ratio.
 */
final class PlannerScale {
  private static final String S5 = "5 planner scale (JMH)";

  private PlannerScale() {}

  static Map<String, Object> run(
      BenchMain.Options options, Path work, PrintStream log, Report report) throws Exception {
    // Sanity before timing: the converged state really plans nothing, the cold one plans
    // everything.
    var d = PlannerBench.desired(100);
    if (!Planner.plan(d, PlannerBench.snapshot(d, true), PlanOptions.apply(false)).converged()
        || Planner.plan(d, PlannerBench.snapshot(d, false), PlanOptions.apply(false))
                .changes()
                .size()
            != 600) {
      throw new IllegalStateException("PlannerBench fixtures do not model what they claim");
    }
    var opts =
        new OptionsBuilder()
            .include(PlannerBench.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .jvmArgs("-Xmx2g")
            .result(work.resolve("jmh.json").toString())
            .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
            .build();
    Map<String, Double> ms = new LinkedHashMap<>();
    for (RunResult r : new Runner(opts).run()) {
      var params = r.getParams();
      ms.put(
          params.getParam("engine") + "/" + params.getParam("networks"),
          r.getPrimaryResult().getScore());
    }
    for (String state : new String[] {"converged", "cold"}) {
      double k1 = ms.get(state + "/1000");
      double k10 = ms.get(state + "/10000");
      double k20 = ms.get(state + "/20000");
      report.add(
          S5,
          state + ": 1k networks × 5 endpoints",
          String.format("%.1f ms (%.2f µs per network)", k1, k1));
      report.add(
          S5,
          state + ": 10k networks × 5 endpoints",
          String.format("%.1f ms (%.2f µs per network)", k10, k10 / 10),
          "≤ 100 ms",
          k10 <= 100);
      report.add(
          S5,
          state + ": 20k networks × 5 endpoints",
          String.format("%.1f ms (%.2f µs per network)", k20, k20 / 20));
      // 1k networks (~3 MiB of snapshot) fit the CPU caches and 10k (~30 MiB) do not, so 10k / 1k
      // also measures the memory hierarchy; 20k / 10k, both out of cache, shows the growth.
      report.add(
          S5,
          state + ": 10k / 1k time",
          Report.ratio(k10 / k1),
          "10× if linear (see docs: cache)",
          k10 / k1 <= 13);
      report.add(
          S5,
          state + ": 20k / 10k time",
          Report.ratio(k20 / k10),
          "2× if linear, ≤ 2.6×",
          k20 / k10 <= 2.6);
    }
    log.println("JMH: " + ms);
    return new LinkedHashMap<>(ms);
  }
}
