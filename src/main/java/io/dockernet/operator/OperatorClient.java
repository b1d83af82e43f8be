package io.dockernet.operator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
