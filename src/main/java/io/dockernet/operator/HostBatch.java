package io.dockernet.operator;

import io.dockernet.exec.Converger;
import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A round's source for one resource and the host's resources waiting for a round of their own,
 * planned along with it ({@link ConvergingReconciler#plannedAlong}): one snapshot, one plan, and
 * their creates in the executor's lanes side by side, instead of one round each, one after another
 * on the engine's lock. The round stays the first resource's: its problems make the round invalid,
 * while a resource along whose own check finds problems is left out (its own round reports them).
 * Every resource along still has its own round afterwards, which finds its work done and writes its
 * status.
 */
final class HostBatch implements Converger.Source {
  /** One resource planned along, with its own round's source. */
  record Along(HasMetadata resource, Converger.Source source) {}

  private final Converger.Source first;
  private final List<Along> along;
  private final List<Along> kept = new ArrayList<>();

  HostBatch(Converger.Source first, List<Along> along) {
    this.first = first;
    this.along = List.copyOf(along);
  }

  /** The resources along that passed their checks (known once the round checked). */
  List<HasMetadata> kept() {
    return kept.stream().map(Along::resource).toList();
  }

  @Override
  public List<Problem> check(Snapshot snapshot) {
    List<Problem> problems = first.check(snapshot);
    kept.clear();
    if (problems.isEmpty()) {
      along.stream().filter(a -> a.source().check(snapshot).isEmpty()).forEach(kept::add);
    }
    return problems;
  }

  @Override
  public DesiredState desired() {
    DesiredState own = first.desired();
    List<DesiredNetwork> networks = new ArrayList<>(own.networks());
    List<DesiredAttachment> attachments = new ArrayList<>(own.attachments());
    for (Along a : kept) {
      DesiredState theirs = a.source().desired();
      networks.addAll(theirs.networks());
      attachments.addAll(theirs.attachments());
    }
    return new DesiredState(own.project(), networks, attachments);
  }

  /** What the first resource's source shows; sources along show the engine as read. */
  @Override
  public Snapshot visible(Snapshot snapshot) {
    return first.visible(snapshot);
  }

  /** Each source adds what it reports about its own resource (ranges, reserved addresses). */
  @Override
  public Plan report(Plan plan) {
    Plan reported = first.report(plan);
    for (Along a : kept) {
      reported = a.source().report(reported);
    }
    return reported;
  }
}
