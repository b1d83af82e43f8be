package io.dockernet.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one figure, in seconds (or any unit), with median and worst. */
final class Stats {
  final List<Double> samples = new ArrayList<>();

  void add(double value) {
    samples.add(value);
  }

  boolean isEmpty() {
    return samples.isEmpty();
  }

  double median() {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double max() {
    return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  double min() {
    return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }
}
