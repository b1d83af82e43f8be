package io.dockernet.cli;

import io.dockernet.adopt.ComposeImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dockernet import compose}: manifests from what another tool describes. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Write manifests from another tool's description of networks.",
    subcommands = ImportCommand.Compose.class)
final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(
      name = "compose",
      mixinStandardHelpOptions = true,
      description =
          "Write DockerNetwork and NetworkAttachment manifests for a Compose project's networks: the names "
              + "Compose gives them, their settings, and per service an attachment selected by the Compose project and "
              + "service labels. Needs no engine.")
  static final class Compose implements Callable<Integer> {
    static final List<String> DEFAULT_FILES =
        List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

    @Spec CommandSpec spec;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description =
            "Compose file; repeat to merge overrides in order, as docker-compose -f does (default: "
                + "compose.yaml or docker-compose.yml here).")
    List<Path> files = new ArrayList<>();

    @Option(
        names = {"-p", "--project-name"},
        paramLabel = "P",
        description =
            "Compose project name (default: $COMPOSE_PROJECT_NAME, else the first file's directory name).")
    String projectName;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "DIR|-",
        defaultValue = "-",
        description =
            "A directory (one file per resource) or - for one YAML stream on stdout (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(
        names = "--compose-override",
        paramLabel = "FILE",
        description =
            "Also write a Compose override that marks the networks dockernet creates external, with their "
                + "real names, so that docker-compose up uses them and never removes or recreates them.")
    Path composeOverride;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      List<Path> inputs = files.isEmpty() ? defaultFile() : files;
      List<ComposeImporter.Source> sources = new ArrayList<>();
      for (Path p : inputs) {
        try {
          sources.add(new ComposeImporter.Source(p.toString(), Files.readString(p)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
      }
      Path dir = inputs.get(0).toAbsolutePath().getParent();
      Map<String, String> env = new HashMap<>(dotEnv(dir.resolve(".env")));
      env.putAll(System.getenv()); // the environment wins over .env, as in Compose
      ComposeImporter.Result result =
          ComposeImporter.importFiles(
              sources,
              projectName,
              dir.getFileName() == null ? "default" : dir.getFileName().toString(),
              env);
      result.warnings().forEach(w -> err.println("warning: " + w));
      if (!result.errors().isEmpty()) {
        result.errors().forEach(err::println);
        err.println(
            "dockernet: "
                + result.errors().size()
                + (result.errors().size() == 1 ? " problem" : " problems")
                + " in the Compose files; nothing was written");
        err.flush();
        return ExitCodes.ERROR;
      }
      result.notes().forEach(n -> err.println("note: " + n));
      if ("-".equals(output)) {
        ResourceWriter.print(spec.commandLine().getOut(), result.resources());
      } else {
        List<Path> written = ResourceWriter.write(Path.of(output), result.resources());
        err.println(
            "wrote "
                + written.size()
                + " file(s) to "
                + output
                + " (Compose project "
                + result.project()
                + ")");
      }
      if (composeOverride != null) {
        if (result.override() == null) {
          err.println(
              "note: no network for dockernet to create, so no Compose override was written");
        } else {
          try {
            Files.writeString(composeOverride, result.override());
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot write " + composeOverride + ": " + e.getMessage(), e);
          }
          err.println(
              "wrote the Compose override "
                  + composeOverride
                  + ": docker-compose -p "
                  + result.project()
                  + " -f <your files> -f "
                  + composeOverride
                  + " up");
        }
      }
      err.flush();
      return ExitCodes.OK;
    }

    private static List<Path> defaultFile() {
      for (String name : DEFAULT_FILES) {
        if (Files.isRegularFile(Path.of(name))) {
          return List.of(Path.of(name));
        }
      }
      throw new InvalidInputException(
          "no Compose file here (" + String.join(", ", DEFAULT_FILES) + "); give one with -f");
    }

    private static Map<String, String> dotEnv(Path file) {
      if (!Files.isRegularFile(file)) {
        return Map.of();
      }
      try {
        return io.dockernet.adopt.ComposeImporter.dotEnv(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
