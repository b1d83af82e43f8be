package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Selects DockerHosts by their Kubernetes labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostSelector {

  @JsonPropertyDescription(
      "Labels of the DockerHost that must all match. The operator's default engine (spec.host empty) has no labels: "
          + "it is served only by pools without a hostSelector.")
  private Map<String, String> matchLabels;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }
}
