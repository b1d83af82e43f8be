package io.dockernet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/rbac.yaml against the committed recording of the operator's requests
 * (operator-requests.txt, one run of RbacMatchesRequestsIT, which fails unless its live run needs
 * exactly these grants): every request allowed, every grant used, without an engine.
 */
class RbacMatchesRequestsTest {
  static final Path FIXTURE = Path.of("src/test/java/io/dockernet/packaging/operator-requests.txt");

  static List<String> fixture() {
    try {
      return Files.readAllLines(FIXTURE).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void rbacAllowsEveryRecordedRequestAndGrantsNothingElse() {
    RbacRules rules = RbacRules.of(Path.of("deploy/rbac.yaml"));
    assertThat(fixture()).isNotEmpty();
    assertThat(rules.missing(fixture())).as("requests deploy/rbac.yaml does not allow").isEmpty();
    assertThat(rules.unused(fixture())).as("grants in deploy/rbac.yaml no request uses").isEmpty();
  }

  /**
   * The check fails both ways: each grant is needed by some recorded request, and an extra request
   * is caught.
   */
  @Test
  void everyGrantIsNeededAndAnUngrantedRequestIsCaught() {
    RbacRules rules = RbacRules.of(Path.of("deploy/rbac.yaml"));
    for (String line : fixture()) {
      Permission.parse(line)
          .ifPresent(
              p -> {
                List<String> without =
                    fixture().stream()
                        .filter(
                            l ->
                                Permission.parse(l)
                                    .map(q -> !q.grant().equals(p.grant()))
                                    .orElse(true))
                        .toList();
                assertThat(rules.unused(without))
                    .as("without the requests needing %s", p.grant())
                    .anySatisfy(u -> assertThat(u).endsWith(p.grant()));
              });
    }
    assertThat(
            rules.missing(
                List.of("DELETE /apis/dockernet.io/v1alpha1/namespaces/a/dockernetworks/n")))
        .hasSize(1);
    assertThat(rules.missing(List.of("PATCH /apis/dockernet.io/v1alpha1/dockerhosts/h")))
        .hasSize(1);
  }

  @Test
  void requestsMapToRbacAttributesLikeTheApiServer() {
    assertThat(
            Permission.parse(
                "GET /apis/dockernet.io/v1alpha1/dockernetworks?watch=true&resourceVersion=1"))
        .get()
        .isEqualTo(new Permission("watch", "dockernet.io", "dockernetworks", null));
    assertThat(Permission.parse("GET /apis/dockernet.io/v1alpha1/namespaces/a/dockernetworks/n"))
        .get()
        .isEqualTo(new Permission("get", "dockernet.io", "dockernetworks", "a"));
    assertThat(
            Permission.parse(
                "PATCH /apis/dockernet.io/v1alpha1/namespaces/a/dockernetworks/n/status"))
        .get()
        .isEqualTo(new Permission("patch", "dockernet.io", "dockernetworks/status", "a"));
    assertThat(Permission.parse("POST /api/v1/namespaces/a/events"))
        .get()
        .isEqualTo(new Permission("create", "", "events", "a"));
    assertThat(Permission.parse("GET /api/v1/namespaces/dockernet-system/secrets/tls"))
        .get()
        .isEqualTo(new Permission("get", "", "secrets", "dockernet-system"));
    assertThat(Permission.parse("PUT /apis/coordination.k8s.io/v1/namespaces/x/leases/l"))
        .get()
        .isEqualTo(new Permission("update", "coordination.k8s.io", "leases", "x"));
    assertThat(Permission.parse("POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews"))
        .isEmpty();
    assertThat(Permission.parse("GET /version")).isEmpty();
  }

  @Test
  void roleGrantsCountOnlyInTheOperatorsNamespace() {
    RbacRules rules = RbacRules.of(Path.of("deploy/rbac.yaml"));
    assertThat(rules.missing(List.of("GET /api/v1/namespaces/team-a/secrets/x"))).hasSize(1);
    assertThat(rules.missing(List.of("GET /api/v1/namespaces/dockernet-system/secrets/x")))
        .isEmpty();
    assertThat(rules.missing(List.of("GET /api/v1/namespaces/dockernet-system/secrets")))
        .as("no list")
        .hasSize(1);
  }
}
