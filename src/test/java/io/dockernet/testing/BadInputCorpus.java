package io.dockernet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile-manifest corpora (manifests/bad, reliability/bad-engine): each file's first comment
 * lines say what the user must see, {@code # expect: LINE:COLUMN: PATH: message substring} ({@code
 * -} for no path). Read by the offline validation test and the engine-backed IT alike.
 */
public final class BadInputCorpus {
  private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d+):(\\d+): (\\S+): (.+)$");

  private BadInputCorpus() {}

  /** The .yaml files of a classpath directory ("/manifests/bad"), sorted. */
  public static Stream<Path> files(String resource) {
    try {
      Path dir = Path.of(BadInputCorpus.class.getResource(resource).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The file as text. The first lines are ASCII comments even in the files that are deliberately
   * not UTF-8, so ISO-8859-1 reads every file.
   */
  public static String head(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code # expect:} lines of the leading comment block; groups: line, column, path, message.
   */
  public static List<Matcher> expectations(String head) {
    List<Matcher> result = new ArrayList<>();
    for (String line : head.split("\n")) {
      Matcher m = EXPECT.matcher(line);
      if (m.matches()) {
        result.add(m);
      } else if (!line.startsWith("#")) {
        break;
      }
    }
    return result;
  }
}
