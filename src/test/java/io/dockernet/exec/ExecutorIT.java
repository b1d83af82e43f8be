package io.dockernet.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.model.DesiredState;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Planner;
import io.dockernet.plan.Reason;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The executor against the real engine: plans from real snapshots, results checked with the docker
 * CLI, and a second plan after every run to show it converged. Subnets 10.123.32-47.x.
 */
class ExecutorIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  private final String project = "exec-it-" + engine.prefix();

  // ------------------------------------------------------------------ tests

  @Test
  void createsANetworkAndConnectsContainersInOneRun() {
    String net = engine.name("x-web");
    String c1 = engine.name("x-web-1");
    String c2 = engine.name("x-web-2");
    String tier = engine.name("tier");
    engine.runContainer(c1, Map.of("tier", tier));
    engine.runContainer(c2, Map.of("tier", tier));
    DesiredState desired =
        desired(
            List.of(network(net, "10.123.32.0/24", Map.of())),
            List.of(selectorAttachment("web", net, Map.of("tier", tier), "api")));

    List<String> heard = new ArrayList<>();
    ApplyReport report = apply(desired, (action, ok, message) -> heard.add(ok + " " + message));

    assertThat(outcome(report, "DockerNetwork", net)).isEqualTo(Outcome.CREATED);
    assertThat(outcome(report, "NetworkAttachment", "web")).isEqualTo(Outcome.CONNECTED);
    assertThat(heard).hasSize(3).allMatch(s -> s.startsWith("true"));
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.path("IPAM").path("Config").get(0).path("Subnet").asText())
        .isEqualTo("10.123.32.0/24");
    assertThat(n.path("Labels").path(Ownership.MANAGED_BY).asText()).isEqualTo("dockernet");
    assertThat(endpoint(c1, net).path("Aliases").toString()).contains("\"api\"");
    assertThat(endpoint(c1, net).path("DriverOpts").path(Ownership.ENDPOINT_OWNER_OPT).asText())
        .isEqualTo(project + "/default/web");
    assertThat(engine.ping(c1, "api")).as("the alias resolves on the new network").isTrue();
    assertConverged(desired);
  }

  @Test
  void subnetChangeRecreatesAndKeepsTheUnmanagedEndpoint() {
    String net = engine.name("x-sub");
    String ours = engine.name("x-sub-ours");
    String theirs = engine.name("x-sub-theirs");
    engine.runContainer(ours);
    engine.runContainer(theirs);
    DesiredState before =
        desired(
            List.of(network(net, "10.123.33.0/24", Map.of())),
            List.of(attachment("a", net, ours, "api")));
    assertThat(apply(before).failed()).isFalse();
    engine.docker("network", "connect", "--alias", "legacy", "--ip", "10.123.33.50", net, theirs);
    String oldId = engine.inspectNetwork(net).path("Id").asText();

    DesiredState after =
        desired(
            List.of(network(net, "10.123.34.0/24", Map.of())),
            List.of(attachment("a", net, ours, "api")));
    Plan plan = plan(after);
    assertThat(plan.actions()).singleElement().isInstanceOf(Action.RecreateNetwork.class);
    ApplyReport report = new Executor(engine.gateway(), 4).execute(plan, ProgressListener.NONE);

    ResourceResult r = result(report, "DockerNetwork", net);
    assertThat(r.outcome()).as(r.messages().toString()).isEqualTo(Outcome.RECREATED);
    assertThat(r.messages().get(0))
        .contains("ipam.config[0].subnet: 10.123.33.0/24 -> 10.123.34.0/24");
    assertThat(r.messages()).anyMatch(m -> m.contains(theirs + " lost its static address"));
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.path("Id").asText()).isNotEqualTo(oldId);
    assertThat(n.path("IPAM").path("Config").get(0).path("Subnet").asText())
        .isEqualTo("10.123.34.0/24");
    JsonNode legacy = endpoint(theirs, net);
    assertThat(legacy.path("Aliases").toString()).contains("\"legacy\"");
    assertThat(legacy.path("IPAddress").asText()).startsWith("10.123.34.");
    assertThat(legacy.path("DriverOpts").path(Ownership.ENDPOINT_OWNER_OPT).isMissingNode())
        .as("still unmanaged")
        .isTrue();
    assertThat(endpoint(ours, net).path("Aliases").toString()).contains("\"api\"");
    assertThat(engine.ping(ours, "legacy")).isTrue();
    assertConverged(after);
  }

  @Test
  void immutableChangeThatKeepsTheSubnetRestoresAddressesAndAliasesIdentically() {
    String net = engine.name("x-int");
    String ours = engine.name("x-int-ours");
    String theirs = engine.name("x-int-theirs");
    String dynamic = engine.name("x-int-dyn");
    engine.runContainer(ours);
    engine.runContainer(theirs);
    engine.runContainer(dynamic);
    DesiredState before =
        desired(
            List.of(network(net, "10.123.35.0/24", Map.of("team", "a"))),
            List.of(attachment("a", net, ours, "api", "www")));
    assertThat(apply(before).failed()).isFalse();
    engine.docker("network", "connect", "--alias", "legacy", "--ip", "10.123.35.50", net, theirs);
    engine.docker("network", "connect", "--alias", "side", net, dynamic);
    Map<String, JsonNode> was =
        Map.of(
            ours,
            endpoint(ours, net),
            theirs,
            endpoint(theirs, net),
            dynamic,
            endpoint(dynamic, net));

    DockerNetwork changed = network(net, "10.123.35.0/24", Map.of("team", "b"));
    changed.getSpec().setInternal(true);
    DesiredState after =
        desired(List.of(changed), List.of(attachment("a", net, ours, "api", "www")));
    ApplyReport report = apply(after);

    ResourceResult r = result(report, "DockerNetwork", net);
    assertThat(r.outcome()).as(r.messages().toString()).isEqualTo(Outcome.RECREATED);
    assertThat(r.messages().get(0))
        .contains("internal: false -> true")
        .contains("labels.team: a -> b");
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.path("Internal").asBoolean()).isTrue();
    assertThat(n.path("Labels").path("team").asText()).isEqualTo("b");
    for (String c : List.of(ours, theirs, dynamic)) {
      JsonNode now = endpoint(c, net);
      assertThat(now.path("IPAddress").asText())
          .as(c + " address")
          .isEqualTo(was.get(c).path("IPAddress").asText());
      assertThat(aliases(now, c)).as(c + " aliases").isEqualTo(aliases(was.get(c), c));
      assertThat(now.path("DriverOpts").path(Ownership.ENDPOINT_OWNER_OPT).asText(""))
          .as(c + " ownership")
          .isEqualTo(was.get(c).path("DriverOpts").path(Ownership.ENDPOINT_OWNER_OPT).asText(""));
    }
    assertThat(engine.ping(ours, "legacy")).isTrue();
    assertThat(engine.ping(theirs, "side")).isTrue();
    assertConverged(after);
  }

  @Test
  void recreateWhoseNewSettingsAreRefusedPutsTheOldNetworkBackWithEveryEndpoint() {
    String blocker = engine.name("x-rb-blocker");
    engine.createUnmanagedNetwork(blocker, "--subnet", "10.123.40.0/24");
    String net = engine.name("x-rb");
    String ours = engine.name("x-rb-ours");
    String theirs = engine.name("x-rb-theirs");
    engine.runContainer(ours);
    engine.runContainer(theirs);
    DesiredState before =
        desired(
            List.of(network(net, "10.123.39.0/24", Map.of())),
            List.of(attachment("a", net, ours, "api")));
    assertThat(apply(before).failed()).isFalse();
    engine.docker("network", "connect", "--alias", "legacy", net, theirs);
    Map<String, String> addresses =
        Map.of(
            ours,
            endpoint(ours, net).path("IPAddress").asText(),
            theirs,
            endpoint(theirs, net).path("IPAddress").asText());

    // The new subnet overlaps the blocker: the engine refuses the create after the old network is
    // gone.
    DesiredState after =
        desired(
            List.of(network(net, "10.123.40.0/25", Map.of())),
            List.of(attachment("a", net, ours, "api")));
    ApplyReport report = apply(after);

    ResourceResult r = result(report, "DockerNetwork", net);
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.messages().get(0))
        .contains("recreated it with its old settings")
        .doesNotContain("not restored");
    JsonNode n = engine.inspectNetwork(net);
    assertThat(n.path("IPAM").path("Config").get(0).path("Subnet").asText())
        .isEqualTo("10.123.39.0/24");
    assertThat(n.path("Labels").path(Ownership.MANAGED_BY).asText()).isEqualTo("dockernet");
    for (String c : List.of(ours, theirs)) {
      assertThat(endpoint(c, net).path("IPAddress").asText()).as(c).isEqualTo(addresses.get(c));
    }
    assertThat(aliases(endpoint(theirs, net), theirs)).containsExactly("legacy");
    assertThat(plan(before).actions()).as("the old spec is converged again").isEmpty();
  }

  @Test
  void aFailingResourceDoesNotStopTheOthers() {
    String blocker = engine.name("x-blocker");
    engine.createUnmanagedNetwork(blocker, "--subnet", "10.123.37.0/24");
    String bad = engine.name("x-bad");
    String good = engine.name("x-good");
    String c = engine.name("x-fail-c");
    engine.runContainer(c);
    DesiredState desired =
        desired(
            List.of(
                network(bad, "10.123.37.0/25", Map.of()),
                network(good, "10.123.36.0/24", Map.of())),
            List.of(attachment("to-bad", bad, c), attachment("to-good", good, c)));

    ApplyReport report = apply(desired);

    ResourceResult badNet = result(report, "DockerNetwork", bad);
    assertThat(badNet.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(badNet.reason()).isNotNull();
    assertThat(badNet.messages().get(0)).contains("creating network " + bad + " failed");
    ResourceResult toBad = result(report, "NetworkAttachment", "to-bad");
    assertThat(toBad.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(toBad.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(outcome(report, "DockerNetwork", good)).isEqualTo(Outcome.CREATED);
    assertThat(outcome(report, "NetworkAttachment", "to-good")).isEqualTo(Outcome.CONNECTED);
    assertThat(engine.networkExists(bad)).isFalse();
    assertThat(endpoint(c, good).isMissingNode()).isFalse();
    assertThat(report.failed()).isTrue();
    assertThat(report.results()).hasSize(4);
  }

  @Test
  void whatSomeoneElseAlreadyDidCountsAsDone() {
    String net = engine.name("x-race");
    String c = engine.name("x-race-c");
    engine.runContainer(c);
    DesiredState desired =
        desired(
            List.of(network(net, "10.123.38.0/24", Map.of())), List.of(attachment("r", net, c)));
    assertThat(apply(desired).failed()).isFalse();
    engine.docker("network", "disconnect", net, c);
    Plan reconnect = plan(desired);
    engine.docker("network", "connect", net, c); // a person gets there first

    ApplyReport report =
        new Executor(engine.gateway(), 2).execute(reconnect, ProgressListener.NONE);
    ResourceResult r = result(report, "NetworkAttachment", "r");
    assertThat(r.outcome()).isEqualTo(Outcome.CONNECTED);
    assertThat(r.messages().get(0)).contains("already connected");

    Plan delete = Planner.plan(desired, engine.gateway().snapshot(), PlanOptions.delete());
    ApplyReport deleted = new Executor(engine.gateway(), 2).execute(delete, ProgressListener.NONE);
    assertThat(result(deleted, "DockerNetwork", net).outcome())
        .as("the endpoint is not ours any more")
        .isEqualTo(Outcome.BLOCKED);
    assertThat(result(deleted, "DockerNetwork", net).reason()).isEqualTo(Reason.IN_USE);
    engine.docker("network", "disconnect", net, c);
    Plan remove = Planner.plan(desired, engine.gateway().snapshot(), PlanOptions.delete());
    engine.docker("network", "rm", net); // and again someone is faster
    ApplyReport removed = new Executor(engine.gateway(), 2).execute(remove, ProgressListener.NONE);
    assertThat(result(removed, "DockerNetwork", net).outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(result(removed, "DockerNetwork", net).messages().get(0)).contains("already gone");
  }

  // ---------------------------------------------------------------- helpers

  private ApplyReport apply(DesiredState desired) {
    return apply(desired, ProgressListener.NONE);
  }

  private ApplyReport apply(DesiredState desired, ProgressListener listener) {
    return new Executor(engine.gateway(), 4).execute(plan(desired), listener);
  }

  private Plan plan(DesiredState desired) {
    return Planner.plan(desired, engine.gateway().snapshot(), PlanOptions.apply(false));
  }

  /** Idempotency, asserted: planning again right after a run finds nothing to do. */
  private void assertConverged(DesiredState desired) {
    Plan again = plan(desired);
    assertThat(again.actions()).as("second plan").isEmpty();
    ApplyReport noop = new Executor(engine.gateway(), 4).execute(again, ProgressListener.NONE);
    assertThat(noop.results()).allMatch(r -> r.outcome() == Outcome.NOOP);
  }

  private DesiredState desired(List<DockerNetwork> networks, List<NetworkAttachment> attachments) {
    return DesiredState.from(project, networks, attachments);
  }

  /** A DockerNetwork carrying the test labels, so that the test engine removes it afterwards. */
  private static DockerNetwork network(String name, String subnet, Map<String, String> labels) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(subnet);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    Map<String, String> all = new HashMap<>(engine.labels());
    all.putAll(labels);
    spec.setLabels(all);
    n.setSpec(spec);
    return n;
  }

  private static NetworkAttachment attachment(
      String name, String network, String container, String... aliases) {
    NetworkAttachment a = new NetworkAttachment();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(network);
    spec.setContainer(container);
    spec.setAliases(aliases.length == 0 ? null : List.of(aliases));
    a.setSpec(spec);
    return a;
  }

  private static NetworkAttachment selectorAttachment(
      String name, String network, Map<String, String> labels, String... aliases) {
    NetworkAttachment a = attachment(name, network, null, aliases);
    ContainerSelector selector = new ContainerSelector();
    selector.setMatchLabels(labels);
    a.getSpec().setContainerSelector(selector);
    return a;
  }

  private static JsonNode endpoint(String container, String network) {
    return engine
        .inspectContainer(container)
        .path("NetworkSettings")
        .path("Networks")
        .path(network);
  }

  /** Aliases without the short container id the engine adds. */
  private static List<String> aliases(JsonNode endpoint, String container) {
    String shortId = engine.inspectContainer(container).path("Id").asText().substring(0, 12);
    return StreamSupport.stream(endpoint.path("Aliases").spliterator(), false)
        .map(JsonNode::asText)
        .filter(a -> !a.equals(shortId))
        .sorted()
        .toList();
  }

  private static ResourceResult result(ApplyReport report, String kind, String name) {
    ResourceRef ref = new ResourceRef(kind, "default", name);
    return report.results().stream()
        .filter(r -> r.resource().equals(ref))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + ref + " in " + report));
  }

  private static Outcome outcome(ApplyReport report, String kind, String name) {
    ResourceResult r = result(report, kind, name);
    assertThat(r.messages()).as(r.toString()).isNotNull();
    return r.outcome();
  }
}
