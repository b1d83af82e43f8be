package io.dockernet.cli;

import io.dockernet.manifest.Manifests;
import io.dockernet.plan.PlanOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Converge the engine to the manifests: create, connect, disconnect, recreate or remove.")
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  @Mixin EngineOptions engine;
  @Mixin ParallelismOption parallelism;
  @Mixin QuietOption quiet;

  @Option(
      names = "--prune",
      description =
          "Also remove networks and endpoints of this project that the manifests no longer declare.")
  boolean prune;

  @Option(
      names = "--allow-empty",
      description =
          "Accept inputs that declare nothing; with --prune that removes everything the project owns.")
  boolean allowEmpty;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Manifests loaded = manifests.loadAllowingEmpty(err);
    if (loaded.isEmpty() && !allowEmpty) {
      throw new InvalidInputException(
          manifests.noResources()
              + (prune
                  ? " (to remove everything project "
                      + manifests.project
                      + " owns, add --allow-empty)"
                  : ""));
    }
    return Converge.applyAndReport(
        spec, manifests, loaded, engine, parallelism, PlanOptions.apply(prune), output);
  }
}
