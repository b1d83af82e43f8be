package io.dockernet.operator;

import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.api.v1alpha1.NetworkAttachmentStatus;
import io.dockernet.exec.ResourceResult;
import io.dockernet.model.EndpointViews;
import io.dockernet.model.ObservedContainer;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Plan;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A NetworkAttachment's status: the endpoints its containers have on its network. */
final class AttachmentStatuses implements StatusKind<NetworkAttachment, NetworkAttachmentStatus> {
  @Override
  public NetworkAttachmentStatus fromEngine(
      NetworkAttachment resource, Snapshot after, ResourceResult result) {
    NetworkAttachmentStatus status = new NetworkAttachmentStatus();
    NetworkAttachmentSpec spec = resource.getSpec();
    String network = spec == null ? null : spec.getNetwork();
    if (network != null) {
      status.setEndpoints(
          after.containers().stream()
              .filter(c -> selected(resource, c, after))
              .flatMap(
                  c ->
                      c.endpoints().stream()
                          .filter(e -> network.equals(e.networkName()))
                          .map(EndpointViews::status))
              .sorted(
                  Comparator.comparing(
                      EndpointStatus::getContainer,
                      Comparator.nullsLast(Comparator.naturalOrder())))
              .toList());
    }
    status.setEndpointCount(status.getEndpoints().size());
    return status;
  }

  private static boolean selected(NetworkAttachment a, ObservedContainer c, Snapshot snapshot) {
    NetworkAttachmentSpec spec = a.getSpec();
    if (spec.getContainer() != null && !spec.getContainer().isEmpty()) {
      return snapshot
          .container(spec.getContainer())
          .map(found -> found.id().equals(c.id()))
          .orElse(false);
    }
    Map<String, String> selector =
        spec.getContainerSelector() == null ? null : spec.getContainerSelector().getMatchLabels();
    return selector != null && !selector.isEmpty() && c.matches(selector);
  }

  @Override
  public String readyMessage(
      NetworkAttachment resource, NetworkAttachmentStatus status, Plan plan) {
    int n = status.getEndpoints().size();
    String network = resource.getSpec().getNetwork();
    if (n == 0) {
      return "no selected container yet; containers that start later and match are attached to "
          + network;
    }
    return n + " endpoint(s) on " + network + " as specified";
  }

  @Override
  public boolean mayHaveEngineState(NetworkAttachment resource) {
    return resource.getStatus() != null
        && resource.getStatus().getEndpoints() != null
        && !resource.getStatus().getEndpoints().isEmpty();
  }

  @Override
  public NetworkAttachmentStatus empty() {
    return new NetworkAttachmentStatus();
  }

  @Override
  public List<Condition> conditions(NetworkAttachmentStatus status) {
    return status == null ? List.of() : status.getConditions();
  }

  @Override
  public void setConditions(
      NetworkAttachmentStatus status, List<Condition> conditions, Long generation) {
    status.setConditions(conditions);
    status.setObservedGeneration(generation);
  }
}
