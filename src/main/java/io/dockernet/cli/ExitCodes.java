package io.dockernet.cli;

/** Exit codes of every command. */
final class ExitCodes {
  /** Done, or nothing to do. */
  static final int OK = 0;

  /** Any error, usage errors included; what could be done was done, the message is on stderr. */
  static final int ERROR = 1;

  /** {@code plan --detailed-exitcode}: changes are pending. */
  static final int CHANGES = 2;

  private ExitCodes() {}
}
