package io.dockernet.operator;

import io.dockernet.testing.Kubeconfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;

/**
 * Fabric8's KubernetesMockServer in CRUD mode (with expectations possible, e.g. for leader
 * election), with our generated CRDs created through the client first so that status is a
 * subresource as on a real API server.
 */
public final class MockCluster implements AutoCloseable {
  final KubernetesMockServer server;
  public final KubernetesClient client;

  public MockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
    createCrds(client);
  }

  static void createCrds(KubernetesClient client) {
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              Serialization.unmarshal(in, CustomResourceDefinition.class);
          client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JOSDK checks its RBAC for leases with a SelfSubjectRulesReview, which the mock does not answer
   * by itself.
   */
  void allowLeases() {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview",
             "status":{"incomplete":false,"resourceRules":[{"apiGroups":["coordination.k8s.io"],"resources":["leases"],"verbs":["*"]}],
             "nonResourceRules":[]}}""")
        .always();
  }

  /**
   * A kubeconfig pointing at this mock server, for running `dockernet operator` unchanged against
   * it.
   */
  public Path writeKubeconfig(Path dir) throws IOException {
    return Kubeconfig.write(
        dir.resolve("kubeconfig"), client.getConfiguration().getMasterUrl(), "default");
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
