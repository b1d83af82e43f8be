package io.dockernet.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes resources as manifests a user would write: apiVersion, kind, metadata (name, namespace),
 * spec; no status, maps sorted, so that writing the same resources twice gives the same bytes.
 */
final class ResourceWriter {
  private ResourceWriter() {}

  /** One YAML document of {@code resource}. */
  static String yaml(HasMetadata resource) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", resource.getApiVersion());
    doc.put("kind", resource.getKind());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", resource.getMetadata().getName());
    if (resource.getMetadata().getNamespace() != null) {
      meta.put("namespace", resource.getMetadata().getNamespace());
    }
    doc.put("metadata", meta);
    if (resource instanceof CustomResource<?, ?> custom && custom.getSpec() != null) {
      // Through Jackson, so that field names and omitted nulls match what the reader expects.
      doc.put("spec", Json.MAPPER.convertValue(custom.getSpec(), Object.class));
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(160);
    return new Yaml(options).dump(doc);
  }

  /** Every resource as one stream of documents separated by {@code ---}. */
  static void print(PrintWriter out, List<? extends HasMetadata> resources) {
    for (int i = 0; i < resources.size(); i++) {
      if (i > 0) {
        out.print("---\n");
      }
      out.print(yaml(resources.get(i)));
    }
    out.flush();
  }

  /** One file per resource in {@code dir} ({@code kind-name.yaml}); returns the files written. */
  static List<Path> write(Path dir, List<? extends HasMetadata> resources) {
    try {
      Files.createDirectories(dir);
      List<Path> files = new java.util.ArrayList<>();
      for (HasMetadata r : resources) {
        Path file = dir.resolve(fileName(r));
        Files.writeString(file, yaml(r));
        files.add(file);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
    }
  }

  static String fileName(HasMetadata r) {
    String kind =
        switch (r.getKind()) {
          case "DockerNetwork" -> "network";
          case "NetworkAttachment" -> "attachment";
          default -> r.getKind().toLowerCase(Locale.ROOT);
        };
    return kind + "-" + r.getMetadata().getName() + ".yaml";
  }
}
