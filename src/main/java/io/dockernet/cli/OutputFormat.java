package io.dockernet.cli;

/** {@code -o table|json|yaml}. */
enum OutputFormat {
  table,
  json,
  yaml
}
