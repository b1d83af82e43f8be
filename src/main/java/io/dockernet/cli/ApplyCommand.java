package io.dockernet.cli;

import io.dockernet.plan.PlanOptions;
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
    return Round.applyAndReport(spec, manifests, engine, PlanOptions.apply(prune), output);
  }
}
