package io.dockernet.pool;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Reason;
import io.dockernet.plan.Verb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link PoolAllocator} decided.
 *
 * @param networks the desired networks with a concrete subnet for every pool request (networks that
 *     got none are left out: nothing of them is created)
 * @param blocked the networks left out, as they were declared (validation still sees them)
 * @param grants every subnet a pool request holds, kept or fresh
 * @param problems per network: {@link PoolAllocator#EXHAUSTED}, {@link PoolAllocator#OUTSIDE}, ...
 */
public record Allocation(
    List<DockerNetwork> networks,
    List<DockerNetwork> blocked,
    List<Grant> grants,
    List<PoolProblem> problems) {

  public Allocation {
    networks = List.copyOf(networks);
    blocked = List.copyOf(blocked);
    grants = List.copyOf(grants);
    problems = List.copyOf(problems);
  }

  /** One subnet from one pool for one network; {@code fresh} when this round allocated it. */
  public record Grant(
      ResourceRef network, String dockerName, String pool, String subnet, boolean fresh) {}

  /**
   * A network the pools cannot serve as declared; {@code code} is the reason shown in results and
   * conditions.
   */
  public record PoolProblem(ResourceRef network, String dockerName, Reason code, String message) {}

  /**
   * Every network as validation must see it: allocated ones with their subnets, blocked ones as
   * declared.
   */
  public List<DockerNetwork> forValidation() {
    List<DockerNetwork> all = new ArrayList<>(networks);
    all.addAll(blocked);
    return all;
  }

  /**
   * The snapshot the planner gets: networks that could not be given a subnet are hidden, so that no
   * prune removes one that exists while its declaration waits for a block.
   */
  public Snapshot visible(Snapshot snapshot) {
    if (blocked.isEmpty()) {
      return snapshot;
    }
    Set<String> hidden = new HashSet<>();
    blocked.forEach(n -> hidden.add(io.dockernet.model.DesiredState.dockerName(n)));
    List<ObservedNetwork> kept =
        snapshot.networks().stream().filter(n -> !hidden.contains(n.name())).toList();
    return new Snapshot(snapshot.engine(), kept, snapshot.containers());
  }

  /**
   * The plan with a {@link Action.Blocked} per pool problem, and the allocated subnet named in the
   * reason of the create or recreate that takes a fresh block.
   */
  public Plan report(Plan plan) {
    if (problems.isEmpty() && grants.stream().noneMatch(Grant::fresh)) {
      return plan;
    }
    Map<ResourceRef, List<Grant>> fresh = new HashMap<>();
    grants.stream()
        .filter(Grant::fresh)
        .forEach(g -> fresh.computeIfAbsent(g.network(), r -> new ArrayList<>()).add(g));
    List<Action> actions = new ArrayList<>();
    for (Action a : plan.actions()) {
      List<Grant> mine = fresh.get(a.resource());
      boolean makesTheNetwork = a.verb() == Verb.CREATE || a.verb() == Verb.RECREATE;
      actions.add(
          mine != null && makesTheNetwork ? a.withReason(a.reason() + "; " + describe(mine)) : a);
    }
    Set<ResourceRef> resources = new LinkedHashSet<>(plan.resources());
    for (PoolProblem p : problems) {
      actions.add(new Action.Blocked(p.network(), p.code(), p.message()));
      resources.add(p.network());
    }
    return new Plan(actions, resources, plan.notes());
  }

  private static String describe(List<Grant> grants) {
    return String.join(
        "; ",
        grants.stream()
            .map(g -> "subnet " + g.subnet() + " allocated from pool " + g.pool())
            .toList());
  }
}
