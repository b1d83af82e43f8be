package io.dockernet.engine;

import io.dockernet.engine.EngineException.Reason;

/**
 * Turns engine answers into typed reasons. The engine reuses status codes (403 means both "in use"
 * and "already connected"; a plain 500 means "not connected"), so we match code and message.
 */
final class EngineErrors {
  private EngineErrors() {}

  static EngineException fromStatus(String kind, int status, String engineMessage) {
    String message = kind + " failed: engine answered " + status + ": " + engineMessage;
    return new EngineException(reason(kind, status, engineMessage), status, message, null);
  }

  static Reason reason(String kind, int status, String engineMessage) {
    String m = engineMessage == null ? "" : engineMessage.toLowerCase(java.util.Locale.ROOT);
    if (status == 404) {
      // An unknown driver is a 404 "plugin "x" not found": a bad request, not a missing network.
      return kind.equals("networks.create") && m.contains("plugin")
          ? Reason.BAD_REQUEST
          : Reason.NOT_FOUND;
    }
    if (status == 409) {
      return Reason.CONFLICT;
    }
    if (status == 403) {
      if (m.contains("active endpoints")) {
        return Reason.IN_USE;
      }
      if (m.contains("already exists")) {
        return Reason.ALREADY_CONNECTED;
      }
      return Reason.BAD_REQUEST;
    }
    if (status == 500 && kind.equals("networks.disconnect") && m.contains("is not connected")) {
      return Reason.NOT_CONNECTED;
    }
    if (status >= 500 && m.startsWith("invalid")) {
      // The engine answers 500 to malformed input ("Invalid address ...: It does not belong to any
      // of
      // this network's subnets", "Invalid subnet ...", "invalid subinterface vlan name ..."):
      // retrying cannot help.
      return Reason.BAD_REQUEST;
    }
    if (status >= 500) {
      return Reason.ENGINE_ERROR;
    }
    return Reason.BAD_REQUEST;
  }

  static EngineException unavailable(String what, String target, Throwable cause) {
    Throwable root = cause;
    boolean tls = false;
    while (true) {
      tls |= root instanceof javax.net.ssl.SSLException;
      if (root.getCause() == null || root.getCause() == root) {
        break;
      }
      root = root.getCause();
    }
    String detail =
        root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root.getClass().getSimpleName() + ": " + root.getMessage();
    // A refused certificate is a setup problem, not an outage: say so (it is still "cannot talk to
    // it").
    String problem =
        tls
            ? "TLS with the engine at "
                + target
                + " failed, check DOCKER_CERT_PATH and the server certificate"
            : "cannot reach the engine at " + target;
    return new EngineException(
        Reason.UNAVAILABLE, 0, what + ": " + problem + " (" + detail + ")", cause);
  }

  static EngineException unsupported(String what, String needed, String apiVersion) {
    return new EngineException(
        Reason.UNSUPPORTED,
        0,
        what + " needs engine API " + needed + " or later; this engine speaks " + apiVersion,
        null);
  }
}
