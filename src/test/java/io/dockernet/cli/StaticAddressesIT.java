package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.run;
import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static addresses stay free (docs/address-planning.md), on the real engine: containers started by
 * hand with {@code docker run --network N} never receive an address a NetworkAttachment declares on
 * N, even while the declared container is not running. Subnets: 10.233.1.0/24, 10.233.2.0/24.
 */
class StaticAddressesIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  static final IPAddress DYNAMIC = new IPAddressString("10.233.1.128/25").getAddress();

  @TempDir Path tmp;

  private static String network(String name, String net, String subnet, String ipRange) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: %s
        spec:
          name: %s
          ipam:
            config:
              - subnet: %s
        %s"""
        .formatted(name, net, subnet, ipRange == null ? "" : "        ipRange: " + ipRange + "\n");
  }

  private static String attachment(String name, String net, String container, String address) {
    return """
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: %s
        spec:
          network: %s
          container: %s
          ipv4Address: %s
        """
        .formatted(name, net, container, address);
  }

  private Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--project", engine.prefix()));
    return run(all.toArray(String[]::new));
  }

  private static String addressOn(JsonNode container, String net) {
    return container.at("/NetworkSettings/Networks/" + net + "/IPAddress").asText();
  }

  @Test
  void handStartedContainersNeverTakeTheStaticAddressOfOneNotRunningYet() {
    String net = engine.name("statics");
    engine.removeNetworkAfter(net);
    // Declared, created, not started: .2 and .3 are the first addresses Docker would hand out.
    String db = engine.name("statics-db");
    String cache = engine.name("statics-cache");
    engine.createContainer(db);
    engine.createContainer(cache);
    String manifests =
        network("statics", net, "10.233.1.0/24", null)
            + attachment("db", net, db, "10.233.1.2")
            + attachment("cache", net, cache, "10.233.1.3");
    Path dir = write(tmp, "m.yaml", manifests);

    Run plan = cli("plan", "-f", dir.toString());
    assertThat(plan.out())
        .as(plan.toString())
        .contains(
            "subnet: 10.233.1.0/24, gateway 10.233.1.1, range 10.233.1.128/25",
            "dynamic addresses from 10.233.1.128/25, which holds no declared static address");
    Run applied = cli("apply", "-f", dir.toString());
    assertThat(applied.exit()).as(applied.toString()).isZero();
    JsonNode network = engine.inspectNetwork(net);
    assertThat(network.at("/IPAM/Config/0/IPRange").asText()).isEqualTo("10.233.1.128/25");
    assertThat(network.at("/IPAM/Config/0/Gateway").asText())
        .as("the gateway stays where Docker puts it without a range")
        .isEqualTo("10.233.1.1");
    assertThat(network.at("/Labels/io.dockernet.dynamic-range").asText())
        .isEqualTo("10.233.1.128/25");
    String id = network.get("Id").asText();

    // get attachments -o wide: the stopped declared container has no address, but its reservation.
    Run got = run("get", "attachments", net, "-o", "wide");
    assertThat(got.exit()).as(got.toString()).isZero();
    assertThat(got.out().lines().findFirst().orElse("")).endsWith("RESERVED");
    assertThat(got.out().lines().filter(l -> l.contains(db + " ")).toList())
        .as(got.toString())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.strip()).endsWith(" 10.233.1.2");
              assertThat(l.indexOf("10.233.1.2")).isEqualTo(l.lastIndexOf("10.233.1.2"));
            });

    // Containers started by hand, as a user would: none gets .2 or .3, each one a dynamic address.
    List<String> handMade = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String name = engine.name("statics-hand" + i);
      engine.runContainer(name, net);
      handMade.add(addressOn(engine.inspectContainer(name), net));
    }
    assertThat(handMade)
        .doesNotHaveDuplicates()
        .doesNotContain("10.233.1.2", "10.233.1.3")
        .allSatisfy(
            a -> assertThat(DYNAMIC.contains(new IPAddressString(a).getAddress())).isTrue());

    // The declared containers start with their addresses ("Address already in use" otherwise).
    engine.docker("start", db);
    engine.docker("start", cache);
    assertThat(addressOn(engine.inspectContainer(db), net)).isEqualTo("10.233.1.2");
    assertThat(addressOn(engine.inspectContainer(cache), net)).isEqualTo("10.233.1.3");

    // Re-apply is a no-op: the range is read back from the engine, nothing is recreated.
    Run again = cli("plan", "-f", dir.toString(), "--detailed-exitcode");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("No changes");
    Run reapplied = cli("apply", "-f", dir.toString());
    assertThat(reapplied.exit()).as(reapplied.toString()).isZero();
    assertThat(reapplied.out()).doesNotContain("recreated", "created", "connected");
    assertThat(engine.inspectNetwork(net).get("Id").asText()).isEqualTo(id);

    // One more static address, inside the dynamic range: a note in the plan, never a recreate.
    String late = engine.name("statics-late");
    engine.createContainer(late);
    write(tmp, "m.yaml", manifests + attachment("late", net, late, "10.233.1.200"));
    Run noted = cli("plan", "-f", dir.toString());
    assertThat(noted.out())
        .as(noted.toString())
        .contains(
            "static address 10.233.1.200 of NetworkAttachment default/late (container "
                + late
                + ") lies inside the dynamic range 10.233.1.128/25 of network "
                + net,
            "+ connect")
        .doesNotContain("~ recreate");
    Run lateApplied = cli("apply", "-f", dir.toString());
    assertThat(lateApplied.exit()).as(lateApplied.toString()).isZero();
    assertThat(lateApplied.out()).contains("lies inside the dynamic range");
    assertThat(engine.inspectNetwork(net).get("Id").asText()).isEqualTo(id);
  }

  @Test
  void aUsersIpRangeHoldingAStaticAddressIsAWarningWithItsLineAndApplyGoesOn() {
    String net = engine.name("statics-ranged");
    engine.removeNetworkAfter(net);
    String app = engine.name("statics-ranged-app");
    engine.createContainer(app);
    Path dir =
        write(
            tmp.resolve("ranged"),
            "m.yaml",
            network("ranged", net, "10.233.2.0/24", "10.233.2.0/25")
                + attachment("app", net, app, "10.233.2.10"));

    Run validated = run("validate", "-f", dir.toString());
    assertThat(validated.exit()).as(validated.toString()).isZero();
    assertThat(validated.err())
        .contains(
            "m.yaml:19:16: warning: spec.ipv4Address: ipv4Address 10.233.2.10 lies inside ipRange"
                + " 10.233.2.0/25 of network "
                + net);
    Run applied = cli("apply", "-f", dir.toString());
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(applied.err()).contains("m.yaml:19:16: warning: spec.ipv4Address");
    JsonNode network = engine.inspectNetwork(net);
    assertThat(network.at("/IPAM/Config/0/IPRange").asText())
        .as("the user's range is the user's: nothing computed")
        .isEqualTo("10.233.2.0/25");
    assertThat(network.at("/Labels").has("io.dockernet.dynamic-range")).isFalse();
  }
}
