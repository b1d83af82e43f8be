package io.dockernet.cli;

import io.dockernet.plan.PlanOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Remove what the manifests declare: disconnect our endpoints, remove our networks"
            + " (never cutting endpoints dockernet does not manage; deletionPolicy Orphan keeps the network).")
final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;
  @Mixin ParallelismOption parallelism;
  @Mixin QuietOption quiet;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    return Converge.applyAndReport(
        spec,
        manifests,
        manifests.load(spec.commandLine().getErr()),
        engine,
        parallelism,
        PlanOptions.delete(),
        output);
  }
}
