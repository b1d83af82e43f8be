package io.dockernet.adopt;

import io.dockernet.validate.Location;
import io.dockernet.validate.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A Compose file as a tree that remembers where each value was written, with variables interpolated
 * in every scalar value (as Compose does) and several files merged in order.
 */
final class ComposeYaml {
  /** A value and where it was written. */
  sealed interface Value permits Scalar, Mapping, Sequence {
    Location at();
  }

  /** A scalar; {@code text} is null for YAML null (~, empty). */
  record Scalar(Location at, String text) implements Value {}

  record Mapping(Location at, Map<String, Value> entries, Map<String, Location> keys)
      implements Value {}

  record Sequence(Location at, List<Value> items) implements Value {}

  /** Thrown for the first thing that makes the file unreadable; carries where. */
  static final class Invalid extends RuntimeException {
    final Problem problem;

    Invalid(Problem problem) {
      super(problem.toString());
      this.problem = problem;
    }
  }

  private final String file;
  private final Interpolation interpolation;

  private ComposeYaml(String file, Interpolation interpolation) {
    this.file = file;
    this.interpolation = interpolation;
  }

  /**
   * Parses one file; throws {@link Invalid} on a syntax error, a bad variable or a top level that
   * is no mapping.
   */
  static Mapping parse(String file, String text, Interpolation interpolation) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(50);
    options.setCodePointLimit(8 * 1024 * 1024);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new Invalid(
          new Problem(
              location(file, mark), "", "invalid YAML: " + String.valueOf(e.getProblem()).trim()));
    } catch (YAMLException e) {
      throw new Invalid(
          new Problem(new Location(file, 1, 1), "", "invalid YAML: " + e.getMessage()));
    }
    if (root == null) {
      return new Mapping(new Location(file, 1, 1), new LinkedHashMap<>(), new LinkedHashMap<>());
    }
    Value value = new ComposeYaml(file, interpolation).value(root, "");
    if (!(value instanceof Mapping m)) {
      throw new Invalid(
          new Problem(value.at(), "", "a Compose file is a mapping (services:, networks:, ...)"));
    }
    return m;
  }

  private Value value(Node node, String path) {
    Location at = location(file, node.getStartMark());
    if (node instanceof MappingNode m) {
      Map<String, Value> entries = new LinkedHashMap<>();
      Map<String, Location> keys = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw new Invalid(
              new Problem(
                  location(file, t.getKeyNode().getStartMark()),
                  path,
                  "keys must be plain strings"));
        }
        if (k.getValue().equals("<<")) {
          throw new Invalid(
              new Problem(
                  location(file, k.getStartMark()), path, "merge keys (<<) are not supported"));
        }
        String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
        entries.put(k.getValue(), value(t.getValueNode(), child));
        keys.put(k.getValue(), location(file, k.getStartMark()));
      }
      return new Mapping(at, entries, keys);
    }
    if (node instanceof SequenceNode s) {
      List<Value> items = new ArrayList<>();
      for (int i = 0; i < s.getValue().size(); i++) {
        items.add(value(s.getValue().get(i), path + "[" + i + "]"));
      }
      return new Sequence(at, items);
    }
    ScalarNode s = (ScalarNode) node;
    if (s.getTag().equals(Tag.NULL)) {
      return new Scalar(at, null);
    }
    try {
      return new Scalar(at, interpolation.apply(s.getValue()));
    } catch (IllegalArgumentException e) {
      throw new Invalid(new Problem(at, path, e.getMessage()));
    }
  }

  /**
   * {@code over} on top of {@code base}, as Compose merges -f files: mappings key by key,
   * everything else replaced.
   */
  static Value merge(Value base, Value over) {
    if (base instanceof Mapping b && over instanceof Mapping o) {
      Map<String, Value> entries = new LinkedHashMap<>(b.entries());
      Map<String, Location> keys = new LinkedHashMap<>(b.keys());
      o.entries()
          .forEach(
              (k, v) -> {
                Value old = entries.get(k);
                entries.put(k, old == null ? v : merge(old, v));
                keys.put(k, o.keys().get(k));
              });
      return new Mapping(o.at(), entries, keys);
    }
    return over;
  }

  static Location location(String file, Mark mark) {
    return mark == null
        ? new Location(file, 1, 1)
        : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
