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
 * A static address another container holds is blocked at plan time, naming the holder, instead of
 * the engine refusing the connect mid-apply. Subnets: 10.212.1.0/24.
 */
class HeldAddressIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  private static String network(String net) {
    return """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: held
        spec:
          name: %s
          ipam:
            config:
              - subnet: 10.212.1.0/24
        """
        .formatted(net);
  }

  private static String attachment(String net, String container) {
    return """
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: pinned
        spec:
          network: %s
          container: %s
          ipv4Address: 10.212.1.10
        """
        .formatted(net, container);
  }

  private Run cli(String command, Path dir) {
    return run(command, "-f", dir.toString(), "--project", engine.prefix());
  }

  @Test
  void addressHeldByAnotherContainerIsBlockedAtPlanTimeAndNothingIsConnected() {
    String net = engine.name("held");
    engine.removeNetworkAfter(net);
    String holder = engine.name("held-holder");
    String app = engine.name("held-app");
    engine.runContainer(holder);
    engine.runContainer(app);
    Path dir = write(tmp, "m.yaml", network(net));
    Run created = cli("apply", dir);
    assertThat(created.exit()).as(created.toString()).isZero();
    engine.docker("network", "connect", "--ip", "10.212.1.10", net, holder);

    write(tmp, "m.yaml", network(net) + attachment(net, app));
    Run plan = cli("plan", dir);
    assertThat(plan.exit()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out())
        .as(plan.toString())
        .contains(
            "1 blocked",
            "Conflict: address 10.212.1.10 on network "
                + net
                + " is held by container "
                + holder
                + "; container "
                + app
                + " not connected")
        .doesNotContain("+ connect");

    Run apply = cli("apply", dir);
    assertThat(apply.exit()).as(apply.toString()).isEqualTo(1);
    assertThat(apply.out() + apply.err())
        .as(apply.toString())
        .contains("is held by container " + holder)
        .doesNotContain("403", "connect " + app);
    assertThat(engine.inspectContainer(app).at("/NetworkSettings/Networks").has(net)).isFalse();
    assertThat(
            engine
                .inspectContainer(holder)
                .at("/NetworkSettings/Networks/" + net + "/IPAddress")
                .asText())
        .isEqualTo("10.212.1.10");

    // Once the holder leaves, the same manifest connects.
    engine.docker("network", "disconnect", net, holder);
    Run freed = cli("apply", dir);
    assertThat(freed.exit()).as(freed.toString()).isZero();
    assertThat(
            engine
                .inspectContainer(app)
                .at("/NetworkSettings/Networks/" + net + "/IPAddress")
                .asText())
        .isEqualTo("10.212.1.10");
  }
}
