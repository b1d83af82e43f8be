package io.dockernet.cli;

import io.dockernet.validate.Problem;
import java.util.List;

/** Input problems found before any engine call; each is printed on its own line. */
final class InvalidInputException extends RuntimeException {
  private final List<Problem> problems;

  InvalidInputException(List<Problem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in the manifests; nothing was changed");
    this.problems = List.copyOf(problems);
  }

  /** Input that is readable but unusable as a whole (e.g. it declares nothing). */
  InvalidInputException(String message) {
    super(message + "; nothing was changed");
    this.problems = List.of();
  }

  List<Problem> problems() {
    return problems;
  }
}
