package io.dockernet.validate;

import java.util.Comparator;
import java.util.List;

/** Ordering and formatting of problem lists for output. */
public final class Problems {
  private Problems() {}

  /** By file, then line, then column; problems without a location first. Stable otherwise. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparing(
          Problem::location,
          Comparator.nullsFirst(
              Comparator.comparing(
                      Location::file, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                  .thenComparingInt(Location::line)
                  .thenComparingInt(Location::column)));

  public static List<Problem> sorted(List<Problem> problems) {
    return problems.stream().sorted(ORDER).toList();
  }

  /** The problems that fail a command (warnings left out). */
  public static List<Problem> errors(List<Problem> problems) {
    return problems.stream().filter(p -> !p.warning()).toList();
  }

  /** The warnings: printed, never failing anything. */
  public static List<Problem> warnings(List<Problem> problems) {
    return problems.stream().filter(Problem::warning).toList();
  }
}
