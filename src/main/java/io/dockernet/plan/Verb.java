package io.dockernet.plan;

/**
 * What an action does, in the words each reader needs: the plan ({@code + create}), a failure
 * ({@code creating}), an event or a report line ({@code created}, reason {@code Created}).
 */
public enum Verb {
  CREATE("+", "create", "creating", "created", "Created"),
  REMOVE("-", "remove", "removing", "removed", "Removed"),
  RECREATE("~", "recreate", "recreating", "recreated", "Recreated"),
  CONNECT("+", "connect", "connecting", "connected", "Connected"),
  DISCONNECT("-", "disconnect", "disconnecting", "disconnected", "Disconnected"),
  BLOCKED("!", "blocked", "blocked", "blocked", "Changed");

  private final String sign;
  private final String word;
  private final String doing;
  private final String done;
  private final String eventReason;

  Verb(String sign, String word, String doing, String done, String eventReason) {
    this.sign = sign;
    this.word = word;
    this.doing = doing;
    this.done = done;
    this.eventReason = eventReason;
  }

  /** The sign before the action in a printed plan. */
  public String sign() {
    return sign;
  }

  /** The plan's word ({@code create}), also the {@code action} field of {@code plan -o json}. */
  public String word() {
    return word;
  }

  public String doing() {
    return doing;
  }

  public String done() {
    return done;
  }

  /** The reason of the Kubernetes Event that reports it done. */
  public String eventReason() {
    return eventReason;
  }
}
