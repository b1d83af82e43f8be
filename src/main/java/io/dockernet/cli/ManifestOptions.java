package io.dockernet.cli;

import picocli.CommandLine.Option;

/**
 * {@code -f PATH… [-R] --project NAME}: where the manifests are and which project owns what they
 * declare.
 */
final class ManifestOptions extends ManifestInputs {

  @Option(
      names = "--project",
      paramLabel = "NAME",
      defaultValue = "default",
      description =
          "Project that owns what the manifests declare; written into labels (default: ${DEFAULT-VALUE}).")
  String project;
}
