package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * examples/gitops: the Argo CD and Flux objects point at real folders; the health check is wired
 * for our kinds.
 */
class GitopsExamplesTest {
  private static final Path GITOPS = Path.of("examples/gitops");

  @Test
  void argoCdAndFluxPointAtTheSampleManifests() throws IOException {
    JsonNode app =
        StrictK8s.documents(Files.readString(GITOPS.resolve("argocd/application.yaml"))).get(0);
    assertThat(
            Path.of(app.path("spec").path("source").path("path").asText())
                .resolve("kustomization.yaml"))
        .exists();
    JsonNode operatorApp =
        StrictK8s.documents(Files.readString(GITOPS.resolve("argocd/operator-application.yaml")))
            .get(0);
    assertThat(
            Path.of(operatorApp.path("spec").path("source").path("path").asText())
                .resolve("Chart.yaml"))
        .exists();
    JsonNode flux =
        StrictK8s.documents(Files.readString(GITOPS.resolve("flux/kustomization.yaml"))).get(0);
    assertThat(Path.of(flux.path("spec").path("path").asText()).resolve("kustomization.yaml"))
        .exists();
  }

  @Test
  void argoCdConfigMapCarriesTheHealthCheckForEachKind() throws IOException {
    String lua = Files.readString(GITOPS.resolve("argocd/health.lua"));
    JsonNode cm =
        StrictK8s.documents(Files.readString(GITOPS.resolve("argocd/argocd-cm-patch.yaml"))).get(0);
    for (String kind : List.of("DockerNetwork", "NetworkAttachment", "DockerHost")) {
      assertThat(
              cm.path("data").path("resource.customizations.health.dockernet.io_" + kind).asText())
          .isEqualTo(lua);
    }
  }

  /** Runs health.lua with a real Lua interpreter when the machine has one (Debian: lua5.4). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nil                                                                                   | Progressing",
        "{conditions={{type='Ready',status='True',reason='Converged',observedGeneration=2}}}     | Healthy",
        "{conditions={{type='Ready',status='True',reason='Converged',observedGeneration=1}}}     | Progressing",
        "{conditions={{type='Ready',status='False',reason='EngineUnavailable',observedGeneration=2}}} | Progressing",
        "{conditions={{type='Ready',status='False',reason='Conflict',observedGeneration=2}}}     | Degraded",
        "{conditions={{type='Ready',status='False',reason='Invalid',observedGeneration=2}}}      | Degraded",
        // The kstatus conditions decide when present.
        "{observedGeneration=2,conditions={{type='Ready',status='False',reason='EngineError',observedGeneration=2},{type='Reconciling',status='True',reason='EngineError',observedGeneration=2},{type='Stalled',status='False',reason='EngineError',observedGeneration=2}}} | Progressing",
        "{observedGeneration=2,conditions={{type='Ready',status='False',reason='PoolExhausted',observedGeneration=2},{type='Reconciling',status='False',reason='PoolExhausted',observedGeneration=2},{type='Stalled',status='True',reason='PoolExhausted',observedGeneration=2}}} | Degraded",
        "{observedGeneration=2,conditions={{type='Ready',status='True',reason='Converged',observedGeneration=2},{type='Reconciling',status='False',reason='Converged',observedGeneration=2},{type='Stalled',status='False',reason='Converged',observedGeneration=2}}} | Healthy",
        "{observedGeneration=1,conditions={{type='Ready',status='True',reason='Converged'}}} | Progressing"
      })
  void healthFollowsTheReadyCondition(String status, String expected) throws Exception {
    String lua =
        List.of("lua5.4", "lua").stream()
            .filter(GitopsExamplesTest::onPath)
            .findFirst()
            .orElse(null);
    Assumptions.assumeTrue(lua != null, "no Lua interpreter on this machine");
    String script =
        "obj = {metadata={generation=2}, status="
            + status.strip()
            + "}\n"
            + "local hs = (function()\n"
            + Files.readString(GITOPS.resolve("argocd/health.lua"))
            + "\nend)()\n"
            + "print(hs.status)\n";
    Path file = Files.createTempFile("health", ".lua");
    Files.writeString(file, script);
    K8sTools.Run run = K8sTools.exec(List.of(lua, file.toString()), 30);
    Files.delete(file);
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.stdout().strip()).isEqualTo(expected.strip());
  }

  private static boolean onPath(String command) {
    return K8sTools.exec(List.of("sh", "-c", "command -v " + command), 10).exitCode() == 0;
  }
}
