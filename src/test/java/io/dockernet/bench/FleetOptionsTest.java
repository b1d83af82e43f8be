package io.dockernet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet bench's own arguments: refused up front, saying which and why. */
class FleetOptionsTest {

  @Test
  void warmRoundsMustNotBeNegative() {
    assertThatThrownBy(
            () ->
                BenchMain.Options.parse(
                    new String[] {"--only", "fleet", "--fleet-warm-rounds", "-1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--fleet-warm-rounds takes 0 or more, not -1");
    assertThat(BenchMain.Options.parse(new String[] {"--fleet-warm-rounds", "3"}).fleetWarm)
        .isEqualTo(3);
    assertThat(BenchMain.Options.parse(new String[] {"--fleet-warm"}).fleetWarm).isEqualTo(1);
  }

  @Test
  void aProfilerLibraryThatIsNotThereIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("libasyncProfiler.so");
    assertThatThrownBy(
            () -> BenchMain.Options.parse(new String[] {"--fleet-profile", missing.toString()}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such file " + missing);
    Files.writeString(missing, "");
    assertThat(
            BenchMain.Options.parse(new String[] {"--fleet-profile", missing.toString()})
                .fleetProfile)
        .isEqualTo(missing);
  }

  @Test
  void theColdFloorTakesWholeTriplesOnly() {
    assertThat(FleetFloor.wellFormed(new String[] {})).isFalse();
    assertThat(FleetFloor.wellFormed(new String[] {"tcp://127.0.0.1:1", "/certs"})).isFalse();
    assertThat(FleetFloor.wellFormed(new String[] {"tcp://127.0.0.1:1", "/certs", "calls"}))
        .isTrue();
    assertThat(
            FleetFloor.wellFormed(
                new String[] {"tcp://h:1", "/c", "calls", "tcp://h:2", "/c", "calls", "extra"}))
        .isFalse();
  }
}
