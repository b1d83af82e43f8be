package io.dockernet.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker is the store: these labels (on networks) and this endpoint driver option (on endpoints,
 * which cannot carry labels) say what this product created and on whose behalf.
 */
public final class Ownership {
  public static final String PREFIX = "io.dockernet.";
  public static final String MANAGED_BY = PREFIX + "managed-by";
  public static final String MANAGED_BY_VALUE = "dockernet";

  /** The standalone project name, or the operator's project ("k8s" unless configured). */
  public static final String PROJECT = PREFIX + "project";

  /** {@code namespace/name} of the resource that declared the network. */
  public static final String OWNER = PREFIX + "owner";

  /** Hash of the Docker-immutable settings, so a changed spec is visible at a glance. */
  public static final String SPEC_HASH = PREFIX + "spec-hash";

  /** Endpoint driver option carrying {@code project/namespace/name} of the NetworkAttachment. */
  public static final String ENDPOINT_OWNER_OPT = PREFIX + "owner";

  private Ownership() {}

  public static boolean isManaged(Map<String, String> labels) {
    return MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY));
  }

  /** Our labels for a network owned by {@code ref} in {@code project}. */
  public static Map<String, String> networkLabels(
      String project, ResourceRef ref, String specHash) {
    return Map.of(
        MANAGED_BY, MANAGED_BY_VALUE, PROJECT, project, OWNER, ref.key(), SPEC_HASH, specHash);
  }

  /** The endpoint owner marker for an attachment in {@code project}. */
  public static String endpointOwner(String project, ResourceRef ref) {
    return project + "/" + ref.key();
  }

  /** User labels only: ours removed. */
  public static Map<String, String> withoutOurs(Map<String, String> labels) {
    Map<String, String> result = new TreeMap<>(labels);
    result.keySet().removeIf(k -> k.startsWith(PREFIX));
    return result;
  }

  /** A short, stable hash of the immutable settings of a network (our labels excluded). */
  public static String specHash(NetworkConfig config) {
    String canonical =
        String.join(
            "\u0000",
            config.name(),
            config.driver(),
            new TreeMap<>(config.options()).toString(),
            String.valueOf(config.internal()),
            String.valueOf(config.attachable()),
            String.valueOf(config.ingress()),
            String.valueOf(config.enableIPv6()),
            String.valueOf(config.enableIPv4()),
            String.valueOf(config.scope()),
            String.valueOf(config.configOnly()),
            String.valueOf(config.configFrom()),
            withoutOurs(config.labels()).toString(),
            String.valueOf(config.ipamDriver()),
            new TreeMap<>(config.ipamOptions()).toString(),
            config.ipamPools().toString());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
