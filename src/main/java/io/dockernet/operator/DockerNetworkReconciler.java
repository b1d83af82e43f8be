package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.engine.EngineEvent;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.DesiredState;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Keeps one Docker network as its DockerNetwork says; heals it when the engine drifts. */
@ControllerConfiguration(name = DockerNetworkReconciler.NAME)
public class DockerNetworkReconciler extends ConvergingReconciler<DockerNetwork, DockerNetworkStatus> {
  public static final String NAME = "dockernetwork";
  static final String BY_DOCKER_NAME = "byDockerName";

  DockerNetworkReconciler(OperatorContext op) {
    super(op, "dockernetwork-engine-events");
  }

  @Override
  String specHost(DockerNetwork resource) {
    return resource.getSpec() == null ? null : resource.getSpec().getHost();
  }

  @Override
  DesiredState desired(DockerNetwork resource) {
    return DesiredState.from(op.settings().project(), List.of(resource), List.of());
  }

  @Override
  Map<String, Function<DockerNetwork, List<String>>> indexers() {
    return Map.of(BY_DOCKER_NAME, n -> List.of(hostKey(n) + "|" + DesiredState.dockerName(n)));
  }

  @Override
  List<DockerNetwork> affectedBy(String hostKey, EngineEvent event) {
    if (!"network".equals(event.type())) {
      return List.of(); // connect/disconnect arrive as network events too, carrying the network's name
    }
    String name = event.attributes().get("name");
    return name == null ? List.of() : cache.byIndex(BY_DOCKER_NAME, hostKey + "|" + name);
  }

  @Override
  DockerNetworkStatus status(DockerNetwork resource, Snapshot after, ResourceResult result) {
    DockerNetworkStatus status = new DockerNetworkStatus();
    boolean conflict = result != null && result.reason() == Reason.CONFLICT;
    ObservedNetwork network = conflict ? null : after.network(DesiredState.dockerName(resource)).orElse(null);
    if (network != null && network.managed()
        && !DesiredState.ref(resource).key().equals(network.config().labels().get(Ownership.OWNER))) {
      network = null; // someone else's: never show it as ours
    }
    if (network != null) {
      status.setId(network.id());
      status.setSubnets(network.config().ipamPools().stream().map(IpamPool::subnet).filter(Objects::nonNull).toList());
      List<EndpointStatus> containers = network.endpoints().stream()
          .map(e -> EndpointStatuses.of(e, after.container(e.containerId()).map(c -> c.name()).orElse(e.containerName())))
          .sorted(Comparator.comparing(EndpointStatus::getContainer, Comparator.nullsLast(Comparator.naturalOrder())))
          .toList();
      status.setContainers(containers);
    }
    status.setContainerCount(status.getContainers().size());
    return status;
  }

  @Override
  String readyMessage(DockerNetwork resource, DockerNetworkStatus status, Plan plan) {
    String notes = String.join("; ", plan.notes(DesiredState.ref(resource)));
    return "network " + DesiredState.dockerName(resource) + " matches the spec" + (notes.isEmpty() ? "" : " (" + notes + ")");
  }

  @Override
  boolean mayHaveEngineState(DockerNetwork resource) {
    return resource.getStatus() != null && resource.getStatus().getId() != null;
  }

  @Override
  DockerNetworkStatus emptyStatus() {
    return new DockerNetworkStatus();
  }

  @Override
  List<Condition> conditions(DockerNetworkStatus status) {
    return status == null ? List.of() : status.getConditions();
  }

  @Override
  void setConditions(DockerNetworkStatus status, List<Condition> conditions, Long generation) {
    status.setConditions(conditions);
    status.setObservedGeneration(generation);
  }
}
