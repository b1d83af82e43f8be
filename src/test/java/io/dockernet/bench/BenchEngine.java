package io.dockernet.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Untimed engine work around the trials: starting the bench containers, removing everything
 * labelled with its {@link Layout.Space}, and checking that a run really reached the desired state.
 */
final class BenchEngine implements AutoCloseable {
  private final DockerClient docker;
  private final Layout.Space space;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  BenchEngine(Layout.Space space) {
    this.space = space;
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    docker =
        DockerClientImpl.getInstance(
            config,
            new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(16)
                .build());
  }

  DockerClient client() {
    return docker;
  }

  /**
   * Starts the layout's containers (busybox {@code sleep 86400}, on the default bridge) unless
   * running.
   */
  void startContainers(List<String> names, String image) {
    for (String name : names) {
      List<Container> found =
          docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec();
      boolean running =
          found.stream()
              .anyMatch(
                  c ->
                      List.of(c.getNames()).contains("/" + name) && "running".equals(c.getState()));
      if (running) {
        continue;
      }
      found.stream()
          .filter(c -> List.of(c.getNames()).contains("/" + name))
          .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
      String id =
          docker
              .createContainerCmd(image)
              .withName(name)
              .withLabels(Map.of(Layout.LABEL, space.labelValue()))
              .withCmd("sleep", "86400")
              .exec()
              .getId(); // a full run takes over an hour
      docker.startContainerCmd(id).exec();
    }
  }

  /** Removes every bench network (disconnecting its endpoints first). */
  void removeNetworks() {
    List<Network> networks =
        docker.listNetworksCmd().withFilter("label", List.of(space.label())).exec();
    all(
        networks.stream()
            .map(
                n ->
                    (Runnable)
                        () -> {
                          try {
                            Network full =
                                docker.inspectNetworkCmd().withNetworkId(n.getId()).exec();
                            for (String container : full.getContainers().keySet()) {
                              docker
                                  .disconnectFromNetworkCmd()
                                  .withNetworkId(n.getId())
                                  .withContainerId(container)
                                  .withForce(true)
                                  .exec();
                            }
                            docker.removeNetworkCmd(n.getId()).exec();
                          } catch (NotFoundException gone) {
                            // removed concurrently: fine
                          }
                        })
            .toList());
  }

  void removeContainers() {
    removeNetworks();
    docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Layout.LABEL, space.labelValue()))
        .exec()
        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
  }

  /** Bench networks on the engine and endpoints of bench containers on them. */
  record State(int networks, int endpoints) {}

  State state() {
    int networks =
        docker.listNetworksCmd().withFilter("label", List.of(space.label())).exec().size();
    int endpoints = 0;
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(Layout.LABEL, space.labelValue()))
            .exec()) {
      endpoints +=
          (int)
              c.getNetworkSettings().getNetworks().keySet().stream()
                  .filter(k -> k.startsWith(space.prefix()))
                  .count();
    }
    return new State(networks, endpoints);
  }

  void requireConverged(Layout layout, String what) {
    State s = state();
    if (s.networks() != layout.networks().size() || s.endpoints() != layout.attachments().size()) {
      throw new IllegalStateException(
          what
              + " left "
              + s
              + ", expected "
              + layout.networks().size()
              + " networks and "
              + layout.attachments().size()
              + " endpoints");
    }
  }

  private void all(List<Runnable> tasks) {
    List<Future<?>> futures = new ArrayList<>();
    tasks.forEach(t -> futures.add(pool.submit(t)));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException("cleanup failed: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    pool.shutdownNow();
    docker.close();
  }
}
