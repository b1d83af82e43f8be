package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.exec.ApplyReport;
import io.dockernet.manifest.Manifests;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Converge the engine to the manifests: create, connect, disconnect, recreate or remove.")
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;

  @Option(names = "--prune", description = "Also remove networks and endpoints of this project that the manifests no longer declare.")
  boolean prune;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    Manifests loaded = manifests.load(spec.commandLine().getErr());
    try (DockerGateway gateway = engine.connect()) {
      Round round = new Round(gateway, manifests);
      Plan plan = round.plan(loaded, PlanOptions.apply(prune));
      ApplyReport report = round.apply(plan, output == OutputFormat.table ? Round.progressWriter(spec) : null);
      PrintWriter out = spec.commandLine().getOut();
      if (output == OutputFormat.table) {
        ReportView.printText(out, report);
      } else {
        Json.print(out, ReportView.data(report), output);
      }
      return report.failed() ? ExitCodes.ERROR : ExitCodes.OK;
    }
  }
}
