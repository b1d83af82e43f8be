package io.dockernet.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.validate.Location;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads dockernet manifests from files, directories (every {@code *.yaml}, {@code *.yml} and {@code
 * *.json} in them, or below them when recursive, in path order, hidden ones skipped), standard
 * input ({@code -}) or strings. YAML is composed safely into node trees (never into arbitrary
 * objects) under limits for size, aliases and nesting, then bound strictly to the API classes.
 * Every problem is located; nothing throws for bad input.
 */
public final class ManifestLoader {
  /** Larger files are refused before they are read. */
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** The path that stands for standard input, as in kubectl. */
  public static final Path STDIN = Path.of("-");

  private ManifestLoader() {}

  public static LoadResult load(Path... paths) {
    return load(List.of(paths));
  }

  /** Loads files and directories, recursively; the result lists problems of all of them. */
  public static LoadResult load(List<Path> paths) {
    return load(paths, true, InputStream.nullInputStream());
  }

  /**
   * Loads files, directories (their sub-directories too when {@code recursive}) and, for the path
   * {@code -}, {@code stdin} (named "stdin" in locations); the result lists problems of all of
   * them.
   */
  public static LoadResult load(List<Path> paths, boolean recursive, InputStream stdin) {
    Accumulator acc = new Accumulator();
    for (Path path : paths) {
      if (path.equals(STDIN)) {
        loadStream("stdin", stdin, acc);
      } else if (Files.isDirectory(path)) {
        for (Path file : manifestFiles(path, recursive, acc)) {
          loadFile(file, acc);
        }
      } else {
        loadFile(path, acc);
      }
    }
    return acc.result();
  }

  /**
   * The manifest files a directory holds (in path order), as {@link #load} reads them; for watching
   * them.
   */
  public static List<Path> manifestFiles(Path dir, boolean recursive) {
    return manifestFiles(dir, recursive, new Accumulator());
  }

  /**
   * Loads YAML text; {@code source} names it in locations (e.g. "stdin" or "DockerNetwork
   * default/web").
   */
  public static LoadResult loadString(String source, String yaml) {
    Accumulator acc = new Accumulator();
    if (yaml.length() > MAX_FILE_BYTES) {
      acc.problems.add(new Problem(new Location(source, 1, 1), "", tooLarge(yaml.length())));
    } else {
      loadText(source, yaml, acc);
    }
    return acc.result();
  }

  /** Loads UTF-8 bytes; reports invalid encoding with its line, column and byte offset. */
  public static LoadResult loadBytes(String source, byte[] bytes) {
    Accumulator acc = new Accumulator();
    loadBytes(source, bytes, acc);
    return acc.result();
  }

  private static List<Path> manifestFiles(Path dir, boolean recursive, Accumulator acc) {
    try (Stream<Path> walk = Files.walk(dir, recursive ? Integer.MAX_VALUE : 1)) {
      return walk.filter(p -> !hiddenBelow(dir, p))
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
              })
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | RuntimeException e) {
      acc.problems.add(new Problem(null, "", "cannot read directory " + dir + ": " + reason(e)));
      return List.of();
    }
  }

  /**
   * Directories and files starting with '.' below the given directory (.git, .github...) are
   * skipped.
   */
  private static boolean hiddenBelow(Path dir, Path p) {
    Path relative = dir.relativize(p);
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void loadFile(Path file, Accumulator acc) {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        acc.problems.add(new Problem(new Location(name, 1, 1), "", tooLarge(size)));
        return;
      }
      loadBytes(name, Files.readAllBytes(file), acc);
    } catch (NoSuchFileException e) {
      acc.problems.add(
          new Problem(null, "", "cannot read " + name + ": no such file or directory"));
    } catch (IOException | RuntimeException e) {
      acc.problems.add(new Problem(null, "", "cannot read " + name + ": " + reason(e)));
    }
  }

  private static void loadStream(String source, InputStream in, Accumulator acc) {
    try {
      // One byte more than allowed, so that too much input is reported rather than cut.
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      loadBytes(source, bytes, acc);
    } catch (IOException e) {
      acc.problems.add(new Problem(null, "", "cannot read " + source + ": " + reason(e)));
    }
  }

  private static void loadBytes(String source, byte[] bytes, Accumulator acc) {
    if (bytes.length > MAX_FILE_BYTES) {
      acc.problems.add(new Problem(new Location(source, 1, 1), "", tooLarge(bytes.length)));
      return;
    }
    if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
      acc.problems.add(
          new Problem(
              new Location(source, 1, 1),
              "",
              "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"));
      return;
    }
    int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      acc.problems.add(
          new Problem(
              encodingLocation(source, bytes, start, offset),
              "",
              String.format(
                  "not valid UTF-8: byte 0x%02X at byte offset %d; dockernet reads UTF-8 only (re-save the file as UTF-8)",
                  bytes[offset] & 0xFF, offset)));
      return;
    }
    out.flip();
    loadText(source, out.toString(), acc);
  }

  private static Location encodingLocation(String source, byte[] bytes, int start, int offset) {
    String before = new String(bytes, start, offset - start, StandardCharsets.UTF_8);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Location(source, line, before.codePointCount(lineStart, before.length()) + 1);
  }

  private static void loadText(String source, String text, Accumulator acc) {
    LoaderOptions options = YamlDocuments.options(MAX_FILE_BYTES + 1);
    YamlDocuments.Result composed = YamlDocuments.compose(source, text, options);
    StandardScalars scalars = new StandardScalars(options);
    for (Node document : composed.documents()) {
      TreeBuilder.Result tree = TreeBuilder.build(source, document, scalars);
      if (!tree.problems().isEmpty() || tree.tree() == null) {
        acc.problems.addAll(tree.problems());
        continue;
      }
      ResourceBinder.Result bound = ResourceBinder.bind(tree.tree(), tree.index());
      acc.problems.addAll(bound.problems());
      if (bound.skipped() != null) {
        acc.skipped.add(bound.skipped());
      }
      if (bound.resource() != null) {
        acc.add(bound.resource(), tree.index(), tree.tree());
      }
    }
    if (composed.problem() != null) {
      acc.problems.add(composed.problem());
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String tooLarge(long size) {
    return String.format(
        "the file is %.1f MiB; manifests are limited to %d MiB (split it into several files)",
        size / (1024.0 * 1024.0), MAX_FILE_BYTES / (1024 * 1024));
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static final class Accumulator {
    final List<DockerNetwork> networks = new ArrayList<>();
    final List<NetworkAttachment> attachments = new ArrayList<>();
    final List<DockerHost> hosts = new ArrayList<>();
    final List<DockerNetworkPolicy> policies = new ArrayList<>();
    final List<SubnetPool> pools = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final FileLocator locator = new FileLocator();

    void add(HasMetadata resource, DocumentIndex index, JsonNode document) {
      locator.add(resource, index, document);
      if (resource instanceof DockerNetwork n) {
        networks.add(n);
      } else if (resource instanceof NetworkAttachment a) {
        attachments.add(a);
      } else if (resource instanceof DockerHost h) {
        hosts.add(h);
      } else if (resource instanceof DockerNetworkPolicy p) {
        policies.add(p);
      } else if (resource instanceof SubnetPool p) {
        pools.add(p);
      }
    }

    LoadResult result() {
      return new LoadResult(
          new Manifests(networks, attachments, hosts, policies, pools, locator), problems, skipped);
    }
  }
}
