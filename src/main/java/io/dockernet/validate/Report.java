package io.dockernet.validate;

import io.dockernet.model.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects located findings while the rules run. */
final class Report {
  private final Locator locator;
  private final List<Finding> findings = new ArrayList<>();

  Report(Locator locator) {
    this.locator = locator == null ? Locator.NONE : locator;
  }

  void add(HasMetadata resource, String path, String message) {
    findings.add(new Finding(resource, new Problem(locator.locate(resource, path), path, message)));
  }

  /** A warning: printed with its location, fails nothing. */
  void warn(HasMetadata resource, String path, String message) {
    findings.add(
        new Finding(
            resource,
            new Problem(locator.locate(resource, path), path, message, Problem.Severity.WARNING)));
  }

  /** "DockerNetwork team-a/web (nets.yaml:12:9)" for cross references in messages. */
  String where(HasMetadata resource, String path) {
    Location location = locator.locate(resource, path);
    String name = DesiredState.ref(resource).toString();
    return location == null ? name : name + " (" + location + ")";
  }

  List<Finding> findings() {
    return findings.stream()
        .sorted(Comparator.comparing(Finding::problem, Problems.ORDER))
        .toList();
  }
}
