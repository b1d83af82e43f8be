package io.dockernet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule count, compile time and install time for P policies over C containers, and a re-apply. Run
 * as root on a Docker host: {@code java -cp ... io.dockernet.bench.PolicyBench 100 500}.
 *
 * <p>The containers are a synthetic snapshot (10 bridge networks that do not exist,
 * 10.204.100-109.0/24): the rules are real and installed in this host's netfilter with one
 * iptables-restore per family, but match no packet (no such bridge), and are removed at the end.
 *
 * <p>Then apply to enforced, on the engine: a real network (10.234.10.0/24) with three containers
 * this bench starts; a probe inside "other" connects to "web" every 50 ms (busybox {@code nc -w 1},
 * at most 1200 times) and stamps each attempt with the kernel's uptime clock, which the host reads
 * too; the figure is from the start of {@code dockernet apply} (the jar, a fresh JVM as a user runs
 * it) to the first attempt that the policy dropped, and "client" is then checked to still pass.
 * Everything it made is removed. Prints, and writes target/bench/policy.json.
 */
public final class PolicyBench {
  public static void main(String[] args) throws Exception {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int containers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int liveTrials = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Map<String, Object> json = new LinkedHashMap<>();
    Path work = Files.createTempDirectory("policy-bench");
    json.put("machine", Machine.describe(work));
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
    Map<String, Object> synthetic = new LinkedHashMap<>();
    synthetic.put("policies", list.size());
    synthetic.put("containers", containers);
    synthetic.put("chainsIpv4", compiled.ipv4().chains().size());
    synthetic.put("rulesIpv4", compiled.ipv4().ruleCount());
    synthetic.put("compileMs", (t1 - t0) / 1e6);
    synthetic.put("firstInstallMs", (t3 - t2) / 1e6);
    synthetic.put("reapplyMs", (t4 - t3) / 1e6);
    synthetic.put("reapplyWroteNothing", !again.changed());
    synthetic.put("removalMs", (t5 - t4) / 1e6);
    json.put("synthetic", synthetic);

    json.put("applyToEnforced", applyToEnforced(work, liveTrials));
    json.put("loadAfter", Machine.describe(work).get("load"));
    Path out = Path.of("target/bench/policy.json");
    Files.createDirectories(out.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    System.out.println("wrote " + out);
  }

  // ---- apply to enforced, on the engine ----

  static final int PORT = 8080;

  /** Trials of: policy applied (timed until the probe is dropped), then removed again. */
  static Map<String, Object> applyToEnforced(Path work, int trials) throws Exception {
    String jar = System.getProperty("dockernet.jar", "target/dockernet.jar");
    String image = System.getProperty("dockernet.test.image", "dockernet/busybox:local");
    String project = "dnt-bench-policy-" + ProcessHandle.current().pid();
    String net = project + "-net";
    String network =
        """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: %s}
        spec:
          ipam:
            config:
              - subnet: 10.234.10.0/24
        """
            .formatted(net);
    String policy =
        """
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetworkPolicy
        metadata: {name: web}
        spec:
          network: %s
          containerSelector: {matchLabels: {app: web}}
          ingress:
            - from: [{containerSelector: {matchLabels: {app: client}}}]
              ports: [{port: %d}]
        """
            .formatted(net, PORT);
    Path without = Files.createDirectories(work.resolve("without"));
    Path with = Files.createDirectories(work.resolve("with"));
    Files.writeString(without.resolve("m.yaml"), network);
    Files.writeString(with.resolve("m.yaml"), network + policy);
    List<String> names = List.of(project + "-web", project + "-client", project + "-other");
    List<Map<String, Object>> results = new ArrayList<>();
    try {
      cli(work, jar, "apply", without, project).orFail("apply (network)");
      for (String name : names) {
        String app = name.substring(name.lastIndexOf('-') + 1);
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    "docker",
                    "run",
                    "-d",
                    "--name",
                    name,
                    "--network",
                    net,
                    "-l",
                    "app=" + app,
                    "-l",
                    "io.dockernet.test=true",
                    image));
        cmd.addAll(
            app.equals("web")
                ? List.of("nc", "-ll", "-p", String.valueOf(PORT), "-e", "echo", "ok")
                : List.of("sleep", "3600"));
        Proc.run(work, Map.of(), cmd).orFail("docker run " + name);
      }
      String web =
          Proc.run(
                  work,
                  Map.of(),
                  List.of(
                      "docker",
                      "inspect",
                      "-f",
                      "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                      names.get(0)))
              .orFail("inspect")
              .out()
              .strip();
      for (int trial = 1; trial <= trials; trial++) {
        String probe = "/probe" + trial; // the image has no /tmp
        exec(
            work,
            "-d",
            names.get(2),
            "i=0; seen=0; while [ $i -lt 1200 ]; do s=$(cut -d' ' -f1 /proc/uptime); "
                + "if timeout 2 nc -w 1 "
                + web
                + " "
                + PORT
                + " </dev/null | grep -q ok; then seen=1; echo \"$s open\" >> "
                + probe
                // a failure before the first success is web's listener still starting
                + "; elif [ $seen = 1 ]; then echo \"$s blocked\" >> "
                + probe
                + "; break; fi; i=$((i+1)); sleep 0.05; done");
        waitFor(
            work, names.get(2), probe, " open", "the probe never got through before the policy");
        double start = uptime();
        Proc.Result apply = cli(work, jar, "apply", with, project).orFail("apply (policy)");
        double exited = uptime();
        String lines =
            waitFor(work, names.get(2), probe, " blocked", "the policy never dropped the probe");
        List<Double> opens = new ArrayList<>();
        double blockedAt = 0;
        for (String line : lines.strip().split("\n")) {
          String[] f = line.split(" ");
          if (f[1].equals("open")) {
            opens.add(Double.parseDouble(f[0]));
          } else {
            blockedAt = Double.parseDouble(f[0]);
          }
        }
        double lastOpen = opens.get(opens.size() - 1);
        boolean allowed =
            exec(work, names.get(1), "timeout 3 nc -w 1 " + web + " " + PORT + " </dev/null")
                .out()
                .contains("ok");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("trial", trial);
        r.put("applyToEnforcedSeconds", round(blockedAt - start));
        r.put("applyCommandSeconds", round(exited - start));
        r.put("lastOpenProbeAfterApplyStartSeconds", round(lastOpen - start));
        r.put("probeResolutionSeconds", round(blockedAt - lastOpen));
        r.put("allowedPeerStillPasses", allowed);
        r.put("applyOutput", apply.out().strip());
        results.add(r);
        System.out.printf(
            "apply -> enforced (trial %d): %.2f s (apply command %.2f s; last probe through at %.2f"
                + " s; allowed peer passes: %s)%n",
            trial, blockedAt - start, exited - start, lastOpen - start, allowed);
        // Back to no policy for the next trial: the project's apply without policies removes them.
        cli(work, jar, "apply", without, project).orFail("apply (policy removed)");
      }
    } finally {
      List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
      rm.addAll(names);
      Proc.run(work, Map.of(), rm);
      cli(work, jar, "delete", with, project);
    }
    List<Double> figures =
        results.stream().map(r -> (Double) r.get("applyToEnforcedSeconds")).sorted().toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trials", results);
    out.put("medianApplyToEnforcedSeconds", figures.get(figures.size() / 2));
    System.out.printf(
        "apply -> enforced: median %.2f s over %d trials%n",
        figures.get(figures.size() / 2), figures.size());
    return out;
  }

  private static Proc.Result cli(Path work, String jar, String verb, Path dir, String project) {
    return Proc.run(
        work,
        Map.of(),
        List.of("java", "-jar", jar, verb, "-f", dir.toString(), "--project", project));
  }

  private static Proc.Result exec(Path work, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker", "exec"));
    cmd.addAll(List.of(args).subList(0, args.length - 1));
    cmd.addAll(List.of("sh", "-c", args[args.length - 1]));
    return Proc.run(work, Map.of(), cmd);
  }

  /** The probe's lines once one contains {@code what} (60 s at most). */
  private static String waitFor(
      Path work, String container, String file, String what, String failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      String lines = exec(work, container, "cat " + file + " 2>/dev/null || true").out();
      if (lines.contains(what)) {
        return lines;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(failure);
  }

  /** The kernel's uptime clock, which the containers read too (/proc/uptime is not namespaced). */
  private static double uptime() throws java.io.IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
