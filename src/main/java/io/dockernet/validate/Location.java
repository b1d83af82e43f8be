package io.dockernet.validate;

/** A place in a manifest file; line and column are 1-based. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
