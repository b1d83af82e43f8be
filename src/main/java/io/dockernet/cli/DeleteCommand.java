package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.exec.ApplyReport;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Remove what the manifests declare: disconnect our endpoints, remove our networks"
        + " (never cutting endpoints dockernet does not manage; deletionPolicy Orphan keeps the network).")
final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    var loaded = manifests.load(spec.commandLine().getErr());
    try (DockerGateway gateway = engine.connect()) {
      Round round = new Round(gateway, manifests);
      Plan plan = round.plan(loaded, PlanOptions.delete());
      ApplyReport report = round.apply(plan, output == OutputFormat.table ? Round.progressWriter(spec) : null);
      if (output == OutputFormat.table) {
        ReportView.printText(spec.commandLine().getOut(), report);
      } else {
        Json.print(spec.commandLine().getOut(), ReportView.data(report), output);
      }
      return report.failed() ? ExitCodes.ERROR : ExitCodes.OK;
    }
  }
}
