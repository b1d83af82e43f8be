package io.dockernet.reliability;

import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineEvent;
import io.dockernet.engine.EngineEvents;
import java.util.function.Predicate;

/**
 * Times a crash by the engine's event stream: counts the network events {@code counts} accepts and
 * runs the kill right after the {@code killAt}-th, so that the crash lands between two engine calls
 * of the process under test, at a point chosen by the caller (randomly).
 */
final class KillAfterEvents implements AutoCloseable {
  private final int killAt;
  private final Predicate<EngineEvent> counts;
  private final AutoCloseable subscription;
  private int seen;
  private Runnable kill;
  private boolean due;

  /** Subscribes at once; {@link #arm} names what to kill once the process is started. */
  KillAfterEvents(DockerGateway gateway, int killAt, Predicate<EngineEvent> counts) {
    this.killAt = killAt;
    this.counts = counts;
    this.subscription =
        gateway.events(
            new EngineEvents() {
              @Override
              public void onEvent(EngineEvent e) {
                count(e);
              }

              @Override
              public void resync() {}
            });
  }

  private synchronized void count(EngineEvent e) {
    if ("network".equals(e.type()) && counts.test(e) && ++seen == killAt) {
      due = true;
      if (kill != null) {
        kill.run();
      }
    }
  }

  /** Sets the kill; runs it now if the event came before the process handle did. */
  synchronized void arm(Runnable kill) {
    this.kill = kill;
    if (due) {
      kill.run();
    }
  }

  synchronized int seen() {
    return seen;
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
