package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerJavaGatewayTest {

  /**
   * A snapshot asks GET /info beside the lists; when the engine answers none of them, the error is
   * still the info's, as when it was read first, so the user reads the same message every time.
   */
  @Test
  void an_unreachable_engine_fails_a_snapshot_with_the_info_error(@TempDir Path tmp) {
    String host = "unix://" + tmp.resolve("nobody-listens.sock");
    for (int i = 0; i < 20; i++) {
      try (DockerJavaGateway gateway = new DockerJavaGateway(EngineConfig.forHost(host))) {
        assertThatThrownBy(gateway::snapshot)
            .isInstanceOf(EngineException.class)
            .hasMessageStartingWith("GET /info: cannot reach the engine at " + host);
      }
    }
  }
}
