package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.policy.PolicyEnforcer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what apply would do, and why, without changing anything.")
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;

  @Option(
      names = "--prune",
      description = "Include removals of networks and endpoints the manifests no longer declare.")
  boolean prune;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when changes are pending (0: none, 1: error).")
  boolean detailedExitCode;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  private record Planned(Plan plan, PolicyEnforcer.Enforcement rules) {}

  @Override
  public Integer call() {
    var loaded = manifests.load(spec.commandLine().getErr());
    List<Fleet.Target> targets = Fleet.targets(loaded, engine, System.getenv());
    PolicyStep policies = new PolicyStep();
    targets.forEach(t -> policies.preflight(t.manifests(), t.config()));
    List<Planned> plans =
        Fleet.each(
            targets,
            target -> {
              try (DockerGateway gateway = engine.connect(target.config())) {
                Plan plan =
                    Converge.plan(
                            gateway,
                            manifests,
                            target.manifests(),
                            PlanOptions.apply(prune),
                            Fleet.local(target.config()))
                        .plan();
                // Rules for the engine as it is now: containers of networks the plan creates are
                // not covered yet.
                return new Planned(
                    plan,
                    policies.run(
                        gateway,
                        target.manifests(),
                        manifests.project,
                        target.config(),
                        false,
                        true));
              }
            });
    PrintWriter out = spec.commandLine().getOut();
    boolean blocked = false;
    boolean pending = false;
    List<Map<String, Object>> data = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i).plan();
      PolicyEnforcer.Enforcement rules = plans.get(i).rules();
      if (output == OutputFormat.table) {
        // A section per engine; one engine that several hosts name says so too.
        if (plans.size() > 1 || targets.get(i).hosts().size() > 1) {
          out.println((i == 0 ? "" : "\n") + targets.get(i).label() + ":");
        }
        PlanView.print(out, plan, output);
        PolicyStep.print(out, rules, targets.get(i).manifests().policies(), true);
      } else if (plans.size() == 1) {
        Json.print(out, data(plan, rules), output);
      } else {
        Map<String, Object> one = new LinkedHashMap<>();
        List<String> hosts =
            targets.get(i).hosts().stream().map(h -> h.isEmpty() ? null : h).toList();
        one.put("host", hosts.get(0)); // null: the default engine
        if (hosts.size() > 1) {
          one.put("hosts", hosts); // every host that names this engine
        }
        one.put("endpoint", targets.get(i).config().host());
        one.putAll(data(plan, rules));
        data.add(one);
      }
      blocked |= plan.actions().size() > plan.changes().size();
      pending |= !plan.converged() || (rules != null && rules.changed());
    }
    if (!data.isEmpty()) {
      Json.print(out, Map.of("kind", "List", "items", data), output);
    }
    if (blocked) {
      return ExitCodes.ERROR; // something is blocked: apply could not converge
    }
    return detailedExitCode && pending ? ExitCodes.CHANGES : ExitCodes.OK;
  }

  /** The plan, and with policies the rule changes pending (as the table shows them). */
  private static Map<String, Object> data(Plan plan, PolicyEnforcer.Enforcement rules) {
    Map<String, Object> m = PlanView.data(plan);
    if (rules != null) {
      m.putAll(PolicyStep.data(rules));
    }
    return m;
  }
}
