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

/**
 * Address ranges from which DockerNetworks that ask for {@code pool:} get a subnet that collides
 * with nothing on their engine (or across a fleet). Cluster-scoped, like DockerHost.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("SubnetPool")
@Singular("subnetpool")
@Plural("subnetpools")
@ShortNames({"spool", "spools"})
@Categories("dockernet")
@AdditionalPrinterColumn(
    name = "CIDRs",
    jsonPath = ".spec.cidrs",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Prefix",
    jsonPath = ".status.prefixLength",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Allocation",
    jsonPath = ".spec.allocation",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Allocated",
    jsonPath = ".status.allocatedCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Free",
    jsonPath = ".status.free",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SubnetPool extends CustomResource<SubnetPoolSpec, SubnetPoolStatus> {

  @Override
  protected SubnetPoolSpec initSpec() {
    return new SubnetPoolSpec();
  }

  @Override
  protected SubnetPoolStatus initStatus() {
    return new SubnetPoolStatus();
  }
}
