package io.dockernet.plan;

import static io.dockernet.plan.Fixtures.att;
import static io.dockernet.plan.Fixtures.desired;
import static io.dockernet.plan.Fixtures.net;
import static io.dockernet.plan.PlannerTest.attRef;
import static io.dockernet.plan.PlannerTest.netRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.DesiredState;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who declares what, and which engine objects are ours. */
class OwnersTest {
  private final DesiredState d =
      desired(List.of(net("web"), net("web2")), List.of(att("app", "web", "app")));
  private final Owners owners = new Owners(d);

  @Test
  void theFirstDeclarerOfANetworkNameWins() {
    var again = net("web");
    again.getMetadata().setNamespace("team");
    Owners o = new Owners(desired(List.of(net("web"), again), List.of()));

    assertThat(o.declarer("web")).isEqualTo(netRef("web"));
    assertThat(o.declares("web")).isTrue();
    assertThat(o.declares("gone")).isFalse();
    assertThat(o.declarer("gone")).isNull();
  }

  @Test
  void anEndpointOwnerOfThisProjectNoLongerDeclaredIsAnOrphan() {
    assertThat(owners.isOrphan("demo/default/app")).isFalse();
    assertThat(owners.isOrphan("demo/default/gone")).isTrue();
    assertThat(owners.isOrphan("other/default/gone")).isFalse();
  }

  @Test
  void aNetworkIsOursWhenItsLabelsNameThisProjectAndResource() {
    Snapshot s = new Fixtures.Engine().created(d, "web").snapshot();
    ObservedNetwork web = s.networks().get(0);

    assertThat(owners.ofProject(web)).isTrue();
    assertThat(owners.ownedBy(web, netRef("web"))).isTrue();
    assertThat(owners.ownedBy(web, netRef("web2"))).isFalse();
    assertThat(Owners.ownerOf(web)).isEqualTo("project demo, owner default/web");
    assertThat(new Owners(desired(List.of(), List.of())).ownedBy(web, netRef("web"))).isTrue();
  }

  @Test
  void aNetworkOfAnotherProjectIsNotOurs() {
    Snapshot s =
        new Fixtures.Engine()
            .created(d, "web")
            .replace(
                "web",
                c -> {
                  var labels = new HashMap<>(c.labels());
                  labels.put(Ownership.PROJECT, "other");
                  return c.withLabels(labels);
                })
            .snapshot();

    assertThat(owners.ofProject(s.networks().get(0))).isFalse();
    assertThat(owners.ownedBy(s.networks().get(0), netRef("web"))).isFalse();
  }

  @Test
  void ownerMarkersNameTheirResources() {
    assertThat(Owners.refOfEndpointOwner("demo/team/app"))
        .isEqualTo(new ResourceRef("NetworkAttachment", "team", "app"));
    assertThat(Owners.refOfEndpointOwner("demo/app")).isEqualTo(attRef("app"));
    assertThat(Owners.refOfNetworkOwner("team/web", "web"))
        .isEqualTo(new ResourceRef("DockerNetwork", "team", "web"));
    assertThat(Owners.refOfNetworkOwner(null, "web")).isEqualTo(netRef("web"));
  }
}
