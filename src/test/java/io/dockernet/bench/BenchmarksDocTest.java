package io.dockernet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/benchmarks.md states, for every committed run (docs/bench/*.json), how many targets the
 * harness judged met and each one it judged missed, exactly as the JSON records them.
 */
class BenchmarksDocTest {

  @Test
  @SuppressWarnings("unchecked")
  void everyMissedTargetOfEveryCommittedRunIsListedAsTheJsonSays() throws IOException {
    String doc = Files.readString(Path.of("docs/benchmarks.md"));
    List<Path> runs;
    try (Stream<Path> files = Files.list(Path.of("docs/bench"))) {
      runs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(runs).isNotEmpty();
    for (Path run : runs) {
      Map<String, Object> json = new ObjectMapper().readValue(run.toFile(), Map.class);
      Map<String, Object> targets = (Map<String, Object>) BenchMain.verdict(json).get("targets");
      List<String> missed = (List<String>) targets.get("missed");
      String name = run.getFileName().toString();
      assertThat(doc)
          .as("docs/benchmarks.md on %s", name)
          .contains("[`" + name + "`](bench/" + name + ")")
          .contains(": " + targets.get("met") + " targets met, " + missed.size() + " missed:");
      for (String m : missed) {
        assertThat(doc)
            .as("docs/benchmarks.md lists the miss of %s", name)
            .contains("- " + m + "\n");
      }
    }
  }
}
