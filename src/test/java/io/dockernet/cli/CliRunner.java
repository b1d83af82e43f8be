package io.dockernet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the CLI in-process, as a user would type it, capturing its output and exit code. */
final class CliRunner {
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private CliRunner() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Writes a manifest file (overwriting) and returns its directory. */
  static Path write(Path dir, String file, String yaml) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), yaml);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
