package io.dockernet.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a crash test observed, round by round. The summary line it writes (one per scenario into
 * target/reliability/crash-summary.txt, quoted by docs/reliability.md) is made only of these
 * counts: rounds whose process really died by the kill, rounds that finished before the chosen
 * event (not crashes, reported apart), recoveries, endpoints missing after recovery and unmanaged
 * lines that differ. Record before asserting, so that a failing round still shows its figures.
 */
final class CrashTally {
  static final Path SUMMARY = Path.of("target", "reliability", "crash-summary.txt");

  private final String scenario;
  private final List<String> killedAfter = new ArrayList<>();
  private int killed;
  private int notKilled;
  private int recoveries;
  private int endpointsLost;
  private int unmanagedTouched;

  CrashTally(String scenario) {
    this.scenario = scenario;
  }

  /**
   * One round's kill: {@code died} when the process ended by our signal, not by finishing first.
   */
  void kill(boolean died, int seen, int target) {
    if (died) {
      killed++;
    } else {
      notKilled++;
    }
    killedAfter.add(seen + "/" + target + (died ? "" : " (finished first)"));
  }

  String lastKill() {
    return killedAfter.isEmpty() ? "" : killedAfter.get(killedAfter.size() - 1);
  }

  /** Endpoints (container -> description) that are gone or changed after the recovery. */
  int endpoints(Map<String, String> before, Map<String, String> after) {
    int lost =
        (int)
            before.entrySet().stream()
                .filter(e -> !Objects.equals(e.getValue(), after.get(e.getKey())))
                .count();
    endpointsLost += lost;
    return lost;
  }

  /** Endpoints expected ("container on network") that the engine does not have. */
  int endpoints(Collection<String> expected, Set<String> present) {
    int lost = (int) expected.stream().filter(e -> !present.contains(e)).count();
    endpointsLost += lost;
    return lost;
  }

  /** Lines of what the product does not own that appeared or vanished. */
  int unmanaged(EngineState before, EngineState after) {
    Set<String> gone = new HashSet<>(before.lines());
    gone.removeAll(after.lines());
    Set<String> added = new HashSet<>(after.lines());
    added.removeAll(before.lines());
    unmanagedTouched += gone.size() + added.size();
    return gone.size() + added.size();
  }

  void recovered() {
    recoveries++;
  }

  String line(String detail) {
    return "%s crashes=%d not-killed=%d recoveries=%d endpoints-lost=%d unmanaged-touched=%d killed after events (seen/target): %s%s"
        .formatted(
            scenario,
            killed,
            notKilled,
            recoveries,
            endpointsLost,
            unmanagedTouched,
            killedAfter,
            detail.isEmpty() ? "" : " " + detail);
  }

  synchronized void record(String detail) throws IOException {
    String line = line(detail) + System.lineSeparator();
    synchronized (CrashTally.class) {
      Files.createDirectories(SUMMARY.getParent());
      Files.writeString(SUMMARY, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.out.print("CRASH SUMMARY " + line);
  }
}
