package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/crds/ (kustomize loads nothing outside its folder) and the chart's crds/ must ship exactly
 * the generated CRDs in crds/. Fix with deploy/sync-crds.sh.
 */
class CrdCopiesInSyncTest {

  @ParameterizedTest
  @ValueSource(strings = {"deploy/crds", "helm/dockernet-operator/crds"})
  void copyIsIdenticalToGeneratedCrds(String copy) throws IOException {
    Map<String, String> source = read(Path.of("crds"));
    assertThat(source).as("crds/ holds the generated CRDs").isNotEmpty();
    assertThat(read(Path.of(copy)))
        .as("%s differs from crds/: run deploy/sync-crds.sh and commit the result", copy)
        .isEqualTo(source);
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.filter(Files::isRegularFile).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }
}
