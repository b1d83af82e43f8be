package io.dockernet.bench;

import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredAttachment;
import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.testing.EngineReports;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 5: {@link Planner#plan} with N networks, each with one selector attachment matching 5
 * running containers. "converged": the engine already has everything (the steady state of watch and
 * the operator: every network and endpoint compared, empty plan). "cold": the engine has the
 * containers but none of the networks (N creates, 5N connects planned).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlannerBench {
  static final int ENDPOINTS = 5;

  /** 20k is there to show growth beyond 10k: 1k fits the CPU caches, 10k and 20k do not. */
  @Param({"1000", "10000", "20000"})
  public int networks;

  @Param({"converged", "cold"})
  public String engine;

  DesiredState desired;
  Snapshot snapshot;

  @Setup
  public void setUp() {
    desired = desired(networks);
    snapshot = snapshot(desired, engine.equals("converged"));
  }

  @Benchmark
  public Plan plan() {
    return Planner.plan(desired, snapshot, PlanOptions.apply(false));
  }

  static DesiredState desired(int n) {
    List<DockerNetwork> nets = new ArrayList<>(n);
    List<NetworkAttachment> atts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DockerNetwork net = new DockerNetwork();
      net.setMetadata(new ObjectMetaBuilder().withName("n" + i).withNamespace("default").build());
      IpamConfig pool = new IpamConfig();
      pool.setSubnet("10." + (i / 256) + "." + (i % 256) + ".0/24");
      IpamSpec ipam = new IpamSpec();
      ipam.setConfig(List.of(pool));
      DockerNetworkSpec spec = new DockerNetworkSpec();
      spec.setIpam(ipam);
      net.setSpec(spec);
      nets.add(net);
      NetworkAttachment att = new NetworkAttachment();
      att.setMetadata(new ObjectMetaBuilder().withName("a" + i).withNamespace("default").build());
      NetworkAttachmentSpec as = new NetworkAttachmentSpec();
      as.setNetwork("n" + i);
      ContainerSelector selector = new ContainerSelector();
      selector.setMatchLabels(Map.of("net", "n" + i));
      as.setContainerSelector(selector);
      as.setAliases(List.of("svc" + i));
      att.setSpec(as);
      atts.add(att);
    }
    return DesiredState.from("bench", nets, atts);
  }

  /**
   * The engine's view after (converged) or before (cold) the desired networks were created and
   * connected.
   */
  static Snapshot snapshot(DesiredState desired, boolean converged) {
    List<ObservedNetwork> nets = new ArrayList<>();
    List<ObservedContainer> containers = new ArrayList<>();
    int i = 0;
    for (DesiredNetwork dn : desired.networks()) {
      DesiredAttachment da = desired.attachments().get(i);
      String netId = String.format("%064x", i + 1);
      List<ObservedEndpoint> endpoints = new ArrayList<>();
      for (int j = 0; j < ENDPOINTS; j++) {
        String cid = String.format("c%07d%02d", i, j) + "0".repeat(54);
        String name = "c" + i + "-" + j;
        List<ObservedEndpoint> own = new ArrayList<>();
        if (converged) {
          EndpointConfig want = da.endpoint();
          List<String> aliases = new ArrayList<>(want.aliases());
          aliases.add(cid.substring(0, 12)); // engines before API 1.45 add the short id
          EndpointConfig seen =
              new EndpointConfig(
                  aliases,
                  null,
                  null,
                  want.linkLocalIps(),
                  want.links(),
                  want.driverOpts(),
                  null,
                  null);
          ObservedEndpoint ep =
              new ObservedEndpoint(
                  netId,
                  dn.name(),
                  cid,
                  name,
                  String.format("%064x", i * 8L + j),
                  "10." + (i / 256) + "." + (i % 256) + "." + (j + 2),
                  null,
                  "02:42:0a:00:00:0" + j,
                  seen);
          endpoints.add(ep);
          own.add(ep);
        }
        containers.add(new ObservedContainer(cid, name, Map.of("net", dn.name()), true, own));
      }
      if (converged) {
        nets.add(new ObservedNetwork(netId, asEngineReports(dn.config()), endpoints));
      }
      i++;
    }
    return new Snapshot(new EngineInfo("20.10.24", "1.41", "none", "bench"), nets, containers);
  }

  /** What the engine fills in: IPAM driver "default", scope "local", IPv4 on, a gateway. */
  private static NetworkConfig asEngineReports(NetworkConfig c) {
    List<IpamPool> pools = new ArrayList<>();
    for (IpamPool p : c.ipamPools()) {
      String gateway = p.gateway() != null ? p.gateway() : p.subnet().replace(".0/24", ".1");
      pools.add(new IpamPool(p.subnet(), p.ipRange(), gateway, p.auxAddresses()));
    }
    return EngineReports.network(c, pools);
  }
}
