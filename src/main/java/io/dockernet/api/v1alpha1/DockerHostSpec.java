package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** How to reach a Docker engine, and who may use it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DockerHostSpec {

  @JsonPropertyDescription("Engine endpoint: unix:///path or tcp://host:port.")
  @Required
  @Pattern("^(unix|tcp)://.+$")
  private String endpoint;

  @JsonPropertyDescription(
      "Name of a Secret in the operator's namespace with TLS client material: ca.pem, cert.pem, key.pem.")
  private String tlsSecretName;

  @JsonPropertyDescription(
      "Allow plain tcp:// without TLS. Anyone who can reach the port is root on that host.")
  private Boolean allowInsecure;

  @JsonPropertyDescription(
      "Namespaces whose resources may target this host. Empty means every namespace.")
  private List<String> allowedNamespaces;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getTlsSecretName() {
    return tlsSecretName;
  }

  public void setTlsSecretName(String tlsSecretName) {
    this.tlsSecretName = tlsSecretName;
  }

  public Boolean getAllowInsecure() {
    return allowInsecure;
  }

  public void setAllowInsecure(Boolean allowInsecure) {
    this.allowInsecure = allowInsecure;
  }

  public List<String> getAllowedNamespaces() {
    return allowedNamespaces;
  }

  public void setAllowedNamespaces(List<String> allowedNamespaces) {
    this.allowedNamespaces = allowedNamespaces;
  }
}
