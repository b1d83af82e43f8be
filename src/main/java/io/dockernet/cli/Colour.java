package io.dockernet.cli;

import io.dockernet.exec.Outcome;
import io.dockernet.plan.Verb;
import java.util.Map;

/**
 * ANSI colour for what goes to a terminal: on only where progress is printed (an interactive
 * terminal) and off when {@code NO_COLOR} is set to anything but the empty string (no-color.org).
 */
record Colour(boolean on) {
  static final Colour OFF = new Colour(false);

  private static final String GREEN = "32";
  private static final String YELLOW = "33";
  private static final String RED = "31";

  /** Colour on a terminal unless the environment says no. */
  static Colour forTerminal(Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return new Colour(noColor == null || noColor.isEmpty());
  }

  /** Terraform's habit: additions green, changes yellow, removals red. */
  String verb(Verb verb, String text) {
    return paint(
        switch (verb) {
          case CREATE, CONNECT -> GREEN;
          case RECREATE -> YELLOW;
          case REMOVE, DISCONNECT, BLOCKED -> RED;
        },
        text);
  }

  /** Successes green, changes yellow, failures red, nothing done plain. */
  String outcome(Outcome outcome, String text) {
    return switch (outcome) {
      case CREATED, CONNECTED -> paint(GREEN, text);
      case RECREATED, DISCONNECTED, REMOVED -> paint(YELLOW, text);
      case BLOCKED, FAILED -> paint(RED, text);
      case NOOP -> text;
    };
  }

  String failed(String text) {
    return paint(RED, text);
  }

  private String paint(String code, String text) {
    return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
