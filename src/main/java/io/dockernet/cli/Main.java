package io.dockernet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dockernet} command: standalone mode (files, no cluster) and the operator. */
@Command(
    name = "dockernet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Declarative Docker networks: converge networks and container attachments to manifests.",
    subcommands = {
      ApplyCommand.class,
      PlanCommand.class,
      DeleteCommand.class,
      ValidateCommand.class,
      GetCommand.class,
      WatchCommand.class,
      VersionCommand.class,
      io.dockernet.operator.OperatorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
