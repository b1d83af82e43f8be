package io.dockernet.cli;

import io.dockernet.engine.EngineException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1: no stack traces
 * for users.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof EngineException engine
        && engine.reason() == EngineException.Reason.UNAVAILABLE) {
      message = "cannot reach the Docker engine: " + message;
    }
    if (e instanceof InvalidInputException invalid) {
      invalid.problems().forEach(p -> cli.getErr().println(p));
    }
    cli.getErr().println("dockernet: " + message);
    if (Main.debugFromEnvironment() || parsed.expandedArgs().contains("--debug")) {
      e.printStackTrace(cli.getErr());
    }
    return ExitCodes.ERROR;
  }
}
