package io.dockernet.plan;

import io.dockernet.model.DesiredNetwork;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.Ownership;

/**
 * The planner's test for a network of ours, for stages that run before it (address planning): would
 * the planner leave the network as it is, or recreate it?
 */
public final class NetworkMatch {
  private NetworkMatch() {}

  /** Same spec hash, or no field the planner compares differs: no recreate. */
  public static boolean unchanged(DesiredNetwork desired, NetworkConfig observed) {
    String hash = desired.config().labels().get(Ownership.SPEC_HASH);
    if (hash != null && hash.equals(observed.labels().get(Ownership.SPEC_HASH))) {
      return true;
    }
    return NetworkDiff.strict(desired.config(), observed).isEmpty();
  }
}
