package io.dockernet.cli;

import picocli.CommandLine.Option;

/** {@code -q/--quiet}: no progress lines, on the commands that print them (apply, delete). */
final class QuietOption {
  static final String NAME = "--quiet";

  @Option(
      names = {"-q", NAME},
      description = "Print no progress on stderr, only the result.")
  boolean quiet;
}
