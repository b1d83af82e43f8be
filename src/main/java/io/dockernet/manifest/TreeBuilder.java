package io.dockernet.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dockernet.validate.Location;
import io.dockernet.validate.ManifestPath;
import io.dockernet.validate.Problem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one composed YAML document (SnakeYAML nodes, with their marks) into a Jackson tree and an
 * index of where every path was written. Refuses what plain manifests never need: tags other than
 * the standard ones, merge keys, non-scalar keys, duplicate keys, and documents that expand
 * (through aliases) beyond {@link #MAX_DEPTH} levels or {@link #MAX_VALUES} values.
 */
final class TreeBuilder {
  static final int MAX_DEPTH = 64;
  static final int MAX_VALUES = 100_000;

  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

  record Result(JsonNode tree, DocumentIndex index, List<Problem> problems) {}

  /** Thrown to abandon a document whose shape makes further reading pointless. */
  private static final class Abandon extends RuntimeException {
    Abandon() {
      super(null, null, false, false);
    }
  }

  private final String file;
  private final StandardScalars scalars;
  private final DocumentIndex index;
  private final List<Problem> problems = new ArrayList<>();
  private int values;

  private TreeBuilder(String file, StandardScalars scalars, Location start) {
    this.file = file;
    this.scalars = scalars;
    this.index = new DocumentIndex(start);
  }

  static Result build(String file, Node root, StandardScalars scalars) {
    TreeBuilder builder = new TreeBuilder(file, scalars, location(file, root.getStartMark()));
    JsonNode tree = null;
    try {
      tree = builder.convert(root, "", null, 0);
    } catch (Abandon stop) {
      tree = null;
    }
    return new Result(tree, builder.index, List.copyOf(builder.problems));
  }

  static Location location(String file, Mark mark) {
    return mark == null
        ? new Location(file, 1, 1)
        : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private JsonNode convert(Node node, String path, Location keyLocation, int depth) {
    if (depth > MAX_DEPTH) {
      problem(
          node,
          "",
          "nested more than "
              + MAX_DEPTH
              + " levels deep (through aliases?); "
              + "dockernet refuses such documents");
      throw new Abandon();
    }
    if (++values > MAX_VALUES) {
      problem(
          node,
          "",
          "the document expands to more than "
              + MAX_VALUES
              + " values through aliases; dockernet refuses it as an alias bomb");
      throw new Abandon();
    }
    Location at = location(file, node.getStartMark());
    if (node instanceof ScalarNode scalar) {
      index.put(path, new DocumentIndex.Entry(keyLocation, at, scalar.getValue()));
      return scalar(scalar, path);
    }
    index.put(path, new DocumentIndex.Entry(keyLocation, at, null));
    if (node instanceof SequenceNode sequence) {
      if (!sequence.getTag().equals(Tag.SEQ)) {
        return refuseTag(node, path);
      }
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        array.add(convert(items.get(i), ManifestPath.index(path, i), null, depth + 1));
      }
      return array;
    }
    if (node instanceof MappingNode mapping) {
      if (!mapping.getTag().equals(Tag.MAP)) {
        return refuseTag(node, path);
      }
      return mapping(mapping, path, depth);
    }
    problem(node, path, "unsupported YAML node " + node.getNodeId());
    return JsonNodeFactory.instance.nullNode();
  }

  private ObjectNode mapping(MappingNode mapping, String path, int depth) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    Map<String, Location> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        problem(keyNode, path, "merge keys (<<) are not supported; write the fields out");
        continue;
      }
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        problem(keyNode, path, "mapping keys must be plain strings, not a " + kind(keyNode));
        continue;
      }
      String key = keyScalar.getValue();
      Location keyLocation = location(file, keyNode.getStartMark());
      String childPath = ManifestPath.field(path, key);
      Location first = seen.putIfAbsent(key, keyLocation);
      if (first != null) {
        problems.add(
            new Problem(
                keyLocation,
                childPath,
                "duplicate key \""
                    + key
                    + "\" (first at line "
                    + first.line()
                    + "); remove one of them"));
        continue;
      }
      object.set(key, convert(tuple.getValueNode(), childPath, keyLocation, depth + 1));
    }
    return object;
  }

  private JsonNode scalar(ScalarNode node, String path) {
    Tag tag = node.getTag();
    if (!SCALAR_TAGS.contains(tag)) {
      return refuseTag(node, path);
    }
    Object value;
    try {
      value = scalars.value(node);
    } catch (RuntimeException e) {
      problem(node, path, "\"" + node.getValue() + "\" is not a valid " + shortTag(tag));
      return JsonNodeFactory.instance.nullNode();
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null) {
      return f.nullNode();
    } else if (value instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (value instanceof Integer i) {
      return f.numberNode(i);
    } else if (value instanceof Long l) {
      return f.numberNode(l);
    } else if (value instanceof BigInteger b) {
      return f.numberNode(b);
    } else if (value instanceof Double d) {
      return f.numberNode(d);
    }
    return f.textNode(node.getValue());
  }

  private JsonNode refuseTag(Node node, String path) {
    problem(
        node,
        path,
        "the tag "
            + shortTag(node.getTag())
            + " is not allowed: dockernet reads plain YAML "
            + "(strings, numbers, booleans, lists, mappings) and never creates objects from tags");
    return JsonNodeFactory.instance.nullNode();
  }

  static String shortTag(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }

  private static String kind(Node node) {
    return node instanceof MappingNode
        ? "mapping"
        : node instanceof SequenceNode ? "list" : "scalar";
  }

  private void problem(Node node, String path, String message) {
    problems.add(new Problem(location(file, node.getStartMark()), path, message));
  }
}
