package io.dockernet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Containers that must be on a Docker network, with their endpoint settings. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("NetworkAttachment")
@Singular("networkattachment")
@Plural("networkattachments")
@ShortNames({"natt", "natts"})
@Categories("dockernet")
@AdditionalPrinterColumn(
    name = "Network",
    jsonPath = ".spec.network",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Container",
    jsonPath = ".spec.container",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Endpoints",
    jsonPath = ".status.endpointCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class NetworkAttachment
    extends CustomResource<NetworkAttachmentSpec, NetworkAttachmentStatus> implements Namespaced {

  @Override
  protected NetworkAttachmentSpec initSpec() {
    return new NetworkAttachmentSpec();
  }

  @Override
  protected NetworkAttachmentStatus initStatus() {
    return new NetworkAttachmentStatus();
  }
}
