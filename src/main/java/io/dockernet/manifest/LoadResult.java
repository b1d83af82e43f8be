package io.dockernet.manifest;

import java.util.List;

/**
 * What loading manifests gave: the resources that could be read, and every problem found, sorted
 * by file, line and column. A document with a problem contributes no resource.
 */
public record LoadResult(Manifests manifests, List<Problem> problems) {
  public LoadResult {
    problems = problems.stream().sorted(Problems.ORDER).toList();
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
