package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.run;
import static io.dockernet.testing.Dockernet.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What plan says, terraform-like: a summary, what a create sets, where a recreate lands each
 * endpoint. Subnets: 10.201.64.0/20.
 */
class PlanOutputIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  private static String manifests(
      String net, String spec, String fixed, String dynamic, String aliases) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: out
        spec:
          name: %s
        %s
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: fixed
        spec:
          network: %s
          container: %s
          ipv4Address: 10.201.64.10
          aliases: [%s]
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: dynamic
        spec:
          network: %s
          container: %s
        """
        .formatted(net, spec.indent(2).stripTrailing(), net, fixed, aliases, net, dynamic);
  }

  private Run plan(Path dir) {
    return run("plan", "-f", dir.toString(), "--project", engine.prefix());
  }

  @Test
  void summaryCreateDetailsLiveEditAndRecreateLanding() {
    String net = engine.name("plan-out");
    engine.removeNetworkAfter(net);
    String fixed = engine.name("plan-fixed");
    String dynamic = engine.name("plan-dynamic");
    engine.runContainer(fixed);
    engine.runContainer(dynamic);
    String spec =
        "internal: true\nipam:\n  config:\n    - subnet: 10.201.64.0/24\n      gateway: 10.201.64.1\n      ipRange: 10.201.64.128/25";
    Path dir = write(tmp, "m.yaml", manifests(net, spec, fixed, dynamic, "web"));

    Run created = plan(dir);
    assertThat(created.exit()).as(created.toString()).isZero();
    assertThat(created.out())
        .as(created.toString())
        .contains(
            "Plan: 3 to add, 0 to change, 0 to destroy.",
            "+ create network " + net,
            "driver: bridge",
            "subnet: 10.201.64.0/24, gateway 10.201.64.1, range 10.201.64.128/25",
            "flags: internal",
            "+ connect " + fixed + " to " + net,
            "address: 10.201.64.10",
            "aliases: web",
            "+ connect " + dynamic + " to " + net,
            "address: from the engine");
    assertThat(run("apply", "-f", dir.toString(), "--project", engine.prefix()).exit()).isZero();
    String dynamicIp =
        engine
            .inspectContainer(dynamic)
            .at("/NetworkSettings/Networks/" + net + "/IPAddress")
            .asText();

    write(tmp, "m.yaml", manifests(net, spec, fixed, dynamic, "web, api"));
    Run edited = plan(dir);
    assertThat(edited.out())
        .as(edited.toString())
        .contains(
            "Plan: 0 to add, 1 to change, 0 to destroy.",
            "~ update " + fixed + " on " + net,
            "aliases: web, api")
        .doesNotContain("- disconnect");

    write(
        tmp,
        "m.yaml",
        manifests(net, spec.replace("internal: true", "internal: false"), fixed, dynamic, "web"));
    Run recreate = plan(dir);
    assertThat(recreate.out())
        .as(recreate.toString())
        .contains(
            "Plan: 0 to add, 1 to change, 0 to destroy.",
            "~ recreate network " + net,
            fixed + " (managed) 10.201.64.10",
            "keeps 10.201.64.10",
            dynamic + " (managed) " + dynamicIp,
            "keeps " + dynamicIp);
    Run applied = run("apply", "-f", dir.toString(), "--project", engine.prefix());
    assertThat(applied.exit()).as(applied.toString()).isZero();
    assertThat(
            engine
                .inspectContainer(dynamic)
                .at("/NetworkSettings/Networks/" + net + "/IPAddress")
                .asText())
        .as("plan said it keeps its address")
        .isEqualTo(dynamicIp);

    Run moved =
        plan(
            write(
                tmp,
                "m.yaml",
                manifests(
                        net,
                        "ipam:\n  config:\n    - subnet: 10.201.65.0/24",
                        fixed,
                        dynamic,
                        "web")
                    .replace("10.201.64.10", "10.201.65.10")));
    assertThat(moved.out())
        .as(moved.toString())
        .contains(
            "~ recreate network " + net,
            dynamic + " (managed) " + dynamicIp + ", gets a new address from the engine");
  }
}
