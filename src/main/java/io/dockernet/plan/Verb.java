package io.dockernet.plan;

/**
 * What an action does, in the words each reader needs: the plan ({@code + create}), a failure
 * ({@code creating}), an event or a report line ({@code created}, reason {@code Created}).
 */
public enum Verb {
  CREATE("+", "create", "creating", "created", "Created", Phase.CREATE, null),
  REMOVE("-", "remove", "removing", "removed", "Removed", Phase.REMOVE, null),
  RECREATE("~", "recreate", "recreating", "recreated", "Recreated", Phase.RECREATE, null),
  CONNECT("+", "connect", "connecting", "connected", "Connected", Phase.CONNECT, " to "),
  DISCONNECT(
      "-",
      "disconnect",
      "disconnecting",
      "disconnected",
      "Disconnected",
      Phase.DISCONNECT,
      " from "),
  BLOCKED("!", "blocked", "blocked", "blocked", "Changed", Phase.BLOCKED, null);

  private final String sign;
  private final String word;
  private final String doing;
  private final String done;
  private final String eventReason;
  private final Phase phase;
  private final String toNetwork;

  Verb(
      String sign,
      String word,
      String doing,
      String done,
      String eventReason,
      Phase phase,
      String toNetwork) {
    this.phase = phase;
    this.toNetwork = toNetwork;
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

  /** The phase an action with this verb runs in, unless the action says otherwise. */
  public Phase phase() {
    return phase;
  }

  /** Between container and network in an endpoint action's target ({@code " to "}), else null. */
  String toNetwork() {
    return toNetwork;
  }
}
