package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.testing.Kubeconfig;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the image would run, without the image (no base image can be pulled here): the packaged
 * target/dockernet.jar started as {@code operator} with the arguments and JVM options of deploy/'s
 * Deployment, as uid/gid 10001 with only the Docker socket's group added (as the pod's
 * supplementalGroups do), against a kubeconfig for Fabric8's mock API server. It must serve its
 * probes and converge a DockerNetwork on the real local engine. Subnet 10.123.97.0/24.
 */
class JarOperatorSmokeIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();
  static final long UID = 10001;

  @Test
  void packagedJarRunsAsNonRootOperatorWithTheSocketGroup() throws Exception {
    Path jar =
        Path.of(System.getProperty("dockernet.jar", "target/dockernet.jar")).toAbsolutePath();
    assertThat(jar).as("mvn package builds it before the integration tests").exists();
    Assumptions.assumeTrue(
        isRoot(), "switching to uid 10001 needs root (as on the build machines)");
    long socketGid = (Integer) Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid");

    Container fromDeploy =
        DeploymentAssertions.operator(
            StrictK8s.one(
                StrictK8s.parseAll(
                    K8sTools.ok(K8sTools.kubectl("kustomize", "deploy"), "kubectl kustomize")),
                Deployment.class));

    var responses =
        new HashMap<
            io.fabric8.mockwebserver.ServerRequest,
            java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    Path dir = Files.createTempDirectory("dockernet-smoke");
    Process process = null;
    try (KubernetesClient client = server.createClient()) {
      createCrds(client);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path kubeconfig =
          Kubeconfig.write(
              dir.resolve("kubeconfig"),
              client.getConfiguration().getMasterUrl(),
              "dockernet-system");
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));

      // uid 10001 runs a copy in this test's own 0755 directory: it needs no access to the
      // checkout's parent folders (a clone under /root is not readable by other users).
      Path runnable = Files.copy(jar, dir.resolve("dockernet.jar"));
      Files.setPosixFilePermissions(runnable, PosixFilePermissions.fromString("rw-r--r--"));
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  "setpriv",
                  "--reuid=" + UID,
                  "--regid=" + UID,
                  "--groups=" + socketGid,
                  "--inh-caps=-all",
                  "--",
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  runnable.toString()));
      for (String arg : fromDeploy.getArgs()) {
        command.add(arg.startsWith("--port=") ? "--port=" + port : arg);
      }
      command.add("--kubeconfig=" + kubeconfig);
      Path log = dir.resolve("operator.log");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("HOME", dir.toString());
      fromDeploy.getEnv().forEach(e -> pb.environment().put(e.getName(), e.getValue()));
      process = pb.start();

      Path status = Path.of("/proc/" + process.pid() + "/status");
      // setpriv switches ids and then execs java in the same process.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(status).contains("Name:\tjava"));
      String procStatus = Files.readString(status);
      assertThat(procStatus)
          .containsPattern("(?m)^Uid:\\s+" + UID + "\\s+" + UID)
          .containsPattern("(?m)^Groups:\\s+" + socketGid + "\\s*$");

      HttpClient http = HttpClient.newHttpClient();
      for (String probe : List.of("/healthz", "/readyz")) {
        await()
            .atMost(Duration.ofSeconds(40))
            .ignoreExceptions()
            .until(
                () ->
                    http.send(
                                HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + probe))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                        == 200);
      }

      String dockerName = engine.name("smoke");
      engine.removeNetworkAfter(dockerName);
      client.resource(network(dockerName)).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(engine.networkExists(dockerName))
                      .as(
                          () ->
                              "network on the engine; status: "
                                  + Serialization.asJson(
                                      client
                                          .resources(DockerNetwork.class)
                                          .inNamespace("default")
                                          .withName("smoke")
                                          .get()
                                          .getStatus()))
                      .isTrue());
      assertThat(
              engine.inspectNetwork(dockerName).path("Labels").path("io.dockernet.owner").asText())
          .isEqualTo("default/smoke");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                DockerNetwork n =
                    client
                        .resources(DockerNetwork.class)
                        .inNamespace("default")
                        .withName("smoke")
                        .get();
                return n.getStatus() != null
                    && engine
                        .inspectNetwork(dockerName)
                        .path("Id")
                        .asText()
                        .equals(n.getStatus().getId());
              });

      client.resources(DockerNetwork.class).inNamespace("default").withName("smoke").delete();
      await().atMost(Duration.ofSeconds(30)).until(() -> !engine.networkExists(dockerName));
    } finally {
      boolean exited = true;
      if (process != null) {
        process.destroy(); // SIGTERM, as the kubelet sends
        exited = process.waitFor(20, TimeUnit.SECONDS);
        if (!exited) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        System.err.println(Files.readString(dir.resolve("operator.log")));
      }
      server.destroy();
      Files.deleteIfExists(dir.resolve("dockernet.jar"));
      assertThat(exited).as("exits after SIGTERM").isTrue();
    }
  }

  private static DockerNetwork network(String dockerName) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName("smoke").withNamespace("default").build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(dockerName);
    IpamConfig pool = new IpamConfig();
    pool.setSubnet("10.123.97.0/24");
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    n.setSpec(spec);
    return n;
  }

  private static boolean isRoot() throws Exception {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void createCrds(KubernetesClient client) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
              .create();
        }
      }
    }
  }
}
