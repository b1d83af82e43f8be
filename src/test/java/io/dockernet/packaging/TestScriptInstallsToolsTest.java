package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * scripts/test.sh (with ensure-docker.sh) installs the Debian package of every program the tests
 * run that a fresh Debian machine may lack; a test that starts using a new one must add it there.
 */
class TestScriptInstallsToolsTest {
  /** What the tests run (as it appears in their sources) -> the Debian package that provides it. */
  static final Map<String, String> TOOLS =
      Map.of(
          "\"openssl\"", "openssl",
          "\"lua5.4\"", "lua5.4",
          "\"setpriv\"", "util-linux",
          "\"nsenter\"", "util-linux",
          "\"/usr/bin/time\"", "time",
          "\"ip\"", "iproute2",
          "k8s-tools.sh", "npm",
          "unzip", "unzip",
          "\"docker-compose\"", "docker-compose");

  @Test
  void everyToolTheTestsRunIsInstalledWhenMissing() throws IOException {
    String tests;
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(f));
      }
      tests = all.toString() + Files.readString(Path.of("scripts/k8s-tools.sh"));
    }
    String installs =
        Files.readString(Path.of("scripts/test.sh"))
            + Files.readString(Path.of("scripts/ensure-docker.sh"));
    TOOLS.forEach(
        (used, pkg) -> {
          if (tests.contains(used)) {
            assertThat(installs)
                .as("%s is used by the tests: scripts/test.sh must install %s", used, pkg)
                .containsAnyOf("missing+=(" + pkg + ")", "need_pkgs+=(" + pkg + ")");
          }
        });
    assertThat(Files.readString(Path.of("scripts/k8s-tools.sh")))
        .as("cached helm/kubectl are checked")
        .contains("k8s-tools.sha256", "HELM_VERSION", "KUBECTL_VERSION");
  }
}
