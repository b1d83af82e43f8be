package io.dockernet.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.validate.Location;
import io.dockernet.validate.Locator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Locates fields of resources read from files. Resources are found by identity first, then by
 * kind/namespace/name (for copies of a loaded resource).
 */
final class FileLocator implements Locator {
  private final Map<HasMetadata, DocumentIndex> byIdentity = new IdentityHashMap<>();
  private final Map<String, DocumentIndex> byKey = new HashMap<>();
  private final Map<HasMetadata, JsonNode> documents = new IdentityHashMap<>();

  void add(HasMetadata resource, DocumentIndex index, JsonNode document) {
    byIdentity.put(resource, index);
    byKey.putIfAbsent(key(resource), index);
    documents.put(resource, document);
  }

  /** Only for the resource read from the document, not for copies: a copy may have changed. */
  @Override
  public JsonNode written(HasMetadata resource) {
    return documents.get(resource);
  }

  @Override
  public Location locate(HasMetadata resource, String path) {
    DocumentIndex index = byIdentity.get(resource);
    if (index == null) {
      index = byKey.get(key(resource));
    }
    return index == null ? null : index.valueOrParent(path == null ? "" : path);
  }

  private static String key(HasMetadata resource) {
    var meta = resource.getMetadata();
    return resource.getKind()
        + "/"
        + (meta == null ? "" : Objects.toString(meta.getNamespace(), ""))
        + "/"
        + (meta == null ? "" : meta.getName());
  }
}
