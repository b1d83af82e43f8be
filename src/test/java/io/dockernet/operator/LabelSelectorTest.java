package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  static final Map<String, String> EU = Map.of("region", "eu", "tier", "edge");

  @Test
  void emptySelectsEverything() {
    assertThat(LabelSelector.parse("").matches(Map.of())).isTrue();
    assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
  }

  @Test
  void equalityInequalityExistenceAndSets() {
    assertThat(LabelSelector.parse("region=eu").matches(EU)).isTrue();
    assertThat(LabelSelector.parse("region==eu,tier=edge").matches(EU)).isTrue();
    assertThat(LabelSelector.parse("region=us").matches(EU)).isFalse();
    assertThat(LabelSelector.parse("region!=us").matches(EU)).isTrue();
    assertThat(LabelSelector.parse("tier").matches(EU)).isTrue();
    assertThat(LabelSelector.parse("!tier").matches(EU)).isFalse();
    assertThat(LabelSelector.parse("region in (us, eu)").matches(EU)).isTrue();
    assertThat(LabelSelector.parse("region notin (us,eu),tier").matches(EU)).isFalse();
    assertThat(LabelSelector.parse("region=eu").matches(Map.of())).isFalse();
  }

  @Test
  void nonsenseIsRejected() {
    assertThatThrownBy(() -> LabelSelector.parse("region=eu,(x)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(x)");
  }
}
