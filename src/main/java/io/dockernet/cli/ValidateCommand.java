package io.dockernet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.manifest.Manifests;
import io.dockernet.schema.CrdSchemaValidator;
import io.dockernet.validate.Problem;
import io.dockernet.validate.Problems;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check manifests offline (no engine needed) against our rules and the CRD schemas;"
            + " every problem as file:line:column: path: message. Meant as a CI step for manifest repositories.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestInputs manifests;

  @Override
  public Integer call() {
    // What an API server would check before storing them (types, enums, patterns, required fields).
    // Reading the CRDs needs nothing from the manifests: it runs on another core while they load.
    CompletableFuture<CrdSchemaValidator> crds =
        CompletableFuture.supplyAsync(CrdSchemaValidator::fromClasspath);
    Manifests loaded = manifests.load(spec.commandLine().getErr());
    CrdSchemaValidator schemas;
    try {
      schemas = crds.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata resource : loaded.all()) {
      // The document as written: it is what an API server checks, and serialising the bound
      // resource again cost more than the schema check itself (Jackson building serializers).
      JsonNode document = loaded.locator().written(resource);
      if (document == null) {
        document = Json.MAPPER.valueToTree(resource);
      }
      problems.addAll(schemas.validate(document, path -> loaded.locator().locate(resource, path)));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(Problems.sorted(problems));
    }
    spec.commandLine()
        .getOut()
        .printf(
            "%d networks, %d attachments, %d hosts: valid.%n",
            loaded.networks().size(), loaded.attachments().size(), loaded.hosts().size());
    return ExitCodes.OK;
  }
}
