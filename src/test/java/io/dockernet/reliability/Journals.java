package io.dockernet.reliability;

import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.RecreateJournal;
import io.dockernet.testing.TestEngine;

/** A crashed run may leave recreate journals of its networks (config-only, no test label). */
final class Journals {
  private Journals() {}

  /** Removes the journals of networks named with this test run's prefix. */
  static void removeLeftovers(TestEngine engine) {
    for (ObservedNetwork n : engine.gateway().snapshot().networks()) {
      String target = n.config().labels().getOrDefault(RecreateJournal.FOR_LABEL, "");
      if (RecreateJournal.isJournal(n) && target.startsWith(engine.prefix())) {
        engine.dockerResult("network", "rm", n.id());
      }
    }
  }
}
