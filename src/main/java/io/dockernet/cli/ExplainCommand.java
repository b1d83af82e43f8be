package io.dockernet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.schema.CrdSchemaValidator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Document a kind or one of its fields, from the CRD schemas in this jar (no cluster needed),"
          + " in kubectl explain's shape.",
      "Examples: dockernet explain dockernetwork; dockernet explain dnet.spec.ipam.config"
    })
final class ExplainCommand implements Callable<Integer> {
  private static final int WIDTH = 80;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "KIND[.FIELD.PATH]",
      description =
          "A kind (name, plural or short name, any case) and optionally a dotted field path.")
  String what;

  @Override
  public Integer call() {
    String[] parts = what.split("\\.");
    JsonNode crd = find(parts[0]);
    JsonNode version = crd.at("/spec/versions/0");
    JsonNode node = version.at("/schema/openAPIV3Schema");
    String field = null;
    List<String> path = new ArrayList<>();
    boolean required = false;
    for (int i = 1; i < parts.length; i++) {
      JsonNode object = node.has("items") ? node.get("items") : node;
      JsonNode next = object.path("properties").get(parts[i]);
      if (next == null) {
        Set<String> fields = new TreeSet<>();
        object.path("properties").fieldNames().forEachRemaining(fields::add);
        throw new InvalidInputException(
            "field \""
                + parts[i]
                + "\" does not exist in "
                + String.join(".", kind(crd), String.join(".", path)).replaceAll("\\.$", "")
                + (fields.isEmpty()
                    ? " (it has no fields)"
                    : "; its fields: " + String.join(", ", fields)));
      }
      required = contains(object.path("required"), parts[i]);
      path.add(parts[i]);
      field = parts[i];
      node = next;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("GROUP:      " + crd.at("/spec/group").asText());
    out.println("KIND:       " + kind(crd));
    out.println("VERSION:    " + version.path("name").asText());
    out.println();
    if (field != null) {
      out.println("FIELD: " + field + " <" + type(node) + ">" + (required ? " -required-" : ""));
      out.println();
    }
    out.println("DESCRIPTION:");
    wrap(
        out,
        node.path("description")
            .asText(
                field == null
                    ? kind(crd) + " (" + crd.at("/spec/scope").asText() + ")"
                    : "<empty>"),
        "    ");
    JsonNode object = node.has("items") ? node.get("items") : node;
    if (object.has("properties")) {
      out.println();
      out.println("FIELDS:");
      Set<String> names = new TreeSet<>();
      object.path("properties").fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.path("properties").get(name);
        out.println(
            "  "
                + name
                + "\t<"
                + type(child)
                + ">"
                + (contains(object.path("required"), name) ? " -required-" : ""));
        wrap(out, child.path("description").asText(""), "    ");
        out.println();
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static JsonNode find(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    List<String> known = new ArrayList<>();
    for (JsonNode crd : CrdSchemaValidator.crdsOnClasspath()) {
      JsonNode names = crd.at("/spec/names");
      known.add(names.path("kind").asText());
      List<String> all =
          new ArrayList<>(
              List.of(
                  names.path("kind").asText(),
                  names.path("plural").asText(),
                  names.path("singular").asText()));
      names.path("shortNames").forEach(s -> all.add(s.asText()));
      if (all.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted))) {
        return crd;
      }
    }
    throw new InvalidInputException(
        "the server doesn't have a resource type \""
            + name
            + "\" (kubectl's words;"
            + " this jar knows "
            + String.join(", ", known)
            + ")");
  }

  private static String kind(JsonNode crd) {
    return crd.at("/spec/names/kind").asText();
  }

  private static String type(JsonNode node) {
    if (node.path("x-kubernetes-int-or-string").asBoolean()) {
      return "IntOrString";
    }
    String type = node.path("type").asText("Object");
    return switch (type) {
      case "array" -> "[]" + type(node.path("items"));
      case "object" ->
          node.has("additionalProperties") && !node.has("properties")
              ? "map[string]" + type(node.get("additionalProperties"))
              : "Object";
      default -> type;
    };
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode v : array) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static void wrap(PrintWriter out, String text, String indent) {
    for (String paragraph : text.split("\n")) {
      StringBuilder line = new StringBuilder(indent);
      for (String word : paragraph.split(" ")) {
        if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
          out.println(line);
          line = new StringBuilder(indent);
        }
        line.append(line.length() > indent.length() ? " " : "").append(word);
      }
      out.println(line);
    }
  }
}
