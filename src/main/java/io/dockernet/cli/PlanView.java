package io.dockernet.cli;

import io.dockernet.model.ObservedEndpoint;
import io.dockernet.plan.Action;
import io.dockernet.plan.FieldChange;
import io.dockernet.plan.Plan;
import io.dockernet.plan.Verb;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a plan for people (one line per action, with its reason) and for machines (-o json). */
final class PlanView {
  private PlanView() {}

  static void print(PrintWriter out, Plan plan, OutputFormat format) {
    if (format == OutputFormat.table) {
      printText(out, plan);
    } else {
      Json.print(out, data(plan), format);
    }
  }

  static void printText(PrintWriter out, Plan plan) {
    long changes = plan.changes().size();
    long blocked = plan.actions().size() - changes;
    if (plan.converged()) {
      out.println("No changes: the engine matches the manifests (" + plan.resources().size() + " resources).");
      out.flush();
      return;
    }
    out.printf("Plan: %d to change, %d blocked.%n", changes, blocked);
    for (Action action : plan.actions()) {
      out.println("  " + headline(action));
      for (String detail : details(action)) {
        out.println("      " + detail);
      }
    }
    out.flush();
  }

  static String headline(Action action) {
    String who = " (" + action.resource() + ")";
    return switch (action.verb()) {
      case BLOCKED -> "! blocked" + who + ": " + ((Action.Blocked) action).code() + ": " + action.reason();
      case RECREATE -> "~ recreate " + action.target() + who;
      case DISCONNECT -> "- disconnect " + action.target()
          + (((Action.Disconnect) action).managed() ? "" : " (endpoint not managed by dockernet)") + who + ": " + action.reason();
      default -> action.verb().sign() + " " + action.verb().word() + " " + action.target() + who + ": " + action.reason();
    };
  }

  static List<String> details(Action action) {
    List<String> lines = new ArrayList<>();
    if (action.verb() == Verb.RECREATE) {
      Action.RecreateNetwork r = (Action.RecreateNetwork) action;
      for (FieldChange change : r.changes()) {
        lines.add(change + "  (forces recreate)");
      }
      if (r.restore().isEmpty()) {
        lines.add("no endpoints to restore");
      }
      for (ObservedEndpoint e : r.restore()) {
        lines.add("endpoint disconnected and restored: " + endpoint(e));
      }
    }
    return lines;
  }

  static String endpoint(ObservedEndpoint e) {
    StringBuilder s = new StringBuilder(e.containerName());
    s.append(e.managed() ? " (managed)" : " (not managed by dockernet)");
    if (e.ipv4Address() != null && !e.ipv4Address().isEmpty()) {
      s.append(" ").append(e.ipv4Address());
    }
    if (e.ipv6Address() != null && !e.ipv6Address().isEmpty()) {
      s.append(" ").append(e.ipv6Address());
    }
    if (!e.config().aliases().isEmpty()) {
      s.append(" aliases ").append(e.config().aliases());
    }
    return s.toString();
  }

  /** The plan as plain data, for -o json. */
  static Map<String, Object> data(Plan plan) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("converged", plan.converged());
    result.put("changes", plan.changes().size());
    result.put("blocked", plan.actions().size() - plan.changes().size());
    result.put("actions", plan.actions().stream().map(PlanView::actionData).toList());
    return result;
  }

  private static Map<String, Object> actionData(Action action) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", action.resource().toString());
    m.put("action", action.verb().word());
    if (action.phase().runs()) {
      m.put("network", action.network());
    }
    if (action.containerName() != null) {
      m.put("container", action.containerName());
    }
    switch (action.verb()) {
      case RECREATE -> {
        Action.RecreateNetwork a = (Action.RecreateNetwork) action;
        m.put("changes", a.changes().stream()
            .map(c -> Map.of("field", c.field(), "from", String.valueOf(c.from()), "to", String.valueOf(c.to())))
            .toList());
        m.put("restore", a.restore().stream().map(PlanView::endpoint).toList());
      }
      case DISCONNECT -> m.put("managed", ((Action.Disconnect) action).managed());
      case BLOCKED -> m.put("code", ((Action.Blocked) action).code().code());
      default -> { }
    }
    m.put("reason", action.reason());
    return m;
  }
}
