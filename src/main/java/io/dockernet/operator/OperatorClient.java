package io.dockernet.operator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;
import java.io.IOException;

/**
 * The operator's Kubernetes client. Its informers hold every watched resource, and each resource
 * read from JSON repeats the same short values in strings of its own: namespace, finalizer,
 * apiVersion, label values, condition types, statuses and reasons, host names. A heap dump of the
 * operator at 9,500 DockerNetworks had 12.8 MB of its 56 MB in such duplicates (1.3 KiB per
 * resource), so short strings are interned as they are read: one copy of each value.
 */
public final class OperatorClient {
  /** Longer values (messages, ids) are mostly unique: interning them would save nothing. */
  static final int INTERN_MAX_LENGTH = 64;

  private OperatorClient() {}

  /** A client as {@code new KubernetesClientBuilder().build()}, with interning serialization. */
  public static KubernetesClient build() {
    return new KubernetesClientBuilder().withKubernetesSerialization(serialization()).build();
  }

  static KubernetesSerialization serialization() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(
                new SimpleModule("dockernet-interned-strings")
                    .addDeserializer(String.class, new Interning()));
    return new KubernetesSerialization(mapper, true);
  }

  /**
   * The copy JOSDK hands each reconcile (so that it can change its copy freely). JOSDK's own writes
   * the resource out as JSON text and parses it back with the client's serialization; this one
   * converts through Jackson's token buffer (no text to write and parse) without interning (a copy
   * lives for one reconcile). A resync reconciles every resource: at 10,000 DockerNetworks the
   * copies were a fifth of its CPU.
   */
  static Cloner cloner() {
    KubernetesSerialization plain = new KubernetesSerialization();
    return new Cloner() {
      @Override
      @SuppressWarnings("unchecked")
      public <R extends HasMetadata> R clone(R object) {
        return (R) plain.convertValue(object, object.getClass());
      }
    };
  }

  /** Jackson's string reading, short results interned. */
  static final class Interning extends StringDeserializer {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String s = super.deserialize(p, ctxt);
      return s != null && s.length() <= INTERN_MAX_LENGTH ? s.intern() : s;
    }
  }
}
