package io.dockernet.manifest;

import io.dockernet.validate.Location;
import io.dockernet.validate.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes the documents of one YAML stream into node trees (never into objects), with limits
 * against hostile input. A syntax error ends the stream: the documents before it are kept.
 */
final class YamlDocuments {
  static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
  static final int MAX_NESTING_DEPTH = TreeBuilder.MAX_DEPTH;

  record Result(List<Node> documents, Problem problem) {}

  private YamlDocuments() {}

  static LoaderOptions options(int codePointLimit) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(codePointLimit);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setProcessComments(false);
    // The default TagInspector refuses global tags such as !!java.lang.Runtime at compose time;
    // TreeBuilder also refuses every non-standard tag that gets through (local ones like !foo).
    return options;
  }

  static Result compose(String file, String text, LoaderOptions options) {
    StreamReader reader = new StreamReader(new StringReader(text));
    Composer composer = new Composer(new ParserImpl(reader, options), new Resolver(), options);
    List<Node> documents = new ArrayList<>();
    try {
      while (composer.checkNode()) {
        Node node = composer.getNode();
        if (node != null && !isEmpty(node)) {
          documents.add(node);
        }
      }
      return new Result(documents, null);
    } catch (ReaderException e) {
      return new Result(
          documents,
          new Problem(
              position(file, text, e.getPosition()),
              "",
              String.format(
                  "invalid YAML: the character U+%04X is not allowed (YAML forbids control characters)",
                  e.getCodePoint())));
    } catch (MarkedYAMLException e) {
      return new Result(documents, syntaxProblem(file, e));
    } catch (YAMLException e) {
      // Limits (aliases, nesting, size) are reported without a mark: use where the reader stopped.
      return new Result(
          documents,
          new Problem(TreeBuilder.location(file, reader.getMark()), "", limitMessage(e)));
    } catch (StackOverflowError e) {
      return new Result(
          documents,
          new Problem(
              TreeBuilder.location(file, reader.getMark()),
              "",
              "the document is nested too deeply to read"));
    }
  }

  /** Line and column of the code point at {@code position}. */
  private static Location position(String file, String text, int position) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0;
        i < text.length() && index < position;
        i += Character.charCount(text.codePointAt(i)), index++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Location(file, line, column);
  }

  /** An empty document ("---" alone, or only comments): skipped silently. */
  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.getValue().isEmpty();
  }

  private static Problem syntaxProblem(String file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() == null ? "" : e.getProblem().trim();
    String message;
    if (problem.startsWith("Global tag is not allowed:")) {
      String tag = problem.substring("Global tag is not allowed:".length()).trim();
      message =
          "the tag "
              + TreeBuilder.shortTag(new Tag(tag))
              + " is not allowed: dockernet reads plain YAML "
              + "(strings, numbers, booleans, lists, mappings) and never creates objects from tags";
    } else if (problem.contains("\\t(TAB)") || problem.contains("'\\t'")) {
      message = "invalid YAML: a tab character where YAML allows only spaces (indent with spaces)";
    } else if (problem.startsWith("found duplicate key")) {
      message = "invalid YAML: " + problem;
    } else {
      StringBuilder b = new StringBuilder("invalid YAML: ").append(problem);
      if (e.getContext() != null && e.getContextMark() != null && e.getContextMark() != mark) {
        b.append(" (")
            .append(e.getContext().trim())
            .append(" at line ")
            .append(e.getContextMark().getLine() + 1)
            .append(", column ")
            .append(e.getContextMark().getColumn() + 1)
            .append(')');
      }
      message = b.toString();
    }
    return new Problem(TreeBuilder.location(file, mark), "", message);
  }

  private static String limitMessage(YAMLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("Number of aliases")) {
      return "more than "
          + MAX_ALIASES_FOR_COLLECTIONS
          + " aliases to lists or mappings; dockernet refuses "
          + "such documents (an alias bomb expands them exponentially)";
    }
    if (m.contains("Nesting Depth")) {
      return "nested more than "
          + MAX_NESTING_DEPTH
          + " levels deep; dockernet refuses such documents";
    }
    if (m.contains("exceeds the limit")) {
      return "the input is too large: " + m;
    }
    if (m.toLowerCase().contains("recursive")) {
      return "recursive keys (a key that contains itself through an alias) are not allowed";
    }
    return "invalid YAML: " + m;
  }
}
