package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator image (Dockerfile at the repository root) as shipped: its runtime stage carries the
 * iptables tools that DockerNetworkPolicy enforcement runs, and still runs as the non-root user by
 * default (root comes only from the policies opt-in of the chart or deploy/policies).
 */
class DockerfileTest {
  @Test
  void runtimeStageInstallsIptablesAndRunsAsNonRootByDefault() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    // One logical line per instruction (continuations joined), comments dropped.
    List<String> instructions =
        List.of(runtime.replace("\\\n", " ").split("\n")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(instructions)
        .as("the runtime stage installs Debian's iptables package (iptables-save/-restore)")
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("RUN ")
                    .contains("apt-get install -y --no-install-recommends iptables")
                    .contains("rm -rf /var/lib/apt/lists/*"));
    assertThat(instructions.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b))
        .as("runs as the non-root user unless a deployment asks for root")
        .contains("USER 10001:10001");
    assertThat(instructions).anyMatch(l -> l.startsWith("ENTRYPOINT ") && l.contains("operator"));
  }
}
