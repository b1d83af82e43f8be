package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.attSelector;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.endpoint;
import static io.dockernet.plan.Fixtures.endpointOf;
import static io.dockernet.plan.Fixtures.label;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.DeletionPolicy;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action.Blocked;
import io.dockernet.plan.Action.Connect;
import io.dockernet.plan.Action.CreateNetwork;
import io.dockernet.plan.Action.Disconnect;
import io.dockernet.plan.Action.RecreateNetwork;
import io.dockernet.plan.Action.RemoveNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final PlanOptions APPLY = PlanOptions.apply(false);
  static final PlanOptions PRUNE = PlanOptions.apply(true);

  static ResourceRef netRef(String name) {
    return new ResourceRef("DockerNetwork", "default", name);
  }

  static ResourceRef attRef(String name) {
    return new ResourceRef("NetworkAttachment", "default", name);
  }

  static <T extends Action> List<T> only(Plan plan, Class<T> type) {
    return plan.actions().stream().filter(type::isInstance).map(type::cast).toList();
  }

  static String describe(Action a) {
    String kind = a.getClass().getSimpleName();
    if (a.containerName() != null) {
      return kind + " " + a.containerName() + " " + a.network();
    } else if (a instanceof Blocked b) {
      return kind + " " + b.resource().name() + " " + b.code();
    }
    return kind + " " + a.network();
  }

  static List<String> described(Plan plan) {
    return plan.actions().stream().map(PlannerTest::describe).toList();
  }

  @Nested
  class Networks {
    @Test
    void missingNetworkIsCreatedWithOurLabels() {
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of());
      Plan plan = Planner.plan(d, new Fixtures.Engine().snapshot(), APPLY);

      assertThat(described(plan)).containsExactly("CreateNetwork web");
      CreateNetwork create = only(plan, CreateNetwork.class).get(0);
      assertThat(create.reason()).isEqualTo("network missing");
      assertThat(create.config().labels())
          .containsEntry(Ownership.MANAGED_BY, "dockernet")
          .containsEntry(Ownership.PROJECT, "demo")
          .containsEntry(Ownership.OWNER, "default/web");
      assertThat(plan.resources()).containsExactly(netRef("web"));
    }

    @Test
    void convergedStateGivesAnEmptyPlanThatStillCoversEveryResource() {
      DesiredState d =
          desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "api")));
      Fixtures.Engine engine = new Fixtures.Engine().created(d, "web").container("app");
      engine.connect("app", "web", endpointOf(d, "a"), "10.1.0.2");

      Plan plan = Planner.plan(d, engine.snapshot(), APPLY);

      assertThat(plan.converged()).as(described(plan).toString()).isTrue();
      assertThat(plan.resources()).containsExactlyInAnyOrder(netRef("web"), attRef("a"));
    }

    @Test
    void engineFilledDefaultsAreNotDifferences() {
      // No subnet asked for: the engine picks one and a gateway, reports IPAM driver "default",
      // scope "local", IPv4 on and (newer engines) the IPv6 switch as an option.
      DesiredState d = desired(List.of(label(net("auto"), "team", "a")), List.of());
      Fixtures.Engine engine =
          new Fixtures.Engine()
              .createdEarlier(d, "auto")
              .replace(
                  "auto", c -> c.withOptions(Map.of("com.docker.network.enable_ipv6", "false")));

      assertThat(Planner.plan(d, engine.snapshot(), APPLY).converged()).isTrue();
    }

    @Test
    void gatewayFilledInAndIpv6SpellingAreNotDifferences() {
      DockerNetwork n = net("v6");
      Fixtures.subnet(n, "fd00:0:0:1::/64", null);
      DesiredState d = desired(List.of(n), List.of());
      Fixtures.Engine engine =
          new Fixtures.Engine()
              .createdEarlier(d, "v6")
              .replace(
                  "v6",
                  c ->
                      c.withIpamPools(
                          List.of(new IpamPool("fd00:0:0:1::/64", null, "fd00:0:0:1::1", null))));
      assertThat(Planner.plan(d, engine.snapshot(), APPLY).converged()).isTrue();
    }

    @Test
    void subnetChangeRecreatesAndRestoresEveryEndpointOursOrNot() {
      DesiredState before =
          desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "api")));
      DesiredState after =
          desired(List.of(net("web", "10.2.0.0/24")), List.of(att("a", "web", "app", "api")));
      Fixtures.Engine engine =
          new Fixtures.Engine()
              .created(before, "web")
              .container("app")
              .container("db")
              .connect("app", "web", endpointOf(before, "a"), "10.1.0.2")
              .connect("db", "web", endpoint("database"), "10.1.0.3");

      Plan plan = Planner.plan(after, engine.snapshot(), APPLY);

      assertThat(described(plan)).containsExactly("RecreateNetwork web");
      RecreateNetwork r = only(plan, RecreateNetwork.class).get(0);
      assertThat(r.changes())
          .containsExactly(new FieldChange("ipam.config[0].subnet", "10.1.0.0/24", "10.2.0.0/24"));
      assertThat(r.reason()).startsWith("ipam.config[0].subnet: 10.1.0.0/24 -> 10.2.0.0/24");
      assertThat(r.current().id()).isEqualTo(engine.networkId("web"));
      assertThat(r.restore())
          .extracting(ObservedEndpoint::containerName)
          .containsExactly("app", "db");
      ObservedEndpoint db = r.restore().get(1);
      assertThat(db.managed()).isFalse();
      assertThat(db.config().aliases()).contains("database");
      assertThat(db.ipv4Address()).isEqualTo("10.1.0.3");
    }

    @Test
    void userLabelChangeRecreatesAndNamesTheLabel() {
      DesiredState before =
          desired(List.of(label(net("web", "10.1.0.0/24"), "team", "a")), List.of());
      DesiredState after =
          desired(List.of(label(net("web", "10.1.0.0/24"), "team", "b")), List.of());
      Snapshot s = new Fixtures.Engine().created(before, "web").snapshot();

      RecreateNetwork r = only(Planner.plan(after, s, APPLY), RecreateNetwork.class).get(0);
      assertThat(r.changes()).containsExactly(new FieldChange("labels.team", "a", "b"));
    }

    @Test
    void droppedLabelAndOptionAreChangesForOurNetwork() {
      DockerNetwork withBoth = label(net("web", "10.1.0.0/24"), "team", "a");
      withBoth.getSpec().setDriverOpts(Map.of("com.docker.network.driver.mtu", "1400"));
      DesiredState before = desired(List.of(withBoth), List.of());
      DesiredState after = desired(List.of(net("web", "10.1.0.0/24")), List.of());
      Snapshot s = new Fixtures.Engine().created(before, "web").snapshot();

      RecreateNetwork r = only(Planner.plan(after, s, APPLY), RecreateNetwork.class).get(0);
      assertThat(r.changes())
          .extracting(FieldChange::toString)
          .containsExactly(
              "driverOpts.com.docker.network.driver.mtu: 1400 -> unset", "labels.team: a -> unset");
    }

    @Test
    void updatePolicyNeverBlocksAndListsTheDifferences() {
      DesiredState before = desired(List.of(net("web", "10.1.0.0/24")), List.of());
      DockerNetwork changed = net("web", "10.1.0.0/24");
      changed.getSpec().setInternal(true);
      policies(changed, UpdatePolicy.Never, null, null);
      DesiredState after = desired(List.of(changed), List.of());
      Snapshot s = new Fixtures.Engine().created(before, "web").snapshot();

      Plan plan = Planner.plan(after, s, APPLY);
      assertThat(plan.changes()).isEmpty();
      Blocked b = only(plan, Blocked.class).get(0);
      assertThat(b.code()).isEqualTo(Reason.UPDATE_BLOCKED);
      assertThat(b.reason()).contains("internal: false -> true");
    }

    @Test
    void ourNetworkOfAnotherOwnerIsAConflictNamingTheOwner() {
      DesiredState other =
          DesiredState.from("other", List.of(net("web", "10.1.0.0/24")), List.of());
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of());
      Snapshot s = new Fixtures.Engine().created(other, "web").snapshot();

      Blocked b = only(Planner.plan(d, s, APPLY), Blocked.class).get(0);
      assertThat(b.code()).isEqualTo(Reason.CONFLICT);
      assertThat(b.reason()).isEqualTo("network web is owned by project other, owner default/web");
    }

    @Test
    void unmanagedNetworkIsAConflictUnlessAdoptionIsAllowed() {
      NetworkConfig foreign =
          new NetworkConfig(
              "legacy",
              "bridge",
              null,
              false,
              false,
              false,
              false,
              null,
              null,
              false,
              null,
              Map.of("owner", "ops"),
              null,
              null,
              List.of(new IpamPool("10.9.0.0/24", null, null, null)));
      Snapshot s = new Fixtures.Engine().network(foreign).snapshot();

      Plan never =
          Planner.plan(desired(List.of(net("legacy", "10.9.0.0/24")), List.of()), s, APPLY);
      Blocked b = only(never, Blocked.class).get(0);
      assertThat(b.code()).isEqualTo(Reason.CONFLICT);
      assertThat(b.reason())
          .isEqualTo(
              "network legacy exists and was not created by dockernet; set adoptionPolicy: IfCompatible to adopt it");

      DockerNetwork adopt =
          policies(net("legacy", "10.9.0.0/24"), null, null, AdoptionPolicy.IfCompatible);
      Plan adopted = Planner.plan(desired(List.of(adopt), List.of()), s, APPLY);
      assertThat(adopted.converged()).isTrue();
      assertThat(adopted.notes(netRef("legacy"))).singleElement().asString().contains("adopted");

      DockerNetwork incompatible =
          policies(net("legacy", "10.8.0.0/24"), null, null, AdoptionPolicy.IfCompatible);
      Blocked c =
          only(Planner.plan(desired(List.of(incompatible), List.of()), s, APPLY), Blocked.class)
              .get(0);
      assertThat(c.code()).isEqualTo(Reason.CONFLICT);
      assertThat(c.reason()).contains("ipam.config[0].subnet: 10.9.0.0/24 -> 10.8.0.0/24");
    }
  }

  @Nested
  class Attachments {
    @Test
    void connectsAContainerToANetworkCreatedInTheSamePlanAfterTheCreate() {
      DesiredState d =
          desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "api")));
      Snapshot s = new Fixtures.Engine().container("app").snapshot();

      Plan plan = Planner.plan(d, s, APPLY);
      assertThat(described(plan)).containsExactly("CreateNetwork web", "Connect app web");
      Connect c = only(plan, Connect.class).get(0);
      assertThat(c.reason()).isEqualTo("not on network");
      assertThat(c.endpoint().aliases()).containsExactly("api");
      assertThat(c.endpoint().owner()).isEqualTo("demo/default/a");
    }

    @Test
    void missingContainerOrNetworkIsNotFound() {
      DesiredState d =
          desired(List.of(), List.of(att("a", "nowhere", "app"), att("b", "bridge", "ghost")));
      Snapshot s = new Fixtures.Engine().network(bridge()).container("app").snapshot();

      Plan plan = Planner.plan(d, s, APPLY);
      assertThat(plan.actions())
          .extracting(Action::reason)
          .containsExactly("network nowhere does not exist", "container ghost does not exist");
      assertThat(only(plan, Blocked.class))
          .extracting(Blocked::code)
          .containsOnly(Reason.NOT_FOUND);
    }

    @Test
    void containerIsFoundByIdPrefix() {
      Fixtures.Engine engine = new Fixtures.Engine().network(bridge()).container("app");
      String prefix = engine.containerId("app").substring(0, 15);
      Plan plan =
          Planner.plan(
              desired(List.of(), List.of(att("a", "bridge", prefix))), engine.snapshot(), APPLY);
      assertThat(described(plan)).containsExactly("Connect app bridge");
    }

    @Test
    void selectorPicksEveryMatchingContainerAndZeroMatchesIsFine() {
      DesiredState d =
          desired(List.of(), List.of(attSelector("tier", "bridge", Map.of("tier", "web"))));
      Snapshot s =
          new Fixtures.Engine()
              .network(bridge())
              .container("web-2", Map.of("tier", "web", "x", "1"))
              .container("db", Map.of("tier", "db"))
              .container("web-1", Map.of("tier", "web"))
              .snapshot();

      assertThat(described(Planner.plan(d, s, APPLY)))
          .containsExactly("Connect web-1 bridge", "Connect web-2 bridge");

      Snapshot none =
          new Fixtures.Engine().network(bridge()).container("db", Map.of("tier", "db")).snapshot();
      Plan empty = Planner.plan(d, none, APPLY);
      assertThat(empty.converged()).isTrue();
      assertThat(empty.notes(attRef("tier")))
          .containsExactly("no container matches the selector yet");
    }

    @Test
    void selectorWithStaticAddressAttachesOneContainerAndBlocksOnMore() {
      NetworkAttachment a = attSelector("svc", "web", Map.of("svc", "api"));
      a.getSpec().setIpv4Address("10.1.0.5");
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of(a));
      Fixtures.Engine one =
          new Fixtures.Engine().created(d, "web").container("api-1", Map.of("svc", "api"));
      assertThat(described(Planner.plan(d, one.snapshot(), APPLY)))
          .containsExactly("Connect api-1 web");

      Snapshot two = one.container("api-2", Map.of("svc", "api")).snapshot();
      Plan plan = Planner.plan(d, two, APPLY);
      assertThat(only(plan, Blocked.class))
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.code()).isEqualTo(Reason.CONFLICT);
                assertThat(b.reason()).contains("matches 2 containers (api-1, api-2)");
              });
      assertThat(only(plan, Connect.class)).isEmpty();
    }

    @Test
    void changedAliasesReconnectOurEndpoint() {
      DesiredState before =
          desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "a")));
      DesiredState after =
          desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app", "a", "b")));
      Snapshot s =
          new Fixtures.Engine()
              .created(before, "web")
              .container("app")
              .connect("app", "web", endpointOf(before, "a"), "10.1.0.2")
              .snapshot();

      Plan plan = Planner.plan(after, s, APPLY);
      assertThat(described(plan)).containsExactly("Disconnect app web", "Connect app web");
      assertThat(only(plan, Connect.class).get(0).reason()).isEqualTo("aliases: [a] -> [a, b]");
      assertThat(only(plan, Disconnect.class).get(0).managed()).isTrue();
    }

    @Test
    void endpointPinnedByARecreateIsNotReconnected() {
      // After a recreate the executor requests the old dynamic address as a static one.
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app")));
      EndpointConfig ours = endpointOf(d, "a");
      EndpointConfig pinned = ours.withAddresses("10.1.0.7", null);
      Snapshot s =
          new Fixtures.Engine()
              .created(d, "web")
              .container("app")
              .connect("app", "web", pinned, "10.1.0.7")
              .snapshot();
      assertThat(Planner.plan(d, s, APPLY).converged()).isTrue();
    }

    @Test
    void unmanagedEndpointIsLeftAloneWhenCompatibleElseConflict() {
      Fixtures.Engine engine =
          new Fixtures.Engine()
              .network(bridge())
              .container("app")
              .connect("app", "bridge", endpoint("x", "y"), "172.17.0.2");

      Plan ok =
          Planner.plan(
              desired(List.of(), List.of(att("a", "bridge", "app", "x"))),
              engine.snapshot(),
              APPLY);
      assertThat(ok.converged()).isTrue();
      assertThat(ok.notes(attRef("a")))
          .singleElement()
          .asString()
          .contains("not managed by dockernet");

      Plan conflict =
          Planner.plan(
              desired(List.of(), List.of(att("a", "bridge", "app", "z"))),
              engine.snapshot(),
              APPLY);
      Blocked b = only(conflict, Blocked.class).get(0);
      assertThat(b.code()).isEqualTo(Reason.CONFLICT);
      assertThat(b.reason())
          .contains("not managed by dockernet")
          .contains("aliases: [x, y] -> [z]");
      assertThat(conflict.changes()).isEmpty();
    }

    @Test
    void endpointOfAContainerNoLongerSelectedIsDisconnected() {
      DesiredState before =
          desired(List.of(), List.of(attSelector("tier", "bridge", Map.of("tier", "web"))));
      Fixtures.Engine engine =
          new Fixtures.Engine()
              .network(bridge())
              .container("web-1", Map.of("tier", "web"))
              .container("old", Map.of("tier", "retired"))
              .connect("web-1", "bridge", endpointOf(before, "tier"))
              .connect("old", "bridge", endpointOf(before, "tier"));

      Plan plan = Planner.plan(before, engine.snapshot(), APPLY);
      assertThat(described(plan)).containsExactly("Disconnect old bridge");
      assertThat(plan.actions().get(0).reason()).isEqualTo("container no longer selected");
    }

    @Test
    void detachFromDisconnectsSelectedContainersOnly() {
      NetworkAttachment a = att("iso", "web", "app");
      a.getSpec().setDetachFrom(List.of("bridge"));
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of(a));
      Snapshot s =
          new Fixtures.Engine()
              .network(bridge())
              .created(d, "web")
              .container("app")
              .container("other")
              .connect("app", "bridge", endpoint(), "172.17.0.2")
              .connect("other", "bridge", endpoint(), "172.17.0.3")
              .connect("app", "web", endpointOf(d, "iso"), "10.1.0.2")
              .snapshot();

      Plan plan = Planner.plan(d, s, APPLY);
      assertThat(described(plan)).containsExactly("Disconnect app bridge");
      Disconnect disc = only(plan, Disconnect.class).get(0);
      assertThat(disc.reason()).isEqualTo("detachFrom: bridge");
      assertThat(disc.managed()).isFalse();
    }

    @Test
    void detachFromNeverUndoesAnotherAttachment() {
      NetworkAttachment iso = att("iso", "web", "app");
      iso.getSpec().setDetachFrom(List.of("bridge"));
      DesiredState d =
          desired(List.of(net("web", "10.1.0.0/24")), List.of(iso, att("keep", "bridge", "app")));
      Snapshot s =
          new Fixtures.Engine()
              .network(bridge())
              .created(d, "web")
              .container("app")
              .connect("app", "bridge", endpointOf(d, "keep"))
              .connect("app", "web", endpointOf(d, "iso"))
              .snapshot();

      Plan plan = Planner.plan(d, s, APPLY);
      assertThat(described(plan)).containsExactly("Blocked iso Conflict");
    }

    @Test
    void recreateRestoresWithNewSettingsAndConnectsNewContainersAfterIt() {
      DesiredState before =
          desired(
              List.of(net("web", "10.1.0.0/24")),
              List.of(attSelector("tier", "web", Map.of("tier", "web"))));
      NetworkAttachment changed = attSelector("tier", "web", Map.of("tier", "web"));
      changed.getSpec().setAliases(List.of("www"));
      DesiredState after = desired(List.of(net("web", "10.2.0.0/24")), List.of(changed));
      Snapshot s =
          new Fixtures.Engine()
              .created(before, "web")
              .container("web-1", Map.of("tier", "web"))
              .container("web-2", Map.of("tier", "web"))
              .connect("web-1", "web", endpointOf(before, "tier"), "10.1.0.2")
              .snapshot();

      Plan plan = Planner.plan(after, s, APPLY);

      assertThat(described(plan)).containsExactly("RecreateNetwork web", "Connect web-2 web");
      RecreateNetwork r = only(plan, RecreateNetwork.class).get(0);
      assertThat(r.restore())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.containerName()).isEqualTo("web-1");
                assertThat(e.config().aliases()).containsExactly("www");
              });
      assertThat(only(plan, Connect.class).get(0).endpoint().aliases()).containsExactly("www");
    }

    @Test
    void twoAttachmentsOnOneEndpointMustAgree() {
      DesiredState d =
          desired(
              List.of(), List.of(att("a", "bridge", "app", "x"), att("b", "bridge", "app", "y")));
      Snapshot s = new Fixtures.Engine().network(bridge()).container("app").snapshot();
      assertThat(described(Planner.plan(d, s, APPLY)))
          .containsExactly("Connect app bridge", "Blocked b Conflict");
    }
  }

  @Nested
  class Prune {
    @Test
    void removesOnlyUndeclaredNetworksOfOurProjectAndDisconnectsOrphanEndpoints() {
      DesiredState old =
          desired(
              List.of(net("gone", "10.5.0.0/24"), net("kept", "10.6.0.0/24")),
              List.of(att("olda", "bridge", "app")));
      DesiredState otherProject =
          DesiredState.from(
              "other",
              List.of(net("theirs", "10.7.0.0/24")),
              List.of(att("theira", "bridge", "app2")));
      DesiredState now = desired(List.of(net("kept", "10.6.0.0/24")), List.of());
      NetworkConfig unmanaged =
          new NetworkConfig(
              "handmade",
              "bridge",
              null,
              false,
              false,
              false,
              false,
              null,
              null,
              false,
              null,
              null,
              null,
              null,
              List.of());
      Snapshot s =
          new Fixtures.Engine()
              .network(bridge())
              .network(unmanaged)
              .created(old, "gone")
              .created(old, "kept")
              .created(otherProject, "theirs")
              .container("app")
              .container("app2")
              .connect("app", "bridge", endpointOf(old, "olda"))
              .connect("app2", "bridge", endpointOf(otherProject, "theira"))
              .snapshot();

      assertThat(Planner.plan(now, s, APPLY).converged()).isTrue();

      Plan plan = Planner.plan(now, s, PRUNE);
      assertThat(described(plan)).containsExactly("Disconnect app bridge", "RemoveNetwork gone");
      assertThat(plan.resources()).contains(netRef("gone"), attRef("olda"), netRef("kept"));
      assertThat(only(plan, RemoveNetwork.class).get(0).resource()).isEqualTo(netRef("gone"));
    }

    @Test
    void prunedNetworkWithForeignContainersIsInUse() {
      DesiredState old = desired(List.of(net("gone", "10.5.0.0/24")), List.of());
      Snapshot s =
          new Fixtures.Engine()
              .created(old, "gone")
              .container("app")
              .connect("app", "gone", endpoint(), "10.5.0.2")
              .snapshot();
      Plan plan = Planner.plan(desired(List.of(), List.of()), s, PRUNE);
      Blocked b = only(plan, Blocked.class).get(0);
      assertThat(b.code()).isEqualTo(Reason.IN_USE);
      assertThat(b.resource()).isEqualTo(netRef("gone"));
    }
  }

  @Nested
  class Delete {
    @Test
    void disconnectsOurEndpointsThenRemovesTheNetwork() {
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app")));
      Snapshot s =
          new Fixtures.Engine()
              .created(d, "web")
              .container("app")
              .connect("app", "web", endpointOf(d, "a"), "10.1.0.2")
              .snapshot();

      Plan plan = Planner.plan(d, s, PlanOptions.delete());
      assertThat(described(plan)).containsExactly("Disconnect app web", "RemoveNetwork web");
    }

    @Test
    void foreignContainersKeepTheNetworkAndSayWhich() {
      DesiredState d = desired(List.of(net("web", "10.1.0.0/24")), List.of(att("a", "web", "app")));
      Snapshot s =
          new Fixtures.Engine()
              .created(d, "web")
              .container("app")
              .container("db")
              .container("cache")
              .connect("app", "web", endpointOf(d, "a"))
              .connect("db", "web", endpoint())
              .connect("cache", "web", endpoint())
              .snapshot();

      Plan plan = Planner.plan(d, s, PlanOptions.delete());
      assertThat(described(plan)).containsExactly("Disconnect app web", "Blocked web InUse");
      assertThat(only(plan, Blocked.class).get(0).reason())
          .isEqualTo(
              "network web still has containers cache, db not managed by dockernet; left in place");
    }

    @Test
    void orphanUnmanagedAndMissingNetworksAreLeftWithANote() {
      DockerNetwork orphan =
          policies(net("keep", "10.1.0.0/24"), null, DeletionPolicy.Orphan, null);
      DesiredState d =
          desired(List.of(orphan, net("missing", "10.2.0.0/24"), net("bridge")), List.of());
      Snapshot s = new Fixtures.Engine().created(d, "keep").network(bridge()).snapshot();

      Plan plan = Planner.plan(d, s, PlanOptions.delete());
      assertThat(plan.converged()).isTrue();
      assertThat(plan.notes(netRef("keep")))
          .containsExactly("deletionPolicy Orphan: network keep left in place");
      assertThat(plan.notes(netRef("missing"))).containsExactly("network missing does not exist");
      assertThat(plan.notes(netRef("bridge")))
          .singleElement()
          .asString()
          .contains("not created by dockernet");
    }
  }

  @Test
  void actionsComeInTheSafeOrder() {
    DesiredState before =
        desired(List.of(net("re", "10.1.0.0/24")), List.of(att("moved", "bridge", "c1")));
    DesiredState old = desired(List.of(net("gone", "10.9.0.0/24")), List.of());
    DesiredState now =
        desired(
            List.of(net("re", "10.2.0.0/24"), net("new", "10.3.0.0/24")),
            List.of(att("moved", "new", "c1"), att("b", "new", "c0")));
    Snapshot s =
        new Fixtures.Engine()
            .network(bridge())
            .created(before, "re")
            .created(old, "gone")
            .container("c1")
            .container("c0")
            .connect("c1", "bridge", endpointOf(before, "moved"))
            .snapshot();

    Plan plan = Planner.plan(now, s, PRUNE);
    assertThat(described(plan))
        .containsExactly(
            "Disconnect c1 bridge",
            "RemoveNetwork gone",
            "CreateNetwork new",
            "RecreateNetwork re",
            "Connect c0 new",
            "Connect c1 new");
    assertThat(Planner.plan(now, s, PRUNE)).isEqualTo(plan);
  }

  @Test
  void scalesToTenThousandNetworksWithFiveEndpointsEach() {
    int n = 10_000;
    List<DockerNetwork> networks = new ArrayList<>();
    List<NetworkAttachment> attachments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String subnet = "10." + (i / 256) + "." + (i % 256) + ".0/24";
      networks.add(net("n" + i, subnet));
      attachments.add(attSelector("a" + i, "n" + i, Map.of("net", "n" + i)));
    }
    DesiredState d = desired(networks, attachments);
    Fixtures.Engine engine = new Fixtures.Engine();
    for (int i = 0; i < n; i++) {
      engine.created(d, "n" + i);
      for (int j = 0; j < 5; j++) {
        engine.container("c" + i + "-" + j, Map.of("net", "n" + i));
      }
    }
    Snapshot empty = engine.snapshot();
    Plan first = Planner.plan(d, empty, APPLY);
    assertThat(first.changes()).hasSize(5 * n).allMatch(a -> a instanceof Connect);

    Map<String, EndpointConfig> byAttachment = new HashMap<>();
    d.attachments().forEach(a -> byAttachment.put(a.network(), a.endpoint()));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        engine.connect("c" + i + "-" + j, "n" + i, byAttachment.get("n" + i), "10.0.0." + (j + 2));
      }
    }
    Plan converged = Planner.plan(d, engine.snapshot(), APPLY);
    assertThat(converged.converged()).isTrue();
    assertThat(converged.resources()).hasSize(2 * n);
  }

  static NetworkConfig bridge() {
    return new NetworkConfig(
        "bridge",
        "bridge",
        Map.of("com.docker.network.bridge.default_bridge", "true"),
        false,
        false,
        false,
        false,
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        List.of(new IpamPool("172.17.0.0/16", null, null, null)));
  }
}
