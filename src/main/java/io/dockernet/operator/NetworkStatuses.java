package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.PoolSubnet;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointViews;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A DockerNetwork's status: the engine's network (id, subnets, pool subnets, endpoints). */
final class NetworkStatuses implements StatusKind<DockerNetwork, DockerNetworkStatus> {
  @Override
  public DockerNetworkStatus fromEngine(
      DockerNetwork resource, Snapshot after, ResourceResult result) {
    DockerNetworkStatus status = new DockerNetworkStatus();
    boolean conflict = result != null && result.reason() == Reason.CONFLICT;
    ObservedNetwork network =
        conflict ? null : after.network(DesiredState.dockerName(resource)).orElse(null);
    if (network != null
        && network.managed()
        && !DesiredState.ref(resource)
            .key()
            .equals(network.config().labels().get(Ownership.OWNER))) {
      network = null; // someone else's: never show it as ours
    }
    if (network != null) {
      status.setId(network.id());
      status.setSubnets(
          network.config().ipamPools().stream()
              .map(IpamPool::subnet)
              .filter(Objects::nonNull)
              .toList());
      status.setPoolSubnets(poolSubnets(resource, network));
      status.setContainers(
          network.endpoints().stream()
              .map(EndpointViews::status)
              .sorted(
                  Comparator.comparing(
                      EndpointStatus::getContainer,
                      Comparator.nullsLast(Comparator.naturalOrder())))
              .toList());
    }
    status.setContainerCount(status.getContainers().size());
    return status;
  }

  /**
   * The subnets this network holds from pools: its config entries that ask a pool, paired with the
   * engine's subnets in order.
   */
  private static List<PoolSubnet> poolSubnets(DockerNetwork resource, ObservedNetwork network) {
    if (PoolRegistry.requested(resource).isEmpty()) {
      return null;
    }
    List<IpamConfig> config = resource.getSpec().getIpam().getConfig();
    List<IpamPool> engine = network.config().ipamPools();
    List<PoolSubnet> result = new ArrayList<>();
    for (int i = 0; i < config.size() && i < engine.size(); i++) {
      if (config.get(i) != null
          && config.get(i).getPool() != null
          && engine.get(i).subnet() != null) {
        result.add(new PoolSubnet(config.get(i).getPool(), engine.get(i).subnet()));
      }
    }
    return result;
  }

  @Override
  public String readyMessage(DockerNetwork resource, DockerNetworkStatus status, Plan plan) {
    String notes = String.join("; ", plan.notes(DesiredState.ref(resource)));
    return "network "
        + DesiredState.dockerName(resource)
        + " matches the spec"
        + (notes.isEmpty() ? "" : " (" + notes + ")");
  }

  @Override
  public boolean mayHaveEngineState(DockerNetwork resource) {
    return resource.getStatus() != null && resource.getStatus().getId() != null;
  }

  @Override
  public DockerNetworkStatus empty() {
    return new DockerNetworkStatus();
  }

  @Override
  public List<Condition> conditions(DockerNetworkStatus status) {
    return status == null ? List.of() : status.getConditions();
  }

  @Override
  public void setConditions(
      DockerNetworkStatus status, List<Condition> conditions, Long generation) {
    status.setConditions(conditions);
    status.setObservedGeneration(generation);
  }
}
