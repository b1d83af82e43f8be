package io.dockernet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table: one row per figure, with its target and whether it was met. */
final class Report {
  record Row(String scenario, String figure, String value, String target, String met) {}

  private final List<Row> rows = new ArrayList<>();

  void add(String scenario, String figure, String value) {
    rows.add(new Row(scenario, figure, value, "", ""));
  }

  void add(String scenario, String figure, String value, String target, boolean met) {
    rows.add(new Row(scenario, figure, value, target, met ? "yes" : "NO"));
  }

  List<Map<String, String>> rows() {
    List<Map<String, String>> r = new ArrayList<>();
    for (Row row : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("scenario", row.scenario());
      m.put("figure", row.figure());
      m.put("value", row.value());
      m.put("target", row.target());
      m.put("met", row.met());
      r.add(m);
    }
    return r;
  }

  /** A Markdown table, so that docs/benchmarks.md can quote it as printed. */
  void print(PrintStream out) {
    out.println();
    out.println("| scenario | figure | value | target | met |");
    out.println("| --- | --- | --- | --- | --- |");
    for (Row r : rows) {
      out.println(
          "| "
              + r.scenario()
              + " | "
              + r.figure()
              + " | "
              + r.value()
              + " | "
              + r.target()
              + " | "
              + r.met()
              + " |");
    }
    out.flush();
  }

  static String sec(double s) {
    return String.format("%.2f s", s);
  }

  static String ratio(double r) {
    return String.format("%.2f×", r);
  }
}
