package io.dockernet.plan;

/** One field that differs between the engine and the spec: {@code field: from -> to}. */
public record FieldChange(String field, String from, String to) {
  @Override
  public String toString() {
    return field + ": " + from + " -> " + to;
  }
}
