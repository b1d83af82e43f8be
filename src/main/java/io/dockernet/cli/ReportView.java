package io.dockernet.cli;

import io.dockernet.exec.ApplyReport;
import io.dockernet.exec.Outcome;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.ResourceRef;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders per-resource results of a round. */
final class ReportView {
  private ReportView() {}

  static List<ResourceResult> sorted(ApplyReport report) {
    return report.results().stream()
        .sorted(Comparator.comparing(r -> r.resource().toString()))
        .toList();
  }

  static void print(PrintWriter out, ApplyReport report, OutputFormat format) {
    if (format == OutputFormat.table) {
      printText(out, report);
    } else {
      Json.print(out, data(report), format);
    }
  }

  static void printText(PrintWriter out, ApplyReport report) {
    printText(out, report, Set.of(), Colour.OFF);
  }

  /**
   * One line per resource, but none for the resources whose actions progress already showed, then
   * the counts of every outcome.
   */
  static void printText(
      PrintWriter out, ApplyReport report, Set<ResourceRef> shown, Colour colour) {
    List<ResourceResult> results = sorted(report);
    List<ResourceResult> rows =
        results.stream().filter(r -> !shown.contains(r.resource())).toList();
    int width = rows.stream().mapToInt(r -> r.resource().toString().length()).max().orElse(8);
    for (ResourceResult r : rows) {
      String reason = r.reason() == null ? "" : r.reason() + ": ";
      String messages = String.join("; ", r.messages());
      String label = String.format("%-12s", r.outcome().label());
      out.printf(
          "%-" + width + "s  %s %s%n",
          r.resource(),
          colour.outcome(r.outcome(), label),
          (reason + messages).isEmpty() ? "" : reason + messages);
    }
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
    StringBuilder summary = new StringBuilder();
    counts.forEach(
        (o, n) ->
            summary
                .append(summary.isEmpty() ? "" : ", ")
                .append(colour.outcome(o, n + " " + o.label())));
    out.println(summary.isEmpty() ? "Nothing declared." : summary.toString() + ".");
    out.flush();
  }

  static Map<String, Object> data(ApplyReport report) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("failed", report.failed());
    result.put(
        "results",
        sorted(report).stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("resource", r.resource().toString());
                  m.put("kind", r.resource().kind());
                  m.put("namespace", r.resource().namespace());
                  m.put("name", r.resource().name());
                  m.put("outcome", r.outcome().label());
                  if (r.reason() != null) {
                    m.put("reason", r.reason());
                  }
                  m.put("messages", r.messages());
                  return m;
                })
            .toList());
    return result;
  }
}
