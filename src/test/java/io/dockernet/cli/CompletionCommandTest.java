package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Cli;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dockernet completion bash|zsh}: a script that bash really completes with. */
class CompletionCommandTest {
  @TempDir Path tmp;

  private String complete(Path script, String... words) {
    String array = String.join(" ", words);
    return Cli.run(
        "bash",
        "-c",
        "source \"$1\"; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE=\""
            + array
            + "\"; COMP_POINT=${#COMP_LINE}; _complete_dockernet; echo \"${COMPREPLY[@]}\"",
        "bash",
        script.toString());
  }

  @Test
  void bashCompletesCommandsOptionsAndValues() throws Exception {
    Run run = Dockernet.run("completion", "bash");
    assertThat(run.exit()).as(run.toString()).isZero();
    Path script = Files.writeString(tmp.resolve("dockernet.bash"), run.out());
    assertThat(complete(script, "dockernet", "pl")).isEqualTo("plan");
    assertThat(complete(script, "dockernet", "plan", "--detailed"))
        .isEqualTo("--detailed-exitcode");
    assertThat(complete(script, "dockernet", "completion", "")).isEqualTo("bash zsh");
    assertThat(complete(script, "dockernet", "get", "")).contains("networks", "attachments");
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashcompinitItself() {
    Run zsh = Dockernet.run("completion", "zsh");
    assertThat(zsh.exit()).isZero();
    assertThat(zsh.out()).contains("bashcompinit", "_complete_dockernet");
    Run fish = Dockernet.run("completion", "fish");
    assertThat(fish.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(fish.err()).contains("bash", "zsh", "See 'dockernet completion --help'.");
  }
}
