package io.dockernet.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a recreate must put back, written to the engine before the recreate touches anything, so
 * that a crash between "remove the network" and "reconnect its endpoints" loses nothing: the next
 * round finds the journal and finishes the recreate. Docker is the store, so the journal is an
 * engine object: a configuration-only network (no bridge, no addresses, no IPAM pool) whose labels
 * hold the record. It is removed once every endpoint is back.
 *
 * @param project project of the network being recreated
 * @param owner {@code namespace/name} of the DockerNetwork
 * @param networkId the id of the network as it was before the recreate
 * @param network its settings before the recreate (put back if the new ones are refused)
 * @param endpoints every endpoint to restore, ours or not, with settings and assigned addresses
 */
public record RecreateJournal(
    String project,
    String owner,
    String networkId,
    NetworkConfig network,
    List<ObservedEndpoint> endpoints) {

  /** Label naming the network a journal is for; the journal's own name is only for people. */
  public static final String FOR_LABEL = Ownership.PREFIX + "recreate-of";

  /** Label holding the record as JSON. */
  public static final String DATA_LABEL = Ownership.PREFIX + "recreate-journal";

  public static final String NAME_PREFIX = "dockernet-journal-";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public RecreateJournal {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** The network this journal is for. */
  public String networkName() {
    return network.name();
  }

  /**
   * The config-only network that stores this journal, under a fresh name ({@code
   * dockernet-journal-<network>-<random>}): a later recreate of the same network writes its own
   * journal before the older one is dropped, so there is never a moment without a record.
   */
  public NetworkConfig toNetworkConfig() {
    String data;
    try {
      data = JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the recreate journal of " + networkName(), e);
    }
    String name = NAME_PREFIX + networkName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> labels =
        Map.of(
            Ownership.MANAGED_BY,
            Ownership.MANAGED_BY_VALUE,
            FOR_LABEL,
            networkName(),
            DATA_LABEL,
            data);
    return new NetworkConfig(
        name, "bridge", Map.of(), false, false, false, false, null, null, true, null, labels, null,
        Map.of(), List.of());
  }

  /** True for a journal network written by {@link #toNetworkConfig()}. */
  public static boolean isJournal(ObservedNetwork n) {
    Map<String, String> labels = n.config().labels();
    return n.config().configOnly() && Ownership.isManaged(labels) && labels.containsKey(FOR_LABEL);
  }

  /** The journal a network holds, if it is one and it can be read. */
  public static Optional<RecreateJournal> read(ObservedNetwork n) {
    if (!isJournal(n)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          JSON.readValue(n.config().labels().get(DATA_LABEL), RecreateJournal.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The network a journal network (by its name) serves, or null when the name is not a journal's.
   */
  public static String networkOfJournalName(String journalName) {
    if (journalName == null
        || !journalName.startsWith(NAME_PREFIX)
        || journalName.length() < NAME_PREFIX.length() + 10) {
      return null;
    }
    return journalName.substring(NAME_PREFIX.length(), journalName.length() - 9);
  }
}
