package io.dockernet.cli;

import io.dockernet.adopt.Exporter;
import io.dockernet.engine.DockerGateway;
import io.dockernet.model.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write DockerNetwork and NetworkAttachment manifests that adopt the engine's networks and "
            + "endpoints as they are (applying them recreates nothing). Default: every network but bridge, host "
            + "and none; networks dockernet manages are skipped with a note.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;

  @Parameters(
      paramLabel = "NETWORK",
      arity = "0..*",
      description = "Networks to export, by name or id (default: all).")
  List<String> networks = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR|-",
      defaultValue = "-",
      description =
          "A directory (one file per resource) or - for one YAML stream on stdout (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "metadata.namespace of the resources (default: none, i.e. default).")
  String namespace;

  @Override
  public Integer call() {
    Snapshot snapshot;
    try (DockerGateway gateway = engine.connect()) {
      snapshot = gateway.snapshot();
    }
    Exporter.Result result = Exporter.export(snapshot, networks, namespace);
    PrintWriter err = spec.commandLine().getErr();
    result.notes().forEach(n -> err.println("note: " + n));
    if (!result.errors().isEmpty()) {
      result.errors().forEach(e -> err.println("dockernet: " + e));
      err.println("dockernet: nothing was written");
      err.flush();
      return ExitCodes.ERROR;
    }
    if ("-".equals(output)) {
      ResourceWriter.print(spec.commandLine().getOut(), result.resources());
    } else {
      List<Path> files = ResourceWriter.write(Path.of(output), result.resources());
      err.println("wrote " + files.size() + " file(s) to " + output);
    }
    err.flush();
    return ExitCodes.OK;
  }
}
