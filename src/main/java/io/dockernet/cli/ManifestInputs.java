package io.dockernet.cli;

import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.manifest.Manifests;
import io.dockernet.validate.Problem;
import io.dockernet.validate.Problems;
import io.dockernet.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code -f PATH… [-R]}: where the manifests are; {@code validate} needs no more. The commands that
 * write labels add the project ({@link ManifestOptions}).
 */
class ManifestInputs {

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "PATH",
      description =
          "A manifest file, a directory (its *.yaml, *.yml and *.json files), or - for standard input."
              + " Repeat -f for more.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = {"-R", "--recursive"},
      description = "Also read the sub-directories of -f directories.")
  boolean recursive;

  /**
   * Loads and validates offline; throws {@link InvalidInputException} listing every problem, or
   * when the inputs hold no resource at all (a mistyped folder must never read as "remove
   * everything"). Documents of other API groups (kustomization.yaml, Argo CD objects...) are
   * skipped with a note on {@code err}.
   */
  Manifests load(PrintWriter err) {
    Manifests loaded = loadAllowingEmpty(err);
    if (loaded.isEmpty()) {
      throw new InvalidInputException(noResources());
    }
    return loaded;
  }

  /** "no resources found in PATHS", the refusal of inputs that declare nothing. */
  String noResources() {
    return "no resources found in "
        + paths.stream().map(Path::toString).collect(Collectors.joining(", "))
        + (!recursive && paths.stream().anyMatch(Files::isDirectory)
            ? " (sub-directories are read with -R)"
            : "");
  }

  /** {@link #load} for the one case that may declare nothing: apply --prune --allow-empty. */
  Manifests loadAllowingEmpty(PrintWriter err) {
    LoadResult result = ManifestLoader.load(paths, recursive, System.in);
    if (!result.skipped().isEmpty()) {
      err.println(
          "note: skipped "
              + result.skipped().size()
              + " document(s) of other API groups: "
              + String.join(", ", result.skipped()));
      err.flush();
    }
    List<Problem> problems = new ArrayList<>(result.problems());
    if (problems.isEmpty()) {
      problems.addAll(Validator.validate(result.manifests()));
    }
    // Warnings print whether or not errors follow, and stop nothing.
    List<Problem> warnings = Problems.warnings(problems);
    if (!warnings.isEmpty()) {
      warnings.forEach(err::println);
      err.flush();
    }
    List<Problem> errors = Problems.errors(problems);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return result.manifests();
  }
}
