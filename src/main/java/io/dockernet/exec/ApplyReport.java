package io.dockernet.exec;

import java.util.List;

/** Per-resource results of executing a plan. */
public record ApplyReport(List<ResourceResult> results) {
  public ApplyReport {
    results = List.copyOf(results);
  }

  public boolean failed() {
    return results.stream().anyMatch(r -> r.outcome().isFailure());
  }
}
