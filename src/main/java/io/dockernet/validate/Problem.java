package io.dockernet.validate;

/**
 * One thing wrong with the input, located: {@code file:line:column: path: message} for manifests,
 * {@code path: message} for resources that came from the Kubernetes API (no file).
 *
 * <p>An {@link Severity#ERROR} stops validate, plan and apply; a {@link Severity#WARNING} is
 * printed ({@code file:line:column: warning: path: message}) and stops nothing.
 *
 * @param path where in the document, e.g. {@code spec.ipam.config[0].gateway}
 */
public record Problem(Location location, String path, String message, Severity severity) {

  /** How bad: errors fail the command, warnings only print. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public Problem {
    severity = severity == null ? Severity.ERROR : severity;
  }

  /** An error. */
  public Problem(Location location, String path, String message) {
    this(location, path, message, Severity.ERROR);
  }

  public boolean warning() {
    return severity == Severity.WARNING;
  }

  @Override
  public String toString() {
    String where = path == null || path.isEmpty() ? "" : path + ": ";
    String text = (warning() ? "warning: " : "") + where + message;
    return location == null ? text : location + ": " + text;
  }
}
