package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.run;
import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone CLI against the real engine, as a user runs it: apply, plan, delete, get, with
 * ownership, recreate, adoption, prune and isolation. Subnets: 10.123.128.0/20.
 */
class CliIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  private String project() {
    return engine.prefix();
  }

  private String network(String suffix) {
    String name = engine.name(suffix);
    engine.removeNetworkAfter(name);
    return name;
  }

  private static String dockerNetwork(String name, String extraSpec) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: %s
        spec:
        %s
        """
        .formatted(name, extraSpec.indent(2).stripTrailing());
  }

  private static String attachment(
      String name, String network, String container, String extraSpec) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: %s
        spec:
          network: %s
          container: %s
        %s
        """
        .formatted(name, network, container, extraSpec.indent(2).stripTrailing());
  }

  private Run apply(Path dir, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("apply", "-f", dir.toString(), "--project", project()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private Run plan(Path dir, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("plan", "-f", dir.toString(), "--project", project(), "--detailed-exitcode"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static void assertAllNoop(Run second) {
    assertThat(second.exit()).as(second.toString()).isZero();
    // The summary line counts outcomes: only noops.
    assertThat(second.out().strip().lines().reduce((a, b) -> b).orElse(""))
        .as(second.toString())
        .matches("\\d+ noop\\.");
  }

  @Test
  void seedWalkthroughConvergesIsolatesAndSecondApplyIsNoop() {
    String net = network("alpine-net");
    String a1 = engine.name("alpine1");
    String a2 = engine.name("alpine2");
    String a3 = engine.name("alpine3");
    engine.runContainer(a1);
    engine.runContainer(a2);
    engine.runContainer(a3);
    Path dir =
        write(
            tmp.resolve("seed"),
            "net.yaml",
            dockerNetwork(
                "alpine-net",
                "name: "
                    + net
                    + "\nipam:\n  config:\n    - subnet: 10.123.128.0/24\n      gateway: 10.123.128.1"));
    write(
        dir,
        "att.yaml",
        attachment("alpine1", net, a1, "aliases: [web]\ndetachFrom: [bridge]")
            + "---\n"
            + attachment("alpine2", net, a2, ""));

    Run planned = plan(dir);
    assertThat(planned.exit()).as(planned.toString()).isEqualTo(ExitCodes.CHANGES);
    assertThat(planned.out())
        .contains(
            "+ create network " + net,
            "+ connect " + a1 + " to " + net,
            "- disconnect " + a1 + " from bridge");

    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(applied.out())
        .contains(
            "DockerNetwork default/alpine-net",
            "created",
            "NetworkAttachment default/alpine1",
            "connected");

    JsonNode inspected = engine.inspectNetwork(net);
    assertThat(inspected.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.123.128.0/24");
    assertThat(inspected.at("/Labels/io.dockernet.managed-by").asText()).isEqualTo("dockernet");
    assertThat(inspected.at("/Labels/io.dockernet.owner").asText()).isEqualTo("default/alpine-net");
    assertThat(engine.inspectContainer(a1).at("/NetworkSettings/Networks").has("bridge")).isFalse();

    assertThat(engine.ping(a2, a1)).as("alpine2 reaches alpine1 by name").isTrue();
    assertThat(engine.ping(a2, "web")).as("alias web").isTrue();
    String a1Ip =
        engine.inspectContainer(a1).at("/NetworkSettings/Networks/" + net + "/IPAddress").asText();
    assertThat(engine.ping(a3, a1)).as("alpine3 cannot resolve alpine1").isFalse();
    assertThat(engine.ping(a3, a1Ip))
        .as("alpine3 cannot reach alpine1's address across networks")
        .isFalse();

    assertAllNoop(apply(dir));
    assertThat(plan(dir).exit()).isZero();

    Run get = run("get", "networks", "-o", "json");
    assertThat(get.exit()).isZero();
    assertThat(get.out())
        .contains(
            "\"name\" : \"" + net + "\"", "\"container\" : \"" + a1 + "\"", "\"managed\" : true");
    Run table = run("get", "attachments");
    assertThat(table.out()).contains("NETWORK", a1, "10.123.128.");
  }

  @Test
  void multiNetworkContainerHasAnAddressOnEach() {
    String left = network("left");
    String right = network("right");
    String both = engine.name("both");
    String onLeft = engine.name("onleft");
    String onRight = engine.name("onright");
    engine.runContainer(both);
    engine.runContainer(onLeft);
    engine.runContainer(onRight);
    Path dir =
        write(
            tmp.resolve("multi"),
            "m.yaml",
            dockerNetwork(
                    "left", "name: " + left + "\nipam:\n  config:\n    - subnet: 10.123.129.0/24")
                + "---\n"
                + dockerNetwork(
                    "right", "name: " + right + "\nipam:\n  config:\n    - subnet: 10.123.130.0/24")
                + "---\n"
                + attachment("both-left", left, both, "ipv4Address: 10.123.129.10")
                + "---\n"
                + attachment("both-right", right, both, "ipv4Address: 10.123.130.10")
                + "---\n"
                + attachment("onleft", left, onLeft, "detachFrom: [bridge]")
                + "---\n"
                + attachment("onright", right, onRight, "detachFrom: [bridge]"));
    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isZero();

    JsonNode nets = engine.inspectContainer(both).at("/NetworkSettings/Networks");
    assertThat(nets.at("/" + left + "/IPAddress").asText()).isEqualTo("10.123.129.10");
    assertThat(nets.at("/" + right + "/IPAddress").asText()).isEqualTo("10.123.130.10");
    assertThat(engine.ping(both, onLeft)).isTrue();
    assertThat(engine.ping(both, onRight)).isTrue();
    assertThat(engine.ping(onLeft, "10.123.130.10")).as("left and right are isolated").isFalse();
    assertAllNoop(apply(dir));
  }

  @Test
  void recreateKeepsUnmanagedEndpointsWithTheirAddressesAndAliases() {
    String net = network("recreate");
    String ours = engine.name("ours");
    String foreign = engine.name("foreign");
    engine.runContainer(ours);
    engine.runContainer(foreign);
    String spec = "name: " + net + "\nipam:\n  config:\n    - subnet: 10.123.131.0/24";
    Path dir = write(tmp.resolve("recreate"), "net.yaml", dockerNetwork("recreate", spec));
    write(
        dir,
        "att.yaml",
        attachment("ours", net, ours, "aliases: [api]\nipv4Address: 10.123.131.20"));
    assertThat(apply(dir).exit()).isZero();
    // Someone connects a container by hand, with an alias and a static address.
    engine.docker("network", "connect", "--alias", "legacy", "--ip", "10.123.131.50", net, foreign);
    String oldId = engine.inspectNetwork(net).get("Id").asText();

    write(dir, "net.yaml", dockerNetwork("recreate", spec + "\ninternal: true"));
    Run planned = plan(dir);
    assertThat(planned.exit()).as(planned.toString()).isEqualTo(ExitCodes.CHANGES);
    assertThat(planned.out())
        .contains(
            "~ recreate network " + net,
            "internal: false -> true",
            foreign + " (not managed by dockernet) 10.123.131.50",
            "legacy",
            ours + " (managed)");

    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(applied.out()).contains("recreated");
    JsonNode after = engine.inspectNetwork(net);
    assertThat(after.get("Id").asText()).isNotEqualTo(oldId);
    assertThat(after.get("Internal").asBoolean()).isTrue();
    JsonNode foreignEp = engine.inspectContainer(foreign).at("/NetworkSettings/Networks/" + net);
    assertThat(foreignEp.get("IPAddress").asText()).isEqualTo("10.123.131.50");
    assertThat(foreignEp.get("Aliases").toString()).contains("legacy");
    assertThat(foreignEp.at("/DriverOpts").toString()).doesNotContain("io.dockernet.owner");
    JsonNode oursEp = engine.inspectContainer(ours).at("/NetworkSettings/Networks/" + net);
    assertThat(oursEp.get("IPAddress").asText()).isEqualTo("10.123.131.20");
    assertThat(oursEp.get("Aliases").toString()).contains("api");
    assertThat(engine.ping(foreign, "api")).isTrue();
    assertAllNoop(apply(dir));
  }

  @Test
  void updatePolicyNeverReportsAndChangesNothing() {
    String net = network("never");
    Path dir =
        write(
            tmp.resolve("never"),
            "net.yaml",
            dockerNetwork(
                "never",
                "name: "
                    + net
                    + "\nupdatePolicy: Never\nipam:\n  config:\n    - subnet: 10.123.132.0/24"));
    assertThat(apply(dir).exit()).isZero();
    String id = engine.inspectNetwork(net).get("Id").asText();
    write(
        dir,
        "net.yaml",
        dockerNetwork(
            "never",
            "name: "
                + net
                + "\nupdatePolicy: Never\nipam:\n  config:\n    - subnet: 10.123.133.0/24"));
    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(applied.out())
        .contains("blocked", "UpdateBlocked", "10.123.132.0/24 -> 10.123.133.0/24");
    assertThat(engine.inspectNetwork(net).get("Id").asText()).isEqualTo(id);
  }

  @Test
  void unlabelledNetworkIsAConflictUnlessAdoptedWhenCompatible() {
    String net = network("foreign-net");
    engine.createUnmanagedNetwork(net, "--subnet", "10.123.134.0/24");
    String id = engine.inspectNetwork(net).get("Id").asText();
    Path dir =
        write(
            tmp.resolve("adopt"),
            "net.yaml",
            dockerNetwork(
                "foreign-net",
                "name: " + net + "\nipam:\n  config:\n    - subnet: 10.123.134.0/24"));

    Run conflict = apply(dir);
    assertThat(conflict.exit()).as(conflict.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(conflict.out()).contains("Conflict", "adoptionPolicy: IfCompatible");
    assertThat(engine.inspectNetwork(net).get("Id").asText()).isEqualTo(id);

    write(
        dir,
        "net.yaml",
        dockerNetwork(
            "foreign-net",
            "name: "
                + net
                + "\nadoptionPolicy: IfCompatible\nipam:\n  config:\n    - subnet: 10.123.135.0/24"));
    Run incompatible = apply(dir);
    assertThat(incompatible.exit()).as(incompatible.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(incompatible.out()).contains("Conflict");

    write(
        dir,
        "net.yaml",
        dockerNetwork(
            "foreign-net",
            "name: "
                + net
                + "\nadoptionPolicy: IfCompatible\nipam:\n  config:\n    - subnet: 10.123.134.0/24"));
    assertAllNoop(apply(dir));
    Run deleted = run("delete", "-f", dir.toString(), "--project", project());
    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    assertThat(engine.inspectNetwork(net).get("Id").asText())
        .as("an adopted network is never removed")
        .isEqualTo(id);
  }

  @Test
  void pruneRemovesOnlyThisProjectsUndeclaredNetworks() {
    String keep = network("keep");
    String drop = network("drop");
    String other = network("other-project");
    Path dir =
        write(
            tmp.resolve("prune"),
            "n.yaml",
            dockerNetwork(
                    "keep", "name: " + keep + "\nipam:\n  config:\n    - subnet: 10.123.136.0/24")
                + "---\n"
                + dockerNetwork(
                    "drop", "name: " + drop + "\nipam:\n  config:\n    - subnet: 10.123.137.0/24"));
    assertThat(apply(dir).exit()).isZero();
    Path otherDir =
        write(
            tmp.resolve("other"),
            "n.yaml",
            dockerNetwork(
                "other", "name: " + other + "\nipam:\n  config:\n    - subnet: 10.123.138.0/24"));
    assertThat(run("apply", "-f", otherDir.toString(), "--project", project() + "-b").exit())
        .isZero();

    write(
        dir,
        "n.yaml",
        dockerNetwork(
            "keep", "name: " + keep + "\nipam:\n  config:\n    - subnet: 10.123.136.0/24"));
    assertAllNoop(apply(dir));
    assertThat(engine.networkExists(drop)).as("without --prune nothing is removed").isTrue();

    Run pruned = plan(dir, "--prune");
    assertThat(pruned.out()).contains("- remove network " + drop);
    Run applied = apply(dir, "--prune");
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(applied.out()).contains("removed");
    assertThat(engine.networkExists(drop)).isFalse();
    assertThat(engine.networkExists(keep)).isTrue();
    assertThat(engine.networkExists(other)).as("another project's network").isTrue();
  }

  @Test
  void deleteNeverCutsEndpointsItDoesNotManage() {
    String net = network("shared");
    String ours = engine.name("del-ours");
    String foreign = engine.name("del-foreign");
    engine.runContainer(ours);
    engine.runContainer(foreign);
    Path dir =
        write(
            tmp.resolve("delete"),
            "n.yaml",
            dockerNetwork(
                    "shared", "name: " + net + "\nipam:\n  config:\n    - subnet: 10.123.139.0/24")
                + "---\n"
                + attachment("ours", net, ours, ""));
    assertThat(apply(dir).exit()).isZero();
    engine.docker("network", "connect", net, foreign);

    Run blocked = run("delete", "-f", dir.toString(), "--project", project());
    assertThat(blocked.exit()).as(blocked.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(blocked.out()).contains("InUse", foreign);
    assertThat(engine.networkExists(net)).isTrue();
    JsonNode nets = engine.inspectContainer(foreign).at("/NetworkSettings/Networks");
    assertThat(nets.has(net)).as("the foreign endpoint is still there").isTrue();
    assertThat(engine.inspectContainer(ours).at("/NetworkSettings/Networks").has(net))
        .as("our endpoint was disconnected")
        .isFalse();

    engine.docker("network", "disconnect", net, foreign);
    Run deleted = run("delete", "-f", dir.toString(), "--project", project());
    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    assertThat(deleted.out()).contains("removed");
    assertThat(engine.networkExists(net)).isFalse();
  }

  @Test
  void orphanPolicyLeavesTheNetwork() {
    String net = network("orphan");
    Path dir =
        write(
            tmp.resolve("orphan"),
            "n.yaml",
            dockerNetwork(
                "orphan",
                "name: "
                    + net
                    + "\ndeletionPolicy: Orphan\nipam:\n  config:\n    - subnet: 10.123.140.0/24"));
    assertThat(apply(dir).exit()).isZero();
    Run deleted = run("delete", "-f", dir.toString(), "--project", project());
    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    assertThat(engine.networkExists(net)).isTrue();
  }

  @Test
  void hostAndNoneAreRejectedBeforeAnyEngineCall() {
    String c = engine.name("hostile");
    engine.runContainer(c);
    Path dir =
        write(
            tmp.resolve("host"),
            "a.yaml",
            attachment("to-host", "host", c, "") + "---\n" + attachment("to-none", "none", c, ""));
    String before = engine.inspectContainer(c).at("/NetworkSettings/Networks").toString();
    String ownProject = project() + "-hostile";
    Run applied = run("apply", "-f", dir.toString(), "--project", ownProject);
    assertThat(applied.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(applied.err())
        .contains("a.yaml:", "spec.network", "host", "none", "nothing was changed");
    assertThat(engine.inspectContainer(c).at("/NetworkSettings/Networks").toString())
        .isEqualTo(before);
    assertThat(
            engine.docker(
                "network", "ls", "-q", "--filter", "label=io.dockernet.project=" + ownProject))
        .isBlank();
  }

  @Test
  void pluginDriverNamesPassThroughToAClearEngineError() {
    String net = network("plugin");
    Path dir =
        write(
            tmp.resolve("plugin"),
            "n.yaml",
            dockerNetwork(
                "plugin",
                "name: "
                    + net
                    + "\ndriver: weave\nipam:\n  config:\n    - subnet: 10.123.141.0/24"));
    Run applied = apply(dir);
    assertThat(applied.exit()).as(applied.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(applied.out()).contains("failed", "weave");
    assertThat(engine.networkExists(net)).isFalse();
  }

  @Test
  void invalidManifestsGiveLocatedErrorsAndChangeNothing() {
    String net = network("bad");
    Path dir =
        write(
            tmp.resolve("bad"),
            "bad.yaml",
            dockerNetwork(
                "bad",
                "name: "
                    + net
                    + "\nipam:\n  config:\n    - subnet: 10.123.142.0/24\n      gateway: 10.123.99.1"));
    Run applied = apply(dir);
    assertThat(applied.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(applied.err())
        .contains(
            "bad.yaml:10:", "spec.ipam.config[0].gateway", "10.123.99.1", "nothing was changed");
    assertThat(engine.networkExists(net)).isFalse();
    Run validated = run("validate", "-f", dir.toString());
    assertThat(validated.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(validated.err()).contains("bad.yaml:10:");
  }
}
