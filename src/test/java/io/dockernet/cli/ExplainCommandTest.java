package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.testing.Dockernet;
import io.dockernet.testing.Dockernet.Run;
import org.junit.jupiter.api.Test;

/**
 * {@code dockernet explain}: field documentation from the CRDs in the jar, offline, shaped like
 * kubectl explain.
 */
class ExplainCommandTest {
  @Test
  void aKindByAnyOfItsNamesListsItsTopLevelFields() {
    for (String name : new String[] {"DockerNetwork", "dockernetworks", "dockernetwork"}) {
      Run run = Dockernet.run("explain", name);
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out())
          .startsWith("GROUP:      dockernet.io\nKIND:       DockerNetwork\nVERSION:    v1alpha1\n")
          .contains("DESCRIPTION:", "FIELDS:", "  spec\t<Object>", "  status\t<Object>");
    }
  }

  @Test
  void aFieldPathShowsTheFieldItsTypeAndItsChildren() {
    Run run = Dockernet.run("explain", "dockernetwork.spec.ipam.config");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(
            "FIELD: config <[]Object>", "FIELDS:", "  subnet\t<string>", "  gateway\t<string>");
    Run leaf = Dockernet.run("explain", "networkattachment.spec.aliases");
    assertThat(leaf.out()).contains("FIELD: aliases <[]string>").doesNotContain("FIELDS:");
  }

  @Test
  void unknownKindsAndFieldsAreErrorsThatSayWhatExists() {
    Run kind = Dockernet.run("explain", "dockernetworx");
    assertThat(kind.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(kind.err())
        .contains("dockernetworx", "DockerNetwork", "NetworkAttachment", "DockerHost");
    Run field = Dockernet.run("explain", "dockernetwork.spec.ipma");
    assertThat(field.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(field.err()).contains("field \"ipma\" does not exist in DockerNetwork.spec", "ipam");
  }
}
