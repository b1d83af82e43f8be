package io.dockernet.cli;

import io.dockernet.engine.DockerGateway;
import io.dockernet.model.EngineInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the dockernet version and, when reachable, the engine's.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println(
        "dockernet " + version() + " (API dockernet.io/v1alpha1, Java " + Runtime.version() + ")");
    try (DockerGateway gateway = engine.connect()) {
      EngineInfo info = gateway.info();
      out.println(
          "engine "
              + info.engineVersion()
              + " (API "
              + info.apiVersion()
              + ", swarm "
              + info.swarmRole()
              + ")");
    } catch (RuntimeException e) {
      out.println("engine unreachable: " + e.getMessage());
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** For --version on every command. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dockernet " + version()};
    }
  }
}
