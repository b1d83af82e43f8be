package io.dockernet.bench;

import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.policy.Netfilter;
import io.dockernet.policy.PolicyCompiler;
import io.dockernet.policy.PolicyEnforcer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rule count, compile time and install time for P policies over C containers, and a re-apply. Run
 * as root on a Docker host: {@code java -cp ... io.dockernet.bench.PolicyBench 100 500}.
 *
 * <p>The containers are a synthetic snapshot (10 bridge networks that do not exist,
 * 10.204.100-109.0/24): the rules are real and installed in this host's netfilter with one
 * iptables-restore per family, but match no packet (no such bridge), and are removed at the end.
 * The time a real policy takes from apply to enforced on the engine is measured by the CLI ITs'
 * apply (see docs/policies.md).
 */
public final class PolicyBench {
  public static void main(String[] args) {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int containers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int networks = 10;
    List<ObservedNetwork> nets = new ArrayList<>();
    for (int n = 0; n < networks; n++) {
      String id = String.format("%012x", 0xbe4c0000L + n) + "0000";
      nets.add(
          new ObservedNetwork(
              id,
              new NetworkConfig(
                  "bench-" + n,
                  "bridge",
                  Map.of(),
                  false,
                  false,
                  false,
                  false,
                  null,
                  "local",
                  false,
                  null,
                  Map.of(),
                  "default",
                  Map.of(),
                  List.of(new IpamPool("10.204." + (100 + n) + ".0/24", null, null, null))),
              List.of()));
    }
    List<ObservedContainer> cs = new ArrayList<>();
    for (int c = 0; c < containers; c++) {
      ObservedNetwork net = nets.get(c % networks);
      String ip = "10.204." + (100 + c % networks) + "." + (2 + c / networks);
      String id = "c" + c;
      cs.add(
          new ObservedContainer(
              id,
              id,
              Map.of("app", "app" + (c % policies), "tier", c % 2 == 0 ? "web" : "db"),
              true,
              List.of(
                  new ObservedEndpoint(
                      net.id(),
                      net.name(),
                      id,
                      id,
                      "e" + c,
                      ip,
                      null,
                      null,
                      EndpointConfig.empty()))));
    }
    Snapshot snapshot = new Snapshot(new EngineInfo("20.10", "1.41", null, "bench"), nets, cs);
    StringBuilder yaml = new StringBuilder();
    for (int p = 0; p < policies; p++) {
      yaml.append(
          """
          apiVersion: dockernet.io/v1alpha1
          kind: DockerNetworkPolicy
          metadata: {name: p%d}
          spec:
            network: bench-%d
            containerSelector: {matchLabels: {app: app%d}}
            ingress:
              - from: [{containerSelector: {matchLabels: {tier: web}}}]
                ports: [{port: 5432}]
              - from: [{cidr: 192.0.2.0/24}]
          ---
          """
              .formatted(p, p % networks, p));
    }
    List<DockerNetworkPolicy> list =
        ManifestLoader.loadString("bench", yaml.toString()).manifests().policies();
    for (int warm = 0; warm < 3; warm++) {
      long w = System.nanoTime();
      PolicyCompiler.compile(list, snapshot, "bench");
      System.out.printf("compile (run %d) %.1f ms%n", warm + 1, (System.nanoTime() - w) / 1e6);
    }
    long t0 = System.nanoTime();
    PolicyCompiler.Compiled compiled = PolicyCompiler.compile(list, snapshot, "bench");
    long t1 = System.nanoTime();
    PolicyEnforcer enforcer = new PolicyEnforcer(new Netfilter(), "bench");
    long t2 = System.nanoTime();
    PolicyEnforcer.Enforcement first = enforcer.enforce(list, snapshot);
    long t3 = System.nanoTime();
    PolicyEnforcer.Enforcement again = enforcer.enforce(list, snapshot);
    long t4 = System.nanoTime();
    PolicyEnforcer.Enforcement removed = enforcer.enforce(List.of(), snapshot);
    long t5 = System.nanoTime();
    int covered =
        compiled.coverage().values().stream().mapToInt(PolicyCompiler.Coverage::containers).sum();
    System.out.printf(
        "policies %d, containers %d (covered %d), chains %d, rules %d (IPv4)%n",
        list.size(),
        containers,
        covered,
        compiled.ipv4().chains().size(),
        compiled.ipv4().ruleCount());
    System.out.printf(
        "compile %.1f ms; first install (read + diff + one iptables-restore) %.1f ms, %d lines written%n",
        (t1 - t0) / 1e6,
        (t3 - t2) / 1e6,
        first.changes().stream().mapToInt(c -> c.script().size()).sum());
    System.out.printf(
        "re-apply %.1f ms, wrote %s; removal %.1f ms, %d lines%n",
        (t4 - t3) / 1e6,
        again.changed() ? "SOMETHING (bug)" : "nothing",
        (t5 - t4) / 1e6,
        removed.changes().stream().mapToInt(c -> c.script().size()).sum());
  }
}
