package io.dockernet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.manifest.LoadResult;
import io.dockernet.manifest.ManifestLoader;
import io.dockernet.testing.BadInputCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under manifests/bad is a malformed or hostile manifest whose first lines say what the
 * user must see: {@code # expect: LINE:COLUMN: PATH: message substring} ({@code -} for no path).
 * Loading and validating it must report that problem at that place, and never throw.
 */
class BadManifestCorpusTest {
  static Stream<Path> corpus() {
    return BadInputCorpus.files("/manifests/bad");
  }

  @Test
  void theCorpusHasAtLeastFortyCases() throws Exception {
    long cases = corpus().count();
    System.out.println(
        "BadManifestCorpusTest: "
            + cases
            + " cases in manifests/bad"); // quoted by docs/reliability.md
    assertThat(cases).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void reportsTheExpectedLocatedProblem(Path file) throws IOException {
    List<Matcher> expectations = BadInputCorpus.expectations(BadInputCorpus.head(file));
    assertThat(expectations).as("%s has no '# expect:' line", file.getFileName()).isNotEmpty();

    List<Problem> problems = loadAndValidate(file);

    for (Matcher expect : expectations) {
      int line = Integer.parseInt(expect.group(1));
      int column = Integer.parseInt(expect.group(2));
      String path = expect.group(3).equals("-") ? "" : expect.group(3);
      String message = expect.group(4);
      assertThat(problems)
          .as("%s should report %s", file.getFileName(), expect.group(0))
          .anySatisfy(
              p -> {
                assertThat(p.location()).isNotNull();
                assertThat(p.location().file()).isEqualTo(file.toString());
                assertThat(p.location().line()).isEqualTo(line);
                assertThat(p.location().column()).isEqualTo(column);
                assertThat(p.path()).isEqualTo(path);
                assertThat(p.message()).contains(message);
              });
    }
  }

  static List<Problem> loadAndValidate(Path file) {
    LoadResult loaded = ManifestLoader.load(file);
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(Validator.validate(loaded.manifests()));
    return problems;
  }
}
