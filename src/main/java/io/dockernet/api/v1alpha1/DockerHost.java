package io.dockernet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Docker engine that DockerNetworks and NetworkAttachments may target (cluster-scoped). */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DockerHost")
@Singular("dockerhost")
@Plural("dockerhosts")
@ShortNames({"dhost", "dhosts"})
@Categories("dockernet")
@AdditionalPrinterColumn(
    name = "Endpoint",
    jsonPath = ".spec.endpoint",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reachable",
    jsonPath = ".status.reachable",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Engine",
    jsonPath = ".status.engineVersion",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Swarm",
    jsonPath = ".status.swarmRole",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
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
public class DockerHost extends CustomResource<DockerHostSpec, DockerHostStatus> {

  @Override
  protected DockerHostSpec initSpec() {
    return new DockerHostSpec();
  }

  @Override
  protected DockerHostStatus initStatus() {
    return new DockerHostStatus();
  }
}
