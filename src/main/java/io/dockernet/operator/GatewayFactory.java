package io.dockernet.operator;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineConfig;

/** Opens a gateway to one engine; tests may wrap the real one (e.g. to count calls). */
@FunctionalInterface
public interface GatewayFactory {
  GatewayFactory DOCKER_JAVA = DockerJavaGateway::new;

  DockerGateway open(EngineConfig config);
}
