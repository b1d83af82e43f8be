package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.policy.PolicyEnforcer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show what apply would do, and why, without changing anything.")
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;

  @Option(names = "--prune", description = "Include removals of networks and endpoints the manifests no longer declare.")
  boolean prune;

  @Option(names = "--detailed-exitcode", description = "Exit 2 when changes are pending (0: none, 1: error).")
  boolean detailedExitCode;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    var loaded = manifests.load(spec.commandLine().getErr());
    try (DockerGateway gateway = engine.connect()) {
      PolicyStep policies = new PolicyStep();
      policies.preflight(loaded, engine);
      Plan plan = new Round(gateway, manifests, engine.local()).plan(loaded, PlanOptions.apply(prune));
      PlanView.print(spec.commandLine().getOut(), plan, output);
      // Rules for the engine as it is now: containers of networks the plan creates are not covered yet.
      PolicyEnforcer.Enforcement rules = policies.run(gateway, loaded, manifests.project, engine, false, true);
      if (output == OutputFormat.table) {
        PolicyStep.print(spec.commandLine().getOut(), rules, loaded.policies(), true);
      }
      if (plan.actions().size() > plan.changes().size()) {
        return ExitCodes.ERROR; // something is blocked: apply could not converge
      }
      boolean pending = !plan.converged() || (rules != null && rules.changed());
      return detailedExitCode && pending ? ExitCodes.CHANGES : ExitCodes.OK;
    }
  }
}
