package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.manifest.LoadResult;
import org.junit.jupiter.api.Test;

class WarmupTest {

  /**
   * The warm-up only saves time when it runs the paths a real command runs: a sample that stopped
   * binding or validating (a renamed field, a new rule) would warm up the error path instead.
   */
  @Test
  void the_sample_manifests_load_and_validate_without_a_problem() {
    LoadResult loaded = Warmup.manifests();

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.manifests().networks()).hasSize(1);
    assertThat(loaded.manifests().attachments()).hasSize(2);
    assertThat(io.dockernet.validate.Validator.validate(loaded.manifests())).isEmpty();
  }

  @Test
  void the_engine_client_is_built_without_an_engine() {
    Warmup.engineClient(); // a unix socket nobody listens on: building must not connect
  }
}
