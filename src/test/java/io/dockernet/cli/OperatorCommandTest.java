package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.operator.OperatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `dockernet operator`: every flag reaches the operator's settings. */
class OperatorCommandTest {

  OperatorSettings parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings("ops");
  }

  @Test
  void defaultsWatchAllNamespacesWithoutSsaOrLeaderElection() {
    OperatorSettings s = parse();
    assertThat(s.namespaces()).isEmpty();
    assertThat(s.project()).isEqualTo("k8s");
    assertThat(s.serverSideApply()).isFalse();
    assertThat(s.leaderElection()).isNull();
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.bindAddress()).as("every interface, as before the option existed").isEmpty();
    assertThat(s.resyncPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.secretNamespace()).isEqualTo("ops");
    assertThat(s.hostSelector()).isEmpty();
    assertThat(s.defaultHost()).isNull();
  }

  @Test
  void everyOptionReachesTheSettings() {
    OperatorSettings s =
        parse(
            "--namespaces",
            "a, b",
            "--project",
            "prod",
            "--port",
            "0",
            "--resync-period",
            "90s",
            "--server-side-apply",
            "--leader-election",
            "--lease-name",
            "shard-eu",
            "--host-selector",
            "region=eu",
            "--default-host",
            "edge-1",
            "--secret-namespace",
            "certs",
            "--metrics-bind-address",
            "127.0.0.1");
    assertThat(s.namespaces()).containsExactlyInAnyOrder("a", "b");
    assertThat(s.project()).isEqualTo("prod");
    assertThat(s.port()).isZero();
    assertThat(s.resyncPeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.serverSideApply()).isTrue();
    assertThat(s.leaderElection().leaseName()).isEqualTo("shard-eu");
    assertThat(s.leaderElection().leaseNamespace()).isEqualTo("ops");
    assertThat(s.leaderElection().exitOnLoss()).isTrue();
    assertThat(s.hostSelector()).isEqualTo("region=eu");
    assertThat(s.defaultHost()).isEqualTo("edge-1");
    assertThat(s.secretNamespace()).isEqualTo("certs");
    assertThat(s.bindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }
}
