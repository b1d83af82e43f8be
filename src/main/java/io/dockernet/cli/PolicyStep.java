package io.dockernet.cli;

import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineConfig;
import io.dockernet.manifest.Manifests;
import io.dockernet.policy.Netfilter;
import io.dockernet.policy.PolicyCompiler;
import io.dockernet.policy.PolicyEnforcer;
import io.dockernet.policy.PolicyEnforcer.Enforcement;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DockerNetworkPolicies in standalone mode: the manifests' policies are the whole set of the
 * project on this host, enforced in netfilter after the networks converged (containers need their
 * addresses). Only the CLI on the Docker host can enforce them; elsewhere, and without iptables, a
 * declared policy is an error before any change.
 */
final class PolicyStep {
  private final Netfilter netfilter;

  PolicyStep(Netfilter netfilter) {
    this.netfilter = netfilter;
  }

  PolicyStep() {
    this(new Netfilter());
  }

  /** Fails before any change when the manifests declare policies this host cannot enforce. */
  void preflight(Manifests loaded, EngineConfig engine) {
    if (loaded.policies().isEmpty()) {
      return;
    }
    if (!Fleet.local(engine)) {
      throw new Netfilter.NetfilterException(
          "DockerNetworkPolicy is enforced in the netfilter rules of the "
              + "Docker host, so only the CLI running on that host (over its unix socket) can enforce it; this engine is "
              + engine.host()
              + " (PolicyUnsupported)");
    }
    netfilter.preflight(false);
  }

  /**
   * Brings netfilter to the policies ({@code delete}: to none of them). Without declared policies
   * the rules are touched only on a local engine, and only when this project installed them.
   */
  Enforcement run(
      DockerGateway gateway,
      Manifests loaded,
      String project,
      EngineConfig engine,
      boolean delete,
      boolean dryRun) {
    List<DockerNetworkPolicy> wanted = delete ? List.of() : loaded.policies();
    if (!Fleet.local(engine)) {
      return null;
    }
    if (wanted.isEmpty() && loaded.policies().isEmpty() && !ours(project)) {
      return null;
    }
    PolicyEnforcer enforcer = new PolicyEnforcer(netfilter, project);
    return dryRun
        ? enforcer.dryRun(wanted, gateway.snapshot())
        : enforcer.enforce(wanted, gateway.snapshot());
  }

  /** Whether rules of this project are installed (reads IPv4 only; absent iptables means none). */
  private boolean ours(String project) {
    try {
      return project.equals(netfilter.read(io.dockernet.policy.Family.IPV4).owner());
    } catch (Netfilter.NetfilterException e) {
      return false;
    }
  }

  /** One line per policy, then what changed in netfilter. */
  static void print(
      PrintWriter out, Enforcement e, List<DockerNetworkPolicy> policies, boolean dryRun) {
    if (e == null) {
      return;
    }
    for (DockerNetworkPolicy p : policies) {
      String key = io.dockernet.model.DesiredState.ref(p).key();
      PolicyCompiler.Coverage c = e.compiled().coverage().get(key);
      if (c == null) {
        continue;
      }
      out.printf(
          "DockerNetworkPolicy %s  %s  containers %d, rules %d%s%n",
          key,
          c.problem() != null ? "invalid" : dryRun ? "planned" : "enforced",
          c.containers(),
          c.rules(),
          c.problem() == null ? "" : " -- " + c.problem());
    }
    List<String> summary = e.summary();
    if (summary.isEmpty()) {
      out.println("netfilter: no change");
    } else {
      out.println("netfilter: " + summary.size() + (dryRun ? " change(s) pending" : " change(s)"));
      summary.forEach(line -> out.println("  " + line));
    }
    out.flush();
  }

  static Map<String, Object> data(Enforcement e) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> policies = new ArrayList<>();
    e.compiled()
        .coverage()
        .forEach(
            (key, c) -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("policy", key);
              p.put("containers", c.containers());
              p.put("rules", c.rules());
              if (c.problem() != null) {
                p.put("problem", c.problem());
              }
              policies.add(p);
            });
    m.put("policies", policies);
    m.put("netfilterChanges", e.summary());
    return m;
  }

  static boolean failed(Enforcement e) {
    return e != null
        && e.compiled().coverage().values().stream().anyMatch(c -> c.problem() != null);
  }
}
