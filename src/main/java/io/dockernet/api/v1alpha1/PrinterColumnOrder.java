package io.dockernet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step (pom.xml runs it right after the CRD generator): puts each CRD's printer columns in
 * the order the kind's class declares its {@link AdditionalPrinterColumn}s, because the generator
 * sorts them by JSON path, which puts AGE ({@code .metadata.creationTimestamp}) first. kubectl
 * shows columns in the CRD's order.
 */
public final class PrinterColumnOrder {
  private static final Pattern KIND = Pattern.compile("(?m)^    kind: \"([A-Za-z0-9]+)\"$");
  private static final Pattern NAME = Pattern.compile("(?m)^      name: \"([^\"]+)\"$");
  private static final String START = "  - additionalPrinterColumns:";
  private static final String ITEM = "    - ";

  private PrinterColumnOrder() {}

  public static void main(String[] args) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        String before = Files.readString(file);
        String after = reorder(before);
        if (!after.equals(before)) {
          Files.writeString(file, after);
        }
      }
    }
  }

  /**
   * The CRD text with its printer columns in declaration order; unchanged for kinds not in this
   * package.
   */
  static String reorder(String crd) {
    Matcher kind = KIND.matcher(crd);
    if (!kind.find()) {
      return crd;
    }
    Class<?> type;
    try {
      type = Class.forName(PrinterColumnOrder.class.getPackageName() + "." + kind.group(1));
    } catch (ClassNotFoundException e) {
      return crd;
    }
    AdditionalPrinterColumn[] declared = type.getAnnotationsByType(AdditionalPrinterColumn.class);
    List<String> lines = new ArrayList<>(List.of(crd.split("\n", -1)));
    int start = lines.indexOf(START);
    if (start < 0 || declared.length == 0) {
      return crd;
    }
    // One block per column: its "    - " line and the "      " lines under it.
    Map<String, String> blocks = new LinkedHashMap<>();
    int end = start + 1;
    while (end < lines.size() && lines.get(end).startsWith(ITEM)) {
      StringBuilder block = new StringBuilder(lines.get(end++)).append('\n');
      while (end < lines.size() && lines.get(end).startsWith("      ")) {
        block.append(lines.get(end++)).append('\n');
      }
      Matcher name = NAME.matcher(block);
      if (!name.find()) {
        throw new IllegalStateException(
            kind.group(1) + ": a printer column without a name: " + block);
      }
      blocks.put(name.group(1), block.toString());
    }
    StringBuilder ordered = new StringBuilder();
    for (AdditionalPrinterColumn column : declared) {
      String block = blocks.remove(column.name());
      if (block == null) {
        throw new IllegalStateException(
            kind.group(1) + ": column " + column.name() + " is not in the generated CRD");
      }
      ordered.append(block);
    }
    blocks
        .values()
        .forEach(
            ordered::append); // columns from @PrinterColumn fields keep the generator's order, last
    List<String> out = new ArrayList<>(lines.subList(0, start + 1));
    out.addAll(List.of(ordered.toString().split("\n")));
    out.addAll(lines.subList(end, lines.size()));
    return String.join("\n", out);
  }
}
