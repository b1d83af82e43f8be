package io.dockernet.manifest;

import io.dockernet.validate.Problem;
import io.dockernet.validate.Problems;
import java.util.List;

/**
 * What loading manifests gave: the resources that could be read, every problem found (sorted by
 * file, line and column; a document with a problem contributes no resource), and the documents of
 * other API groups that were skipped ({@code file:line:column: Kind (apiVersion)}).
 */
public record LoadResult(Manifests manifests, List<Problem> problems, List<String> skipped) {
  public LoadResult {
    problems = problems.stream().sorted(Problems.ORDER).toList();
    skipped = List.copyOf(skipped);
  }

  public LoadResult(Manifests manifests, List<Problem> problems) {
    this(manifests, problems, List.of());
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
