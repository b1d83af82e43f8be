package io.dockernet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error (unknown or missing option, bad value) prints the error and one line pointing at
 * --help, and exits 1 like every other error: picocli's 2 would read as "changes pending" to a
 * pipeline that runs {@code plan --detailed-exitcode}.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("dockernet: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See '" + cli.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.ERROR;
  }
}
