package io.dockernet.operator;

import io.dockernet.api.v1alpha1.DockerNetwork;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How long after its creation a DockerNetwork that may get a dynamic range waits before its first
 * round. {@code kubectl apply -f dir/} sends networks and attachments within milliseconds, in file
 * order, and each kind reaches its reconciler through its own informer: a network reconciled before
 * its attachments are in the cache would be created without a range, for good (Docker networks
 * cannot change), and a container started by hand could take a declared static address. The round
 * is rescheduled; no thread waits. Public for the fleet benchmark's controller floor, which waits
 * by the same rule.
 */
public final class AttachmentSettle {
  /** Covers one apply and the informers' delivery. */
  static final Duration WINDOW = Duration.ofSeconds(2);

  private static final Duration TIMESTAMP_RESOLUTION = Duration.ofSeconds(1);

  private AttachmentSettle() {}

  /**
   * What is left of {@link #WINDOW} for a network that may get a dynamic range: one with a config
   * entry that gives a subnet and no ipRange (pool networks allow no static addresses). Zero once
   * settled, and for every other network, so those are created at once. A network this young was
   * not created on the engine by this resource yet, so nothing else is held up.
   */
  public static Duration left(DockerNetwork resource, Instant now) {
    String created = resource.getMetadata().getCreationTimestamp();
    if (created == null
        || resource.getSpec() == null
        || resource.getSpec().getIpam() == null
        || resource.getSpec().getIpam().getConfig() == null
        || NetworkPools.asks(resource)
        || resource.getSpec().getIpam().getConfig().stream()
            .noneMatch(
                c ->
                    c != null
                        && c.getSubnet() != null
                        && !c.getSubnet().isEmpty()
                        && (c.getIpRange() == null || c.getIpRange().isEmpty()))) {
      return Duration.ZERO;
    }
    Instant settled;
    try {
      // API servers (and the mock) write creationTimestamp truncated to the second: the resource
      // may have been created up to a second later, so the window counts from the second's end.
      settled = Instant.parse(created).plus(TIMESTAMP_RESOLUTION).plus(WINDOW);
    } catch (DateTimeParseException e) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, settled);
    // A clock behind the API server's never waits longer than the window itself.
    Duration most = TIMESTAMP_RESOLUTION.plus(WINDOW);
    return left.isNegative() ? Duration.ZERO : left.compareTo(most) > 0 ? most : left;
  }
}
