package io.dockernet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestPathTest {
  @Test
  void buildsPathsWithQuotedKeysWhenNeeded() {
    assertThat(ManifestPath.field(ManifestPath.index("spec.ipam.config", 0), "subnet"))
        .isEqualTo("spec.ipam.config[0].subnet");
    assertThat(ManifestPath.field("metadata.labels", "app.kubernetes.io/name"))
        .isEqualTo("metadata.labels[\"app.kubernetes.io/name\"]");
    assertThat(ManifestPath.field("", "spec")).isEqualTo("spec");
  }

  @Test
  void walksUpToTheParent() {
    assertThat(ManifestPath.parent("spec.ipam.config[0].subnet")).isEqualTo("spec.ipam.config[0]");
    assertThat(ManifestPath.parent("spec.ipam.config[0]")).isEqualTo("spec.ipam.config");
    assertThat(ManifestPath.parent("metadata.labels[\"a.b/c\"]")).isEqualTo("metadata.labels");
    assertThat(ManifestPath.parent("spec")).isEmpty();
  }
}
