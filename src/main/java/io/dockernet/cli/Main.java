package io.dockernet.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dockernet} command: standalone mode (files, no cluster) and the operator. */
@Command(
    name = "dockernet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description =
        "Declarative Docker networks: converge networks and container attachments to manifests.")
public final class Main implements Runnable {

  /**
   * The subcommands, in the order help lists them. Registered in {@link #commandLine(String...)}
   * rather than in the annotation, so that a command line naming one builds only that one: picocli
   * reflects over every registered command's options and mixins, and loads their types (the
   * operator's Kubernetes client, the watch loop...), which was a third of a short command's start.
   */
  private static final List<String> SUBCOMMANDS =
      List.of(
          "apply",
          "plan",
          "delete",
          "validate",
          "get",
          "watch",
          "export",
          "import",
          "version",
          "completion",
          "explain",
          "operator",
          "help");

  /** A new instance of one subcommand; classes are named here only, so they load on demand. */
  private static Object subcommand(String name) {
    return switch (name) {
      case "apply" -> new ApplyCommand();
      case "plan" -> new PlanCommand();
      case "delete" -> new DeleteCommand();
      case "validate" -> new ValidateCommand();
      case "get" -> new GetCommand();
      case "watch" -> new WatchCommand();
      case "export" -> new ExportCommand();
      case "import" -> new ImportCommand();
      case "version" -> new VersionCommand();
      case "completion" -> new CompletionCommand();
      case "explain" -> new ExplainCommand();
      case "operator" -> new OperatorCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

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
    java.util.OptionalInt relaunched = Relaunch.intoArchive(args);
    if (relaunched.isPresent()) {
      System.exit(relaunched.getAsInt());
    }
    quietLibraries(args);
    Warmup.start(args);
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
    return commandLine(args).execute(args);
  }

  /** The whole command tree (help, completion, documentation tests). */
  public static CommandLine commandLine() {
    return build(SUBCOMMANDS);
  }

  /**
   * The tree {@code args} needs: only the subcommand they name when they name one that needs no
   * other (its own help included); the whole tree otherwise ({@code help}, {@code completion}, no
   * subcommand, a mistyped one that picocli answers with suggestions).
   */
  public static CommandLine commandLine(String... args) {
    String named = named(args);
    boolean alone =
        named != null
            && SUBCOMMANDS.contains(named)
            && !named.equals("help")
            && !named.equals("completion");
    return build(alone ? List.of(named) : SUBCOMMANDS);
  }

  /** The first argument that is not an option: the subcommand named, if any; else null. */
  static String named(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  private static CommandLine build(List<String> names) {
    CommandLine cli = new CommandLine(new Main());
    for (String name : names) {
      cli.addSubcommand(name, subcommand(name));
    }
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
