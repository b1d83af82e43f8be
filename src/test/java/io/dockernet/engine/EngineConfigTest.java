package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigTest {

  @Test
  void defaultsToTheLocalSocketWithBoundedTimeouts() {
    EngineConfig config = EngineConfig.fromEnvironment(null, Map.of());
    assertThat(config.host()).isEqualTo("unix:///var/run/docker.sock");
    assertThat(config.tls()).isFalse();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.uri().getPath()).isEqualTo("/var/run/docker.sock");
  }

  @Test
  void addressIsOneStringForEverySpellingOfOneDaemon() {
    assertThat(EngineConfig.forHost("unix:///var/run/../run/docker.sock").address())
        .isEqualTo(EngineConfig.local().address())
        .isEqualTo("unix:/var/run/docker.sock");
    assertThat(EngineConfig.forHost("tcp://Engine.Example:2376").address())
        .as("TLS material does not change the daemon")
        .isEqualTo(
            EngineConfig.forHost("tcp://engine.example:2376").withTls(Path.of("/certs")).address())
        .isEqualTo("tcp:engine.example:2376");
    assertThat(EngineConfig.forHost("tcp://engine.example:2377").address())
        .isNotEqualTo(EngineConfig.forHost("tcp://engine.example:2376").address());
    assertThat(EngineConfig.forHost("not a uri").address()).isEqualTo("not a uri");
  }

  @Test
  void explicitHostWinsOverDockerHost() {
    EngineConfig config =
        EngineConfig.fromEnvironment(
            "unix:///run/other.sock", Map.of("DOCKER_HOST", "unix:///run/env.sock"));
    assertThat(config.host()).isEqualTo("unix:///run/other.sock");
    assertThat(
            EngineConfig.fromEnvironment(null, Map.of("DOCKER_HOST", "unix:///run/env.sock"))
                .host())
        .isEqualTo("unix:///run/env.sock");
  }

  @Test
  void tlsVerifyTakesCertificatesFromDockerCertPath(@TempDir Path certs) throws Exception {
    for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.writeString(certs.resolve(f), "x");
    }
    EngineConfig config =
        EngineConfig.fromEnvironment(
            null,
            Map.of(
                "DOCKER_HOST",
                "tcp://10.0.0.5:2376",
                "DOCKER_TLS_VERIFY",
                "1",
                "DOCKER_CERT_PATH",
                certs.toString()));
    assertThat(config.tls()).isTrue();
    assertThat(config.tlsCertPath()).isEqualTo(certs);
    assertThat(config.uri().getPort()).isEqualTo(2376);
  }

  @Test
  void tlsVerifyZeroOrEmptyMeansNoTls() {
    assertThat(EngineConfig.fromEnvironment(null, Map.of("DOCKER_TLS_VERIFY", "0")).tls())
        .isFalse();
    assertThat(EngineConfig.fromEnvironment(null, Map.of("DOCKER_TLS_VERIFY", "")).tls()).isFalse();
    assertThat(EngineConfig.fromEnvironment(null, Map.of("DOCKER_TLS_VERIFY", "false")).tls())
        .isFalse();
  }

  @Test
  void tlsWithoutCertPathUsesDotDocker() {
    EngineConfig config =
        EngineConfig.fromEnvironment("tcp://h:2376", Map.of("DOCKER_TLS_VERIFY", "1"));
    assertThat(config.tlsCertPath()).isEqualTo(Path.of(System.getProperty("user.home"), ".docker"));
  }

  @Test
  void missingCertificatesAreNamed(@TempDir Path certs) {
    EngineConfig config = EngineConfig.forHost("tcp://h:2376").withTls(certs);
    assertThatThrownBy(config::uri)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ca.pem");
  }

  @Test
  void plainTcpOnlyWhenExplicitlyAllowed() {
    assertThatThrownBy(() -> EngineConfig.forHost("tcp://10.0.0.5:2375").uri())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without TLS")
        .hasMessageContaining("DOCKER_TLS_VERIFY");
    assertThat(EngineConfig.forHost("tcp://10.0.0.5:2375").withAllowInsecure(true).uri().getHost())
        .isEqualTo("10.0.0.5");
  }

  @Test
  void badHostsAreExplained() {
    assertThatThrownBy(() -> EngineConfig.forHost("http://h:2375").uri())
        .hasMessageContaining("unsupported scheme");
    assertThatThrownBy(() -> EngineConfig.forHost("tcp://h").withAllowInsecure(true).uri())
        .hasMessageContaining("needs host and port");
    assertThatThrownBy(() -> EngineConfig.forHost("unix:docker.sock").uri())
        .hasMessageContaining("socket path");
    assertThatThrownBy(() -> EngineConfig.forHost("tcp://a b:1").uri())
        .hasMessageContaining("not a valid URI");
  }
}
