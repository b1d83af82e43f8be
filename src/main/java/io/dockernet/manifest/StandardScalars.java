package io.dockernet.manifest;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the value of a scalar of a standard YAML type (bool, int, float, null) with SnakeYAML's own
 * safe rules, so that {@code yes}, {@code 0x1F} or {@code 1_000} mean what YAML says. Only scalars
 * go through here; nothing is ever instantiated from a tag.
 */
final class StandardScalars extends SafeConstructor {

  StandardScalars(LoaderOptions options) {
    super(options);
  }

  /** Boolean, Integer/Long/BigInteger, Double or null; the text for any other tag. */
  Object value(ScalarNode node) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.BOOL)
        || tag.equals(Tag.INT)
        || tag.equals(Tag.FLOAT)
        || tag.equals(Tag.NULL)) {
      Construct construct = yamlConstructors.get(tag);
      return construct.construct(node);
    }
    return node.getValue();
  }
}
