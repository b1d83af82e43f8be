package io.dockernet.cli;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.engine.DockerGateway;
import io.dockernet.engine.EngineException;
import io.dockernet.exec.ApplyReport;
import io.dockernet.exec.Converger;
import io.dockernet.exec.Executor;
import io.dockernet.exec.Outcome;
import io.dockernet.exec.ProgressListener;
import io.dockernet.exec.ResourceResult;
import io.dockernet.exec.Round;
import io.dockernet.manifest.Manifests;
import io.dockernet.model.DesiredState;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Action;
import io.dockernet.plan.Plan;
import io.dockernet.plan.PlanOptions;
import io.dockernet.plan.Reason;
import io.dockernet.policy.PolicyEnforcer;
import io.dockernet.pool.Allocation;
import io.dockernet.pool.DynamicRanges;
import io.dockernet.pool.HostRoutes;
import io.dockernet.pool.PoolAllocator;
import io.dockernet.validate.Problem;
import io.dockernet.validate.Validator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's part of a {@link Converger} round: manifests in; located problems, progress lines and
 * one result per resource out.
 */
final class Converge {
  private Converge() {}

  /**
   * Snapshot, engine-side validation, plan; throws {@link InvalidInputException} with the located
   * problems.
   */
  static Round plan(
      DockerGateway gateway,
      ManifestOptions manifests,
      Manifests loaded,
      PlanOptions options,
      boolean localEngine) {
    Round round =
        new Converger(gateway)
            .plan(source(manifests.project, loaded, options, localEngine), options);
    if (round.invalid()) {
      throw new InvalidInputException(round.problems());
    }
    return round;
  }

  /**
   * The manifests as a round's source. The rules that need the engine's view (overlaps with its
   * networks, its API version) are checked against the round's snapshot. In apply, networks that
   * ask for a pool get their subnets first: validation sees every network (those that got no block
   * as declared), the desired state only those that got their blocks, the plan names what it
   * allocated.
   *
   * @param localEngine the engine runs on this machine: its routes (LAN, VPN) are ranges pools must
   *     not hand out
   */
  static Converger.Source source(
      String project, Manifests manifests, PlanOptions options, boolean localEngine) {
    boolean pools =
        options.mode() == PlanOptions.Mode.APPLY && PoolAllocator.anyRequest(manifests.networks());
    boolean apply = options.mode() == PlanOptions.Mode.APPLY;
    return new Converger.Source() {
      private Allocation allocation;
      private DynamicRanges.Result ranges;

      @Override
      public List<Problem> check(Snapshot snapshot) {
        List<DockerNetwork> networks = manifests.networks();
        if (pools) {
          allocation =
              PoolAllocator.allocate(
                  new PoolAllocator.Input(
                      project,
                      manifests.networks(),
                      manifests.pools(),
                      snapshot,
                      localEngine ? HostRoutes.read() : List.of()));
          networks = allocation.forValidation();
        }
        List<Problem> problems =
            new ArrayList<>(
                Validator.validateAgainstEngine(
                    networks, manifests.attachments(), manifests.locator(), snapshot));
        if (!pools) {
          problems.addAll(
              Validator.validatePoliciesAgainstEngine(
                  manifests.policies(), networks, manifests.locator(), snapshot));
        }
        if (apply && problems.isEmpty()) {
          // Static addresses stay free: dynamic ranges for the networks created now.
          ranges =
              DynamicRanges.arrange(
                  project,
                  allocation == null ? manifests.networks() : allocation.networks(),
                  manifests.attachments(),
                  snapshot);
        }
        return problems;
      }

      @Override
      public DesiredState desired() {
        return DesiredState.from(
            project,
            ranges != null
                ? ranges.networks()
                : allocation == null ? manifests.networks() : allocation.networks(),
            manifests.attachments());
      }

      @Override
      public Snapshot visible(Snapshot snapshot) {
        return allocation == null ? snapshot : allocation.visible(snapshot);
      }

      @Override
      public Plan report(Plan plan) {
        Plan reported = allocation == null ? plan : allocation.report(plan);
        return ranges == null ? reported : ranges.report(reported);
      }
    };
  }

  /**
   * Executes a planned round; each finished action goes to {@code progress} when it is not null.
   */
  static ApplyReport apply(
      DockerGateway gateway, Round planned, Executor.Lanes lanes, Progress progress) {
    return new Converger(gateway)
        .apply(
            planned,
            new Executor(gateway, lanes),
            progress == null ? ProgressListener.NONE : progress)
        .report();
  }

  /**
   * Progress lines on a terminal, one per finished action, and which resources they showed (the
   * summary then does not repeat them).
   */
  static final class Progress implements ProgressListener {
    private final PrintWriter out;
    private final Colour colour;
    private final Set<ResourceRef> shown = ConcurrentHashMap.newKeySet();

    Progress(PrintWriter out, Colour colour) {
      this.out = out;
      this.colour = colour;
    }

