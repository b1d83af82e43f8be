package io.dockernet.cli;

import io.dockernet.manifest.Manifests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check manifests offline (no engine needed); every problem as file:line:column: path: message.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;

  @Override
  public Integer call() {
    Manifests loaded = manifests.load();
    spec.commandLine().getOut().printf("%d networks, %d attachments, %d hosts: valid.%n",
        loaded.networks().size(), loaded.attachments().size(), loaded.hosts().size());
    return ExitCodes.OK;
  }
}
