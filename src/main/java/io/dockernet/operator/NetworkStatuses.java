package io.dockernet.operator;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.PoolSubnet;
import io.dockernet.api.v1alpha1.ReservedAddress;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.DesiredState;
import io.dockernet.model.EndpointViews;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Reason;
import io.dockernet.pool.DynamicRanges;
import io.dockernet.pool.PoolAllocator;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A DockerNetwork's status: the engine's network (id, subnets, pool subnets, endpoints). */
final class NetworkStatuses implements StatusKind<DockerNetwork, DockerNetworkStatus> {
  /** The NetworkAttachments on a network's host (for reserved addresses); none until set. */
  private volatile java.util.function.Function<
          DockerNetwork, List<io.dockernet.api.v1alpha1.NetworkAttachment>>
      attachments = n -> List.of();

  void attachmentsFrom(
      java.util.function.Function<DockerNetwork, List<io.dockernet.api.v1alpha1.NetworkAttachment>>
          attachments) {
    this.attachments = attachments;
  }

  /** The NetworkAttachments on the network's host. */
  List<io.dockernet.api.v1alpha1.NetworkAttachment> attachmentsOf(DockerNetwork network) {
    return attachments.apply(network);
  }

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
      List<String> recorded = DynamicRanges.recorded(network.config().labels());
      List<String> ranges =
          recorded == null ? List.of() : recorded.stream().filter(r -> !r.isEmpty()).toList();
      status.setDynamicRanges(ranges.isEmpty() ? null : ranges);
      status.setReservedAddresses(reserved(resource, network));
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
   * The static addresses the attachments of this host declare on the network; kept free when a
   * dynamic range covers their subnet and they lie outside it.
   */
  private List<ReservedAddress> reserved(DockerNetwork resource, ObservedNetwork network) {
    List<DynamicRanges.Reservation> declared =
        DynamicRanges.reservations(attachments.apply(resource))
            .getOrDefault(DesiredState.dockerName(resource), List.of());
    if (declared.isEmpty()) {
      return null;
    }
    List<ReservedAddress> result = new ArrayList<>();
    for (DynamicRanges.Reservation r : declared) {
      IPAddress address = new IPAddressString(r.address()).getAddress();
      boolean keptFree = false;
      for (IpamPool p : network.config().ipamPools()) {
        IPAddress subnet = PoolAllocator.parse(p.subnet());
        IPAddress range = PoolAllocator.parse(p.ipRange());
        if (subnet != null
            && range != null
            && subnet.isIPv4() == address.isIPv4()
            && subnet.toPrefixBlock().contains(address)) {
          keptFree = !range.toPrefixBlock().contains(address);
        }
      }
      result.add(new ReservedAddress(r.address(), r.attachment().key(), r.container(), keptFree));
    }
    return result;
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
