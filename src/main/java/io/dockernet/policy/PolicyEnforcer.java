package io.dockernet.policy;

import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.model.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the rules for a set of policies and brings both families' filter tables to them. The
 * whole set of one owner is enforced at once: it replaces that owner's rules, and an empty set
 * removes every chain and jump of ours.
 */
public final class PolicyEnforcer {
  private final Netfilter netfilter;
  private final String owner;

  /** The outcome: the compiled rules and what changed (or, for a dry run, would change). */
  public record Enforcement(PolicyCompiler.Compiled compiled, List<NetfilterChange> changes) {
    public boolean changed() {
      return changes.stream().anyMatch(c -> !c.isEmpty());
    }

    public List<String> summary() {
      List<String> lines = new ArrayList<>();
      for (NetfilterChange c : changes) {
        c.summary().forEach(s -> lines.add(c.family().tool() + ": " + s));
      }
      return lines;
    }
  }

  public PolicyEnforcer(Netfilter netfilter, String owner) {
    this.netfilter = netfilter;
    this.owner = owner;
  }

  public Enforcement enforce(List<DockerNetworkPolicy> policies, Snapshot snapshot) {
    return run(policies, snapshot, true);
  }

  /** What enforce would change, without changing anything. */
  public Enforcement dryRun(List<DockerNetworkPolicy> policies, Snapshot snapshot) {
    return run(policies, snapshot, false);
  }

  private Enforcement run(List<DockerNetworkPolicy> policies, Snapshot snapshot, boolean write) {
    PolicyCompiler.Compiled compiled = PolicyCompiler.compile(policies, snapshot, owner);
    if (!compiled.ipv4().isEmpty() || !compiled.ipv6().isEmpty()) {
      netfilter.preflight(!compiled.ipv6().isEmpty());
    }
    List<NetfilterChange> changes = new ArrayList<>();
    for (Family f : Family.values()) {
      RuleSet wanted = compiled.rules(f);
      Installed installed;
      try {
        installed = netfilter.read(f);
      } catch (Netfilter.NetfilterException e) {
        if (wanted.isEmpty()) {
          continue; // nothing wanted and nothing readable (no ip6tables): nothing of ours can be
          // there
        }
        throw e;
      }
      String theirs = installed.owner();
      if (theirs != null && !theirs.equals(owner)) {
        throw new Netfilter.NetfilterException(
            "the policy rules on this host were installed by "
                + theirs
                + ", not "
                + owner
                + "; one owner (a CLI project or the operator) enforces the policies of a host. "
                + "Delete that owner's policies first");
      }
      changes.add(NetfilterChange.between(wanted, installed));
    }
    if (write) {
      changes.forEach(netfilter::write);
    }
    return new Enforcement(compiled, changes);
  }
}
