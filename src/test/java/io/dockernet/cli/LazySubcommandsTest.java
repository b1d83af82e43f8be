package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A command line that names a subcommand builds only that one (start-up time), and everything a
 * user sees of the whole tree (help, suggestions for a mistyped name, completion) is unchanged.
 */
class LazySubcommandsTest {

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    assertThat(Main.commandLine("version").getSubcommands()).containsOnlyKeys("version");
    assertThat(Main.commandLine("--debug", "validate", "-f", "x").getSubcommands())
        .containsOnlyKeys("validate");
  }

  @Test
  void helpCompletionAndUnknownNamesGetTheWholeTree() {
    var all = Main.commandLine().getSubcommands().keySet();
    assertThat(all).contains("apply", "operator", "help", "completion");
    assertThat(Main.commandLine().getSubcommands().keySet()).isEqualTo(all);
    assertThat(Main.commandLine("help", "apply").getSubcommands().keySet()).isEqualTo(all);
    assertThat(Main.commandLine("completion", "bash").getSubcommands().keySet()).isEqualTo(all);
    assertThat(Main.commandLine("verison").getSubcommands().keySet()).isEqualTo(all);
  }

  @Test
  void aMistypedNameIsStillAnsweredWithSuggestions() {
    var err = new java.io.StringWriter();
    var cli = Main.commandLine("verison");
    cli.setErr(new java.io.PrintWriter(err, true));
    int exit = cli.execute("verison");
    assertThat(exit).isEqualTo(ExitCodes.ERROR);
    assertThat(err.toString()).contains("Did you mean: dockernet version");
  }
}
