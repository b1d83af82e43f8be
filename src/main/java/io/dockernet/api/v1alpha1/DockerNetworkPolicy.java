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

/**
 * Which containers of a Docker network accept traffic from whom, and where they may send it
 * (Kubernetes NetworkPolicy for Docker).
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DockerNetworkPolicy")
@Singular("dockernetworkpolicy")
@Plural("dockernetworkpolicies")
@ShortNames({"dnp", "dnps"})
@Categories("dockernet")
@AdditionalPrinterColumn(
    name = "Network",
    jsonPath = ".spec.network",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Containers",
    jsonPath = ".status.containers",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Rules",
    jsonPath = ".status.rules",
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
public class DockerNetworkPolicy
    extends CustomResource<DockerNetworkPolicySpec, DockerNetworkPolicyStatus>
    implements Namespaced {

  @Override
  protected DockerNetworkPolicySpec initSpec() {
    return new DockerNetworkPolicySpec();
  }

  @Override
  protected DockerNetworkPolicyStatus initStatus() {
    return new DockerNetworkPolicyStatus();
  }
}
