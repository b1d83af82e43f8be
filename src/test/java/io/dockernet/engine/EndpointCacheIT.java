package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspect cache kept on disk between processes (the CLI's): a later gateway reuses what an
 * earlier one inspected while the container's endpoints are the same, and inspects again once an
 * endpoint was replaced. Subnet 10.124.241.0/24 (the benchmark helper's range).
 */
class EndpointCacheIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void laterGatewaysReuseInspectsUntilTheEndpointChanges() throws Exception {
    String net = engine.name("cache");
    engine.createUnmanagedNetwork(net, "--subnet", "10.124.241.0/24");
    String c = engine.name("cache-c");
    String id = engine.runContainer(c).trim();
    engine.docker("network", "connect", "--alias", "one", net, c);
    Path file = dir.resolve("endpoints.json");

    assertThat(aliases(engine.newGateway().persistEndpointCache(file), id, net)).contains("one");
    assertThat(file).exists();

    // Plant a marker in the saved entry: only a gateway that read the file (and did not inspect)
    // sees it.
    ObjectNode saved = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) saved.get(id).get("networks").get(net)).putArray("Aliases").add("from-cache");
    JSON.writeValue(file.toFile(), saved);
    assertThat(aliases(engine.newGateway().persistEndpointCache(file), id, net))
        .contains("from-cache");

    // A new endpoint (new endpoint id) is inspected again, whatever the file says.
    engine.docker("network", "disconnect", net, c);
    engine.docker("network", "connect", "--alias", "two", net, c);
    assertThat(aliases(engine.newGateway().persistEndpointCache(file), id, net))
        .contains("two")
        .doesNotContain("from-cache");

    // A corrupt file only costs the inspects.
    java.nio.file.Files.writeString(file, "{not json");
    assertThat(aliases(engine.newGateway().persistEndpointCache(file), id, net)).contains("two");
  }

  private static List<String> aliases(
      DockerJavaGateway gateway, String containerId, String network) {
    ObservedContainer container =
        gateway.snapshot().containers().stream()
            .filter(x -> x.id().equals(containerId))
            .findFirst()
            .orElseThrow();
    ObservedEndpoint endpoint =
        container.endpoints().stream()
            .filter(e -> e.networkName().equals(network))
            .findFirst()
            .orElseThrow();
    return endpoint.config().aliases();
  }
}
