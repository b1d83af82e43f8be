package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.exec.ApplyReport;
import io.dockernet.exec.Executor;
import io.dockernet.exec.ProgressListener;
import io.dockernet.manifest.Manifests;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.HostRoutes;
import io.dockernet.pool.PoolAllocator;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.exec.ResourceResult;
import io.dockernet.policy.PolicyEnforcer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** One standalone round on an open engine: snapshot, engine-side validation, plan, and optionally apply. */
final class Round {
  private final DockerGateway gateway;
  private final ManifestOptions manifests;
  /** The engine runs on this machine: its routes (LAN, VPN) are ranges pools must not hand out. */
  private final boolean localEngine;

  Round(DockerGateway gateway, ManifestOptions manifests, boolean localEngine) {
    this.gateway = gateway;
    this.manifests = manifests;
    this.localEngine = localEngine;
  }

  /** Snapshot, subnets from pools (apply only: a delete needs none), engine-side validation, plan. */
  Plan plan(Manifests loaded, PlanOptions options) {
    Snapshot snapshot = gateway.snapshot();
    if (options.mode() == PlanOptions.Mode.APPLY && PoolAllocator.anyRequest(loaded.networks())) {
      Allocation allocation = PoolAllocator.allocate(new PoolAllocator.Input(manifests.project, loaded.networks(),
          loaded.pools(), snapshot, localEngine ? HostRoutes.read() : List.of()));
      DesiredState desired = manifests.desired(loaded, allocation, snapshot);
      return allocation.report(Planner.plan(desired, allocation.visible(snapshot), options));
    }
    DesiredState desired = manifests.desired(loaded, snapshot);
    return Planner.plan(desired, snapshot, options);
  }

  ApplyReport apply(Plan plan, int parallelism, PrintWriter progress) {
    ProgressListener listener = progress == null ? ProgressListener.NONE : (action, ok, message) -> {
      // Rounds of several hosts print here at once: one line at a time.
      synchronized (progress) {
        progress.println((ok ? "  done  " : "  FAIL  ") + PlanView.headline(action)
          + (message == null || message.isEmpty() ? "" : " -- " + message));
        progress.flush();
      }
    };
    return new Executor(gateway, parallelism).execute(plan, listener);
  }

  private record Applied(ApplyReport report, PolicyEnforcer.Enforcement enforced) {}

  /**
   * apply and delete: plan and apply on every engine the manifests name (one round each, in
   * parallel), print one result per resource; exit 1 when any failed.
   */
  static int applyAndReport(picocli.CommandLine.Model.CommandSpec spec, ManifestOptions manifests, Manifests loaded,
      EngineOptions engine, ParallelismOption parallelism, PlanOptions options, OutputFormat output) {
    List<Fleet.Target> targets = Fleet.targets(loaded, engine, System.getenv());
    PolicyStep policies = new PolicyStep();
    targets.forEach(t -> policies.preflight(t.manifests(), t.config()));
    PrintWriter progress = output == OutputFormat.table ? progressWriter(spec) : null;
    boolean delete = options.mode() == PlanOptions.Mode.DELETE;
    List<Applied> rounds = Fleet.each(targets, target -> {
      try (DockerGateway gateway = engine.connect(target.config())) {
        Round round = new Round(gateway, manifests, Fleet.local(target.config()));
        Plan plan = round.plan(target.manifests(), options);
        ApplyReport report = round.apply(plan, parallelism.parallelism(target.config()), progress);
        return new Applied(report, policies.run(gateway, target.manifests(), manifests.project, target.config(), delete, false));
      }
    });
    List<ResourceResult> results = new ArrayList<>();
    rounds.forEach(r -> results.addAll(r.report().results()));
    ApplyReport report = new ApplyReport(results);
    // Netfilter is this machine's: only the round on a local engine enforces policies.
    PolicyEnforcer.Enforcement enforced = rounds.stream().map(Applied::enforced).filter(e -> e != null).findFirst().orElse(null);
    if (output == OutputFormat.table || enforced == null) {
      ReportView.print(spec.commandLine().getOut(), report, output);
      PolicyStep.print(spec.commandLine().getOut(), enforced, loaded.policies(), false);
    } else {
      java.util.Map<String, Object> data = ReportView.data(report);
      data.putAll(PolicyStep.data(enforced));
      Json.print(spec.commandLine().getOut(), data, output);
    }
    return report.failed() || PolicyStep.failed(enforced) ? ExitCodes.ERROR : ExitCodes.OK;
  }

  /** Progress goes to stderr only on an interactive terminal, so pipes and -o json stay clean. */
  static PrintWriter progressWriter(picocli.CommandLine.Model.CommandSpec spec) {
    return System.console() != null ? spec.commandLine().getErr() : null;
  }
}
