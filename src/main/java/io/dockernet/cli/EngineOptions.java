package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.DockerJavaGateway;
import io.dockernet.engine.EngineConfig;
import picocli.CommandLine.Option;

/** Engine selection like the docker CLI: {@code --host}, else DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH. */
final class EngineOptions {

  @Option(names = {"-H", "--host"}, paramLabel = "URL",
      description = "Engine endpoint, unix:///var/run/docker.sock or tcp://HOST:PORT (default: $DOCKER_HOST, else the local socket).")
  String host;

  @Option(names = "--allow-insecure-tcp",
      description = "Allow tcp:// without TLS. Anyone who can reach that port is root on the engine's host.")
  boolean allowInsecure;

  DockerGateway connect() {
    EngineConfig config = EngineConfig.fromEnvironment(host, System.getenv()).withAllowInsecure(allowInsecure);
    return new DockerJavaGateway(config);
  }
}
