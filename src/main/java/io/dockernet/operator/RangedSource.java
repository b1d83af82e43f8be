package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.pool.DynamicRanges;
import io.dockernet.validate.Problem;
import java.util.List;
import java.util.function.Supplier;

/**
 * A round's source for a DockerNetwork with explicit subnets: once its spec is valid, its dynamic
 * range is arranged around the static addresses the attachments of its host reserve, so those stay
 * free; the plan's report lists the ranges and reservations.
 */
final class RangedSource implements Converger.Source {
  private final Converger.Source plain;
  private final String project;
  private final DockerNetwork network;
  private final Supplier<List<NetworkAttachment>> attachments;
  private DynamicRanges.Result ranges;

  /**
   * @param attachments the NetworkAttachments on the network's host, read when the round checks
   */
  RangedSource(
      Converger.Source plain,
      String project,
      DockerNetwork network,
      Supplier<List<NetworkAttachment>> attachments) {
    this.plain = plain;
    this.project = project;
    this.network = network;
    this.attachments = attachments;
  }

  @Override
  public List<Problem> check(Snapshot snapshot) {
    List<Problem> problems = plain.check(snapshot);
    if (problems.isEmpty()) {
      // Static addresses stay free: the attachments of this host, from their cache.
      ranges = DynamicRanges.arrange(project, List.of(network), attachments.get(), snapshot);
    }
    return problems;
  }

  @Override
  public DesiredState desired() {
    return DesiredState.from(project, ranges.networks(), List.of());
  }

  @Override
  public Snapshot visible(Snapshot snapshot) {
    return plain.visible(snapshot);
  }

  @Override
  public Plan report(Plan plan) {
    return ranges.report(plain.report(plan));
  }
}