    @Override
    public void actionDone(Action action, boolean ok, String message) {
      shown.add(action.resource());
      String line =
          (ok ? colour.verb(action.verb(), "  done  ") : colour.failed("  FAIL  "))
              + PlanView.headline(action)
              + (message == null || message.isEmpty() ? "" : " -- " + message);
      // Rounds of several hosts print here at once: one line at a time.
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    }

    Set<ResourceRef> shown() {
      return shown;
    }

    Colour colour() {
      return colour;
    }
  }

  private record Applied(ApplyReport report, PolicyEnforcer.Enforcement enforced) {}

  /**
   * apply and delete: plan and apply on every engine the manifests name (one round each, in
   * parallel), print one result per resource; exit 1 when any failed.
   */
  static int applyAndReport(
      CommandSpec spec,
      ManifestOptions manifests,
      Manifests loaded,
      EngineOptions engine,
      ParallelismOption parallelism,
      PlanOptions options,
      OutputFormat output) {
    List<Fleet.Target> targets = Fleet.targets(loaded, engine, System.getenv());
    PolicyStep policies = new PolicyStep();
    targets.forEach(t -> policies.preflight(t.manifests(), t.config()));
    Progress progress = output == OutputFormat.table ? progress(spec) : null;
    boolean delete = options.mode() == PlanOptions.Mode.DELETE;
    List<Applied> rounds =
        Fleet.each(
            targets,
            target -> {
              try (DockerGateway gateway = engine.connect(target.config())) {
                Round round =
                    plan(
                        gateway,
                        manifests,
                        target.manifests(),
                        options,
                        Fleet.local(target.config()));
                ApplyReport report = apply(gateway, round, parallelism.lanes(), progress);
                return new Applied(
                    report,
                    policies.run(
                        gateway,
                        target.manifests(),
                        manifests.project,
                        target.config(),
                        delete,
                        false));
              } catch (EngineException e) {
                if (targets.size() == 1) {
                  throw e; // one engine: the command's own error, as before fleets
                }
                return new Applied(hostFailed(spec, target, e), null);
              }
            });
    List<ResourceResult> results = new ArrayList<>();
    rounds.forEach(r -> results.addAll(r.report().results()));
    ApplyReport report = new ApplyReport(results);
    // Netfilter is this machine's: only the round on a local engine enforces policies.
    PolicyEnforcer.Enforcement enforced =
        rounds.stream().map(Applied::enforced).filter(e -> e != null).findFirst().orElse(null);
    if (output == OutputFormat.table || enforced == null) {
      if (progress == null) {
        ReportView.print(spec.commandLine().getOut(), report, output);
      } else {
        ReportView.printText(
            spec.commandLine().getOut(), report, progress.shown(), progress.colour());
      }
      PolicyStep.print(spec.commandLine().getOut(), enforced, loaded.policies(), false);
    } else {
      Map<String, Object> data = ReportView.data(report);
      data.putAll(PolicyStep.data(enforced));
      Json.print(spec.commandLine().getOut(), data, output);
    }
    return report.failed() || PolicyStep.failed(enforced) ? ExitCodes.ERROR : ExitCodes.OK;
  }

  /**
   * A fleet host whose round failed as a whole (unreachable, stuck past its timeouts): one line on
   * stderr naming it, and every resource it was to converge failed with that cause, so the other
   * hosts' results still print.
   */
  private static ApplyReport hostFailed(CommandSpec spec, Fleet.Target target, EngineException e) {
    boolean unreachable = e.reason() == EngineException.Reason.UNAVAILABLE;
    String message =
        target.label()
            + ": "
            + (unreachable ? "cannot reach the Docker engine: " : "")
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    PrintWriter err = spec.commandLine().getErr();
    synchronized (err) {
      err.println("dockernet: " + message);
      err.flush();
    }
    Reason reason = unreachable ? Reason.ENGINE_UNAVAILABLE : Reason.ENGINE_ERROR;
    Manifests m = target.manifests();
    List<ResourceResult> results = new ArrayList<>();
    for (List<? extends HasMetadata> kind : List.of(m.networks(), m.attachments())) {
      kind.forEach(
          r ->
              results.add(
                  new ResourceResult(
                      DesiredState.ref(r), Outcome.FAILED, reason, List.of(message))));
    }
    return new ApplyReport(results);
  }

  /**
   * Whether standard error is a terminal. Java 17 answers only for stdin and stdout ({@link
   * System#console()}), so on Linux read where file descriptor 2 points; elsewhere assume it
   * follows stdout.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return true;
    }
  }

  /**
   * Progress goes to stderr only on an interactive terminal (stdout and stderr both), so pipes and
   * -o json stay clean, and not with -q.
   */
  static Progress progress(CommandSpec spec) {
    picocli.CommandLine.Model.OptionSpec quiet = spec.findOption(QuietOption.NAME);
    if (quiet != null && Boolean.TRUE.equals(quiet.getValue())) {
      return null;
    }
    return System.console() != null && stderrIsTerminal()
        ? new Progress(spec.commandLine().getErr(), Colour.forTerminal(System.getenv()))
        : null;
  }
}
