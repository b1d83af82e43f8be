package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.engine.EngineEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Engines#admit}/{@link Engines#release}: how many reconciler threads one host may hold, who
 * is woken when, and failing fast while a host's engine does not answer. No engine is opened.
 */
class HostGateTest {
  private final Engines engines =
      new Engines(
          config -> {
            throw new AssertionError("no engine is opened here");
          },
          new OperatorMetrics());
  private final List<String> woken = new ArrayList<>();
  private final List<String> resynced = new ArrayList<>();

  HostGateTest() {
    engines.addListener(
        new Engines.Listener() {
          @Override
          public void onEvent(String hostKey, EngineEvent event) {}

          @Override
          public void resync(String hostKey) {
            resynced.add(hostKey);
          }
        });
  }

  private final java.util.Set<String> gone = new java.util.HashSet<>();

  private Engines.Admission admit(String key, String who) {
    return engines.admit(
        key,
        who,
        () -> {
          if (gone.contains(who)) {
            return false;
          }
          woken.add(who);
          return true;
        });
  }

  @Test
  void aWaitingResourceThatIsGoneDoesNotEndTheChain() {
    admit("host/a", "r1");
    admit("host/a", "r2");
    admit("host/a", "r3");
    admit("host/a", "r4");
    gone.add("r3"); // deleted while it waited: its wake-up reconciles nothing

    engines.release("host/a", Engines.Outcome.REACHED, null);
    assertThat(woken).as("r3 is skipped, r4 is woken in its place").containsExactly("r4");
  }

  @Test
  void aHostHoldsAtMostTwoThreadsAndEachRoundThatEndsWakesTheNextInOrder() {
    assertThat(admit("host/a", "r1")).isInstanceOf(Engines.Admitted.class);
    assertThat(admit("host/a", "r2")).isInstanceOf(Engines.Admitted.class);
    assertThat(admit("host/a", "r3")).isInstanceOf(Engines.Deferred.class);
    assertThat(admit("host/a", "r4")).isInstanceOf(Engines.Deferred.class);
    assertThat(admit("host/a", "r3"))
        .as("deferred twice, woken once")
        .isInstanceOf(Engines.Deferred.class);
    // Another host is not affected.
    assertThat(admit("host/b", "s1")).isInstanceOf(Engines.Admitted.class);

    engines.release("host/a", Engines.Outcome.REACHED, null);
    assertThat(woken).containsExactly("r3");
    assertThat(admit("host/a", "r3")).isInstanceOf(Engines.Admitted.class);
    engines.release("host/a", Engines.Outcome.REACHED, null);
    engines.release("host/a", Engines.Outcome.REACHED, null);
    assertThat(woken).containsExactly("r3", "r4");
    assertThat(resynced).isEmpty();
  }

  @Test
  void anUnreachableEngineWakesEveryoneToFailAtOnceWhileOneRoundProbesIt() {
    admit("host/h", "r1");
    admit("host/h", "r2");
    admit("host/h", "r3");
    admit("host/h", "r4");

    engines.release("host/h", Engines.Outcome.UNREACHABLE, "cannot reach the engine at tcp://x");
    assertThat(woken).containsExactly("r3", "r4");
    // r2 still holds its thread (waiting for the engine's lock): the others fail without waiting.
    assertThat(admit("host/h", "r3"))
        .isEqualTo(new Engines.Unreachable("cannot reach the engine at tcp://x"));
    engines.release("host/h", Engines.Outcome.UNREACHABLE, "cannot reach the engine at tcp://x");

    // Nobody inside: the next round probes the engine; meanwhile the others still fail at once.
    assertThat(admit("host/h", "r4")).isInstanceOf(Engines.Admitted.class);
    assertThat(admit("host/h", "r1")).isInstanceOf(Engines.Unreachable.class);
    // A round that never went to the engine (refused) says nothing about it.
    engines.release("host/h", Engines.Outcome.NOT_TRIED, null);
    assertThat(resynced).isEmpty();

    assertThat(admit("host/h", "r4")).isInstanceOf(Engines.Admitted.class);
    engines.release("host/h", Engines.Outcome.REACHED, null);
    assertThat(resynced).as("back: every resource on it reconciled").containsExactly("host/h");
    assertThat(admit("host/h", "r1")).isInstanceOf(Engines.Admitted.class);
    assertThat(admit("host/h", "r2")).isInstanceOf(Engines.Admitted.class);
  }
}
