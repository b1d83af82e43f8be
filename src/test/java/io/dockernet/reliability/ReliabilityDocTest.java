package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md quotes the size of the hostile-input corpus BadInputIT runs: the numbers must
 * be the repository's (BadInputIT and BadManifestCorpusTest print them at every run).
 */
class ReliabilityDocTest {
  static final Path DOC = Path.of("docs/reliability.md");

  static long yamlFiles(String dir) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources", dir))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).count();
    }
  }

  @Test
  void corpusCountsInTheDocAreTheRepositorys() throws IOException {
    String doc = Files.readString(DOC);
    long offline = yamlFiles("manifests/bad");
    long engineOnly = yamlFiles("reliability/bad-engine");
    long all = offline + engineOnly;
    assertThat(doc)
        .as("docs/reliability.md, summary: the number of hostile manifests BadInputIT runs")
        .contains(
            "| " + all + " hostile manifests |",
            "| "
                + all
                + " × exit 1 with the located message; engine picture identical before/after: "
                + all
                + " of "
                + all
                + " |");
    assertThat(doc)
        .as("docs/reliability.md, Bad input: the corpus sizes")
        .contains("(`src/test/resources/manifests/bad/`, " + offline + " cases,")
        .contains("(" + engineOnly + " cases only the engine can judge)");
  }
}
