package io.dockernet.operator;

import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentStatus;
import io.dockernet.engine.EngineEvent;
import io.dockernet.model.DesiredState;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Keeps the endpoints a NetworkAttachment asks for: reconnects cut endpoints, attaches containers
 * that start later and match the selector, applies alias/address changes live. Which engine events
 * concern an attachment is {@link AttachmentEvents}; its static addresses are followed by {@link
 * Reservations} for the networks' status.
 */
@ControllerConfiguration(name = NetworkAttachmentReconciler.NAME)
public class NetworkAttachmentReconciler
    extends ConvergingReconciler<NetworkAttachment, NetworkAttachmentStatus> {
  public static final String NAME = "networkattachment";

  private final Reservations reservations = new Reservations(this::hostKey);

  NetworkAttachmentReconciler(OperatorContext op) {
    super(op, "networkattachment-engine-events", new AttachmentStatuses());
  }

  /** Told (host key, network) when an attachment's static addresses appear, change or go. */
  void onReservationsChanged(BiConsumer<String, String> listener) {
    reservations.onChanged(listener);
  }

  /** The attachments on one host that are not being deleted (for the networks' dynamic ranges). */
  List<NetworkAttachment> onHost(String hostKey) {
    return events.byIndex(PrimaryEvents.BY_HOST, hostKey).stream()
        .filter(a -> a.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  @Override
  public UpdateControl<NetworkAttachment> reconcile(
      NetworkAttachment resource, Context<NetworkAttachment> context) {
    reservations.seen(resource);
    return super.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(NetworkAttachment resource, Context<NetworkAttachment> context) {
    DeleteControl control = super.cleanup(resource, context);
    if (control.isRemoveFinalizer()) {
      reservations.gone(resource);
    }
    return control;
  }

  @Override
  String specHost(NetworkAttachment resource) {
    return resource.getSpec() == null ? null : resource.getSpec().getHost();
  }

  @Override
  DesiredState desired(NetworkAttachment resource) {
    return DesiredState.from(op.settings().project(), List.of(), List.of(resource));
  }

  @Override
  Map<String, Function<NetworkAttachment, List<String>>> indexers() {
    return AttachmentEvents.indexers(this::hostKey);
  }

  @Override
  List<NetworkAttachment> affectedBy(String hostKey, EngineEvent event) {
    return AttachmentEvents.affectedBy(events, hostKey, event);
  }
}
