package io.dockernet.cli;

import static io.dockernet.testing.Dockernet.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get}: names, --project, -l, and -o table|wide|name|json|yaml as kubectl users expect.
 * Subnets: 10.201.48.0/20.
 */
class GetIT {
  @RegisterExtension static final TestEngine engine = new TestEngine();

  @TempDir Path tmp;

  @Test
  void namesProjectSelectorAndEveryFormat() throws Exception {
    String project = engine.prefix() + "-get";
    String web = engine.name("get-web");
    String db = engine.name("get-db");
    String foreign = engine.name("get-foreign");
    engine.removeNetworkAfter(web);
    engine.removeNetworkAfter(db);
    engine.createUnmanagedNetwork(foreign, "--subnet", "10.201.50.0/24", "--label", "tier=web");
    StringBuilder yaml =
        new StringBuilder(
            """
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: web
        spec:
          name: %s
          labels: {tier: web}
          ipam: {config: [{subnet: 10.201.48.0/24}]}
        ---
        apiVersion: dockernet.io/v1alpha1
        kind: DockerNetwork
        metadata:
          name: db
        spec:
          name: %s
          labels: {tier: db}
          ipam: {config: [{subnet: 10.201.49.0/24}]}
        """
                .formatted(web, db));
    for (int i = 0; i < 4; i++) {
      String c = engine.name("get-member-" + i);
      engine.runContainer(c);
      yaml.append(
          "---\n"
              + """
          apiVersion: dockernet.io/v1alpha1
          kind: NetworkAttachment
          metadata:
            name: member-%d
          spec:
            network: %s
            container: %s
          """
                  .formatted(i, web, c));
    }
    Path dir = Dockernet.write(tmp, "m.yaml", yaml.toString());
    Run applied = run("apply", "-f", dir.toString(), "--project", project);
    assertThat(applied.exit()).as(applied.toString()).isZero();

    Run byProject = run("get", "networks", "--project", project, "-o", "name");
    assertThat(byProject.out().lines().toList()).containsExactly("network/" + db, "network/" + web);

    Run byName = run("get", "networks", web, foreign, "-o", "name");
    assertThat(byName.out().lines().toList())
        .containsExactly("network/" + foreign, "network/" + web);

    Run bySelector = run("get", "networks", web, db, foreign, "-l", "tier=web", "-o", "name");
    assertThat(bySelector.out().lines().toList())
        .containsExactly("network/" + foreign, "network/" + web);
    assertThat(
            run("get", "networks", "--project", project, "-l", "tier!=web", "-o", "name")
                .out()
                .strip())
        .isEqualTo("network/" + db);

    Run table = run("get", "networks", web);
    assertThat(table.out())
        .contains("NAME", web, "4 containers")
        .doesNotContain(engine.name("get-member-0"));
    Run wide = run("get", "networks", web, "-o", "wide");
    assertThat(wide.out()).contains("ID", engine.name("get-member-0"), engine.name("get-member-3"));

    JsonNode json = Json.MAPPER.readTree(run("get", "networks", web, db, "-o", "json").out());
    assertThat(json.get("kind").asText()).isEqualTo("List");
    assertThat(json.get("items")).hasSize(2);
    assertThat(json.at("/items/1/name").asText()).isEqualTo(web);
    assertThat(json.at("/items/1/containers")).hasSize(4);
    // Keys sorted, as kubectl -o json|yaml prints a List.
    assertThat(run("get", "networks", web, "-o", "yaml").out())
        .startsWith("items:\n- ")
        .contains("\nkind: List\n");

    Run endpoints = run("get", "attachments", web, "-o", "name");
    assertThat(endpoints.out().lines())
        .hasSize(4)
        .allMatch(l -> l.startsWith("attachment/" + web + "/"));
    JsonNode attachments = Json.MAPPER.readTree(run("get", "attachments", web, "-o", "json").out());
    assertThat(attachments.get("kind").asText()).isEqualTo("List");
    assertThat(attachments.at("/items/0/network").asText()).isEqualTo(web);

    Run missing = run("get", "networks", web, "no-such-network-" + engine.prefix(), "-o", "name");
    assertThat(missing.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.out().strip()).isEqualTo("network/" + web);
    assertThat(missing.err())
        .contains("network \"no-such-network-" + engine.prefix() + "\" not found");

    Run badSelector = run("get", "networks", "-l", "a in (");
    assertThat(badSelector.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(badSelector.err()).contains("-l/--selector", "See 'dockernet get --help'.");
  }
}
