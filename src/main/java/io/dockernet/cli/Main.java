package io.dockernet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dockernet} command: standalone mode (files, no cluster) and the operator. */
@Command(
    name = "dockernet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description =
        "Declarative Docker networks: converge networks and container attachments to manifests.",
    subcommands = {
      ApplyCommand.class,
      PlanCommand.class,
      DeleteCommand.class,
      ValidateCommand.class,
      GetCommand.class,
      WatchCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      ExplainCommand.class,
      OperatorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment variable that turns on --debug. */
  static final String DEBUG_ENV = "DOCKERNET_DEBUG";

  @CommandLine.Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Print library log lines and stack traces on stderr (also: " + DEBUG_ENV + "=1).")
  boolean debug;

  public static void main(String[] args) {
    quietLibraries(args);
    System.exit(run(args));
  }

  /**
   * The libraries' log lines (HTTP retries, Kubernetes client) are for debugging, not for users of
   * the CLI: off unless --debug or DOCKERNET_DEBUG. The operator is a service and keeps its INFO
   * log; -Dorg.slf4j.simpleLogger.defaultLogLevel still wins.
   */
  static void quietLibraries(String[] args) {
    String level = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(level) != null) {
      return;
    }
    if (debug(args)) {
      System.setProperty(level, "debug");
    } else if (args.length == 0 || !args[0].equals("operator")) {
      System.setProperty(level, "off");
    }
  }

  static boolean debug(String[] args) {
    return java.util.Arrays.asList(args).contains("--debug") || debugFromEnvironment();
  }

  static boolean debugFromEnvironment() {
    String value = System.getenv(DEBUG_ENV);
    return value != null && !value.isEmpty() && !value.equals("0");
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
