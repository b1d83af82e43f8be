package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** Desired settings of one Docker network; field names follow `docker network create`. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DockerNetworkSpec {

  @JsonPropertyDescription("Docker network name. Defaults to metadata.name.")
  @Pattern("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")
  private String name;

  @JsonPropertyDescription(
      "Network driver: bridge (default), overlay, macvlan, ipvlan or a plugin driver name.")
  @Default("bridge")
  private String driver;

  @JsonPropertyDescription(
      "Driver-specific options (docker network create --opt), e.g. parent for macvlan/ipvlan.")
  private Map<String, String> driverOpts;

  @JsonPropertyDescription(
      "Restrict external access to the network (docker network create --internal).")
  private Boolean internal;

  @JsonPropertyDescription("Allow standalone containers to attach to a swarm-scoped network.")
  private Boolean attachable;

  @JsonPropertyDescription("Create the swarm routing-mesh (ingress) network.")
  private Boolean ingress;

  @JsonPropertyDescription("Enable IPv6 on the network.")
  @JsonProperty("enableIPv6")
  private Boolean enableIPv6;

  @JsonPropertyDescription(
      "Enable IPv4 on the network (engine API 1.47 and later); false makes an IPv6-only network.")
  @JsonProperty("enableIPv4")
  private Boolean enableIPv4;

  @JsonPropertyDescription("Network scope: local, swarm or global. Empty lets the driver decide.")
  private String scope;

  @JsonPropertyDescription("Create a configuration-only network, used as configFrom by others.")
  private Boolean configOnly;

  @JsonPropertyDescription("Name of a configuration-only network to take the configuration from.")
  private String configFrom;

  @JsonPropertyDescription(
      "Docker labels put on the network, besides the io.dockernet.* labels of this product.")
  private Map<String, String> labels;

  @JsonPropertyDescription("IP address management: driver, options and address pools.")
  private IpamSpec ipam;

  @JsonPropertyDescription(
      "What to do when a field Docker cannot change in place differs: Recreate (default) removes and recreates the network, restoring every endpoint; Never reports and waits.")
  @Default("Recreate")
  private UpdatePolicy updatePolicy;

  @JsonPropertyDescription(
      "What to do with the Docker network when this resource is deleted: Delete (default) or Orphan.")
  @Default("Delete")
  private DeletionPolicy deletionPolicy;

  @JsonPropertyDescription(
      "What to do when a network of this name exists without this product's labels: Never (default, a Conflict) or IfCompatible (manage it when its settings match).")
  @Default("Never")
  private AdoptionPolicy adoptionPolicy;

  @JsonPropertyDescription(
      "Name of the DockerHost whose engine holds the network. Empty means the default engine.")
  private String host;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDriver() {
    return driver;
  }

  public void setDriver(String driver) {
    this.driver = driver;
  }

  public Map<String, String> getDriverOpts() {
    return driverOpts;
  }

  public void setDriverOpts(Map<String, String> driverOpts) {
    this.driverOpts = driverOpts;
  }

  public Boolean getInternal() {
    return internal;
  }

  public void setInternal(Boolean internal) {
    this.internal = internal;
  }

  public Boolean getAttachable() {
    return attachable;
  }

  public void setAttachable(Boolean attachable) {
    this.attachable = attachable;
  }

  public Boolean getIngress() {
    return ingress;
  }

  public void setIngress(Boolean ingress) {
    this.ingress = ingress;
  }

  public Boolean getEnableIPv6() {
    return enableIPv6;
  }

  public void setEnableIPv6(Boolean enableIPv6) {
    this.enableIPv6 = enableIPv6;
  }

  public Boolean getEnableIPv4() {
    return enableIPv4;
  }

  public void setEnableIPv4(Boolean enableIPv4) {
    this.enableIPv4 = enableIPv4;
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }

  public Boolean getConfigOnly() {
    return configOnly;
  }

  public void setConfigOnly(Boolean configOnly) {
    this.configOnly = configOnly;
  }

  public String getConfigFrom() {
    return configFrom;
  }

  public void setConfigFrom(String configFrom) {
    this.configFrom = configFrom;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public IpamSpec getIpam() {
    return ipam;
  }

  public void setIpam(IpamSpec ipam) {
    this.ipam = ipam;
  }

  public UpdatePolicy getUpdatePolicy() {
    return updatePolicy;
  }

  public void setUpdatePolicy(UpdatePolicy updatePolicy) {
    this.updatePolicy = updatePolicy;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public AdoptionPolicy getAdoptionPolicy() {
    return adoptionPolicy;
  }

  public void setAdoptionPolicy(AdoptionPolicy adoptionPolicy) {
    this.adoptionPolicy = adoptionPolicy;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }
}
