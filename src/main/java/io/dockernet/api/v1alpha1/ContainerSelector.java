package io.dockernet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Selects containers by their Docker labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSelector {

  @JsonPropertyDescription(
      "Docker container labels that must all match. Containers started later are selected too.")
  private Map<String, String> matchLabels;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }
}
