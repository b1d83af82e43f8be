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

/** A Docker network the user wants to exist, with the settings Docker is to give it. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DockerNetwork")
@Singular("dockernetwork")
@Plural("dockernetworks")
@ShortNames({"dnet", "dnets"})
@Categories("dockernet")
@AdditionalPrinterColumn(
    name = "Docker Name",
    jsonPath = ".spec.name",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Driver",
    jsonPath = ".spec.driver",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Subnet",
    jsonPath = ".status.subnets[0]",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Containers",
    jsonPath = ".status.containerCount",
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
    name = "ID",
    jsonPath = ".status.id",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class DockerNetwork extends CustomResource<DockerNetworkSpec, DockerNetworkStatus>
    implements Namespaced {

  @Override
  protected DockerNetworkSpec initSpec() {
    return new DockerNetworkSpec();
  }

  @Override
  protected DockerNetworkStatus initStatus() {
    return new DockerNetworkStatus();
  }
}
