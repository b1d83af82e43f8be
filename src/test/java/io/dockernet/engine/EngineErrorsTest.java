package io.dockernet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.engine.EngineException.Reason;
import org.junit.jupiter.api.Test;

/** Messages are the ones the engine (20.10, API 1.41) really gave; see EngineErrorsIT. */
class EngineErrorsTest {

  @Test
  void statusAndMessageTogetherGiveTheReason() {
    assertThat(EngineErrors.reason("networks.remove", 404, "network x not found"))
        .isEqualTo(Reason.NOT_FOUND);
    assertThat(EngineErrors.reason("networks.create", 409, "network with name x already exists"))
        .isEqualTo(Reason.CONFLICT);
    assertThat(
            EngineErrors.reason(
                "networks.remove",
                403,
                "error while removing network: network x id 1 has active endpoints"))
        .isEqualTo(Reason.IN_USE);
    assertThat(
            EngineErrors.reason(
                "networks.connect", 403, "endpoint with name c already exists in network x"))
        .isEqualTo(Reason.ALREADY_CONNECTED);
    assertThat(
            EngineErrors.reason(
                "networks.disconnect", 500, "container 1 is not connected to network x"))
        .isEqualTo(Reason.NOT_CONNECTED);
    assertThat(
            EngineErrors.reason(
                "networks.connect",
                400,
                "user specified IP address is supported on user defined networks only"))
        .isEqualTo(Reason.BAD_REQUEST);
  }

  @Test
  void anUnknownDriverIsABadRequestNotAMissingNetwork() {
    assertThat(EngineErrors.reason("networks.create", 404, "plugin \"weave\" not found"))
        .isEqualTo(Reason.BAD_REQUEST);
  }

  @Test
  void malformedInputAnswered500IsStillABadRequest() {
    assertThat(
            EngineErrors.reason(
                "networks.create", 500, "Invalid subnet 10.0.0.0/33 : invalid CIDR address"))
        .isEqualTo(Reason.BAD_REQUEST);
    assertThat(
            EngineErrors.reason(
                "networks.connect",
                500,
                "Invalid address 10.9.0.5: It does not belong to any of this network's subnets"))
        .isEqualTo(Reason.BAD_REQUEST);
  }

  @Test
  void otherServerErrorsAreTransient() {
    EngineException e =
        EngineErrors.fromStatus("networks.create", 500, "context deadline exceeded");
    assertThat(e.reason()).isEqualTo(Reason.ENGINE_ERROR);
    assertThat(e.isTransient()).isTrue();
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage())
        .isEqualTo("networks.create failed: engine answered 500: context deadline exceeded");
    // "not connected" means NOT_CONNECTED only on a disconnect.
    assertThat(EngineErrors.reason("networks.connect", 500, "is not connected"))
        .isEqualTo(Reason.ENGINE_ERROR);
  }

  @Test
  void unavailableNamesTheTargetAndTheRootCause() {
    EngineException e =
        EngineErrors.unavailable(
            "info",
            "tcp://h:1",
            new RuntimeException(new java.net.ConnectException("Connection refused")));
    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "info: cannot reach the engine at tcp://h:1 (ConnectException: Connection refused)");
  }
}
