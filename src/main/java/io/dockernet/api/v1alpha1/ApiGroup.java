package io.dockernet.api.v1alpha1;

/** The API group and version of every kind this product defines. */
public final class ApiGroup {
  public static final String GROUP = "dockernet.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private ApiGroup() {}
}
