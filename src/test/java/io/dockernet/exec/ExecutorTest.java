package io.dockernet.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.engine.CallCounter;
import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineEvents;
import io.dockernet.engine.EngineException;
import io.dockernet.engine.EngineException.Reason;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The executor's own logic — retries, ordering, parallelism bound, dependencies between actions,
 * one result per resource — on a scripted gateway. What the engine does is tested in ExecutorIT.
 */
class ExecutorTest {
  static final Executor.Retry FAST =
      new Executor.Retry(4, Duration.ofMillis(1), Duration.ofMillis(5));

  @Test
  void transientErrorsAreRetriedAndPermanentOnesAreNot() {
    ScriptedGateway engine = new ScriptedGateway();
    engine.failures.put("connect:a", new ArrayList<>(List.of(transientError(), transientError())));
    engine.failures.put(
        "connect:b",
        new ArrayList<>(List.of(new EngineException(Reason.BAD_REQUEST, 400, "bad alias", null))));
    Plan plan =
        new Plan(
            List.of(connect("att-a", "n1", "a"), connect("att-b", "n2", "b")),
            Set.of(ref("att-a"), ref("att-b")));

    ApplyReport report = new Executor(engine, 2, FAST).execute(plan, ProgressListener.NONE);

    assertThat(result(report, "att-a").outcome()).isEqualTo(Outcome.CONNECTED);
    assertThat(engine.attempts.get("connect:a")).hasValue(3);
    ResourceResult b = result(report, "att-b");
    assertThat(b.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(b.reason()).isEqualTo(io.dockernet.plan.Reason.INVALID);
    assertThat(engine.attempts.get("connect:b")).hasValue(1);
  }

  @Test
  void transientErrorsGiveUpAfterTheLastAttempt() {
    ScriptedGateway engine = new ScriptedGateway();
    engine.failures.put(
        "connect:a",
        new ArrayList<>(
            Collections.nCopies(10, new EngineException(Reason.UNAVAILABLE, 0, "down", null))));
    ApplyReport report =
        new Executor(engine, 1, FAST)
            .execute(
                new Plan(List.of(connect("att-a", "n1", "a")), Set.of(ref("att-a"))),
                ProgressListener.NONE);
    assertThat(result(report, "att-a").reason())
        .isEqualTo(io.dockernet.plan.Reason.ENGINE_UNAVAILABLE);
    assertThat(engine.attempts.get("connect:a")).hasValue(4);
  }

  @Test
  void phasesRunInSafeOrderAndNetworksInParallelWithinTheBound() {
    ScriptedGateway engine = new ScriptedGateway();
    engine.delay = Duration.ofMillis(20);
    List<Action> actions = new ArrayList<>();
    Set<ResourceRef> refs = new java.util.HashSet<>();
    for (int i = 0; i < 12; i++) {
      actions.add(connect("att-" + i, "n" + i, "c" + i));
      actions.add(new Action.CreateNetwork(ref("net-" + i), network("n" + i), "network missing"));
      refs.add(ref("att-" + i));
      refs.add(ref("net-" + i));
    }
    actions.add(new Action.Blocked(ref("blocked"), io.dockernet.plan.Reason.CONFLICT, "not ours"));
    refs.add(ref("blocked"));
    refs.add(ref("idle"));
    List<Action> heard = Collections.synchronizedList(new ArrayList<>());

    ApplyReport report =
        new Executor(engine, 3, FAST).execute(new Plan(actions, refs), (a, ok, m) -> heard.add(a));

    assertThat(engine.maxConcurrent.get()).isBetween(2, 3);
    int lastCreate =
        engine.log.lastIndexOf(
            engine.log.stream()
                .filter(s -> s.startsWith("create"))
                .reduce((x, y) -> y)
                .orElseThrow());
    int firstConnect =
        engine.log.indexOf(
            engine.log.stream().filter(s -> s.startsWith("connect")).findFirst().orElseThrow());
    assertThat(lastCreate).isLessThan(firstConnect);
    assertThat(heard).hasSize(actions.size());
    assertThat(report.results()).hasSize(refs.size());
    assertThat(result(report, "idle").outcome()).isEqualTo(Outcome.NOOP);
    assertThat(result(report, "blocked").outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result(report, "blocked").reason()).isEqualTo(io.dockernet.plan.Reason.CONFLICT);
  }

  @Test
  void oneContainersConnectsRunInPlanOrderOneAtATimeWhileContainersOverlap() {
    List<Action> actions = new ArrayList<>();
    Set<ResourceRef> refs = new java.util.HashSet<>();
    for (int c = 0; c < 4; c++) {
      for (int n = 0; n < 5; n++) {
        actions.add(connect("att-" + c + "-" + n, "n" + n, "c" + c));
        refs.add(ref("att-" + c + "-" + n));
      }
    }
    for (Executor.Lanes lanes : List.of(Executor.Lanes.DEFAULT, Executor.Lanes.of(1))) {
      ScriptedGateway engine = new ScriptedGateway();
      engine.delay = Duration.ofMillis(20);

      ApplyReport report =
          new Executor(engine, lanes, FAST).execute(new Plan(actions, refs), ProgressListener.NONE);

      assertThat(report.failed()).isFalse();
      assertThat(engine.maxOnOneContainer).as("calls on one container at once").hasValue(1);
      if (lanes.equals(Executor.Lanes.of(1))) {
        assertThat(engine.maxConcurrent).as("--parallelism 1").hasValue(1);
      } else {
        assertThat(engine.maxConcurrent.get()).as("containers side by side").isBetween(2, 4);
      }
      for (int c = 0; c < 4; c++) {
        String container = "c" + c;
        assertThat(engine.endpointLog.stream().filter(e -> e.startsWith(container + "/")))
            .as("plan order on %s", container)
            .containsExactly(
                container + "/n0",
                container + "/n1",
                container + "/n2",
                container + "/n3",
                container + "/n4");
      }
    }
  }

  @Test
  void dependentsOfAFailureFailAndTheMostSignificantOutcomeWins() {
    ScriptedGateway engine = new ScriptedGateway();
    engine.failures.put(
        "create:n1",
        new ArrayList<>(List.of(new EngineException(Reason.CONFLICT, 409, "exists", null))));
    engine.failures.put(
        "disconnect:b",
        new ArrayList<>(List.of(new EngineException(Reason.BAD_REQUEST, 400, "no", null))));
    engine.failures.put(
        "disconnect:c",
        new ArrayList<>(
            List.of(new EngineException(Reason.NOT_CONNECTED, 500, "is not connected", null))));
    List<Action> actions =
        List.of(
            new Action.Disconnect(ref("att-b"), "n2", "b", "b", true, "settings changed"),
            new Action.Disconnect(ref("att-c"), "n2", "c", "c", true, "no longer selected"),
            new Action.CreateNetwork(ref("net-1"), network("n1"), "network missing"),
            connect("att-a", "n1", "a"),
            connect("att-b", "n2", "b"),
            connect("att-d", "n2", "d"));
    Plan plan =
        new Plan(
            actions, Set.of(ref("net-1"), ref("att-a"), ref("att-b"), ref("att-c"), ref("att-d")));

    ApplyReport report = new Executor(engine, 2, FAST).execute(plan, ProgressListener.NONE);

    assertThat(result(report, "net-1").reason()).isEqualTo(io.dockernet.plan.Reason.CONFLICT);
    assertThat(result(report, "att-a").reason()).isEqualTo(io.dockernet.plan.Reason.NOT_FOUND);
    assertThat(result(report, "att-a").messages().get(0)).contains("could not be created");
    assertThat(result(report, "att-b").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result(report, "att-b").messages()).hasSize(2);
    assertThat(engine.log).doesNotContain("connect:a", "connect:b").contains("connect:d");
    assertThat(result(report, "att-c").outcome())
        .as("already disconnected counts as done")
        .isEqualTo(Outcome.DISCONNECTED);
    assertThat(result(report, "att-d").outcome()).isEqualTo(Outcome.CONNECTED);
  }

  // ---------------------------------------------------------------- helpers

  static ResourceRef ref(String name) {
    return new ResourceRef(
        name.startsWith("net") ? "DockerNetwork" : "NetworkAttachment", "default", name);
  }

  static Action.Connect connect(String attachment, String network, String container) {
    return new Action.Connect(
        ref(attachment), network, container, container, EndpointConfig.empty(), "not on network");
  }

  static NetworkConfig network(String name) {
    return new NetworkConfig(
        name, "bridge", null, false, false, false, false, null, null, false, null, null, null, null,
        null);
  }

  static EngineException transientError() {
    return new EngineException(Reason.ENGINE_ERROR, 500, "try again", null);
  }

  static ResourceResult result(ApplyReport report, String name) {
    return report.results().stream()
        .filter(r -> r.resource().equals(ref(name)))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Records calls, fails them as scripted ("kind:target" → errors to throw, in order), tracks
   * concurrency.
   */
  static final class ScriptedGateway implements DockerGateway {
    final Map<String, List<EngineException>> failures = new HashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    Duration delay = Duration.ZERO;

    private void call(String key) {
      attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      int now = running.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(delay.toMillis());
        synchronized (failures) {
          List<EngineException> scripted = failures.get(key);
          if (scripted != null && !scripted.isEmpty()) {
            throw scripted.remove(0);
          }
        }
        log.add(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public String createNetwork(NetworkConfig config) {
      call("create:" + config.name());
      return "id-" + config.name();
    }

    @Override
    public void removeNetwork(String network) {
      call("remove:" + network);
    }

    @Override
    public void connect(String network, String container, EndpointConfig endpoint) {
      onContainer(container, network, () -> call("connect:" + container));
    }

    @Override
    public void disconnect(String network, String container) {
      onContainer(container, network, () -> call("disconnect:" + container));
    }

    /** Calls in flight on one container at most, and each container's calls in order. */
    final AtomicInteger maxOnOneContainer = new AtomicInteger();

    final List<String> endpointLog = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> onContainer = new ConcurrentHashMap<>();

    private void onContainer(String container, String network, Runnable call) {
      AtomicInteger now = onContainer.computeIfAbsent(container, k -> new AtomicInteger());
      maxOnOneContainer.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        endpointLog.add(container + "/" + network);
        call.run();
      } finally {
        now.decrementAndGet();
      }
    }

    @Override
    public EngineInfo info() {
      return new EngineInfo("test", "1.41", "none", "scripted");
    }

    @Override
    public Snapshot snapshot() {
      return new Snapshot(info(), List.of(), List.of());
    }

    @Override
    public AutoCloseable events(EngineEvents listener) {
      return () -> {};
    }

    @Override
    public CallCounter calls() {
      return new CallCounter();
    }

    @Override
    public void close() {}
  }
}
