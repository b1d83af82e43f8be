package io.dockernet.cli;

import io.dockernet.model.ObservedEndpoint;
import io.dockernet.plan.Action;
import io.dockernet.plan.FieldChange;
import io.dockernet.plan.Plan;
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
    if (action instanceof Action.CreateNetwork a) {
      return "+ create network " + a.config().name() + who + ": " + a.reason();
    } else if (action instanceof Action.RemoveNetwork a) {
      return "- remove network " + a.networkName() + who + ": " + a.reason();
    } else if (action instanceof Action.RecreateNetwork a) {
      return "~ recreate network " + a.config().name() + who;
    } else if (action instanceof Action.Connect a) {
      return "+ connect " + a.containerName() + " to " + a.network() + who + ": " + a.reason();
    } else if (action instanceof Action.Disconnect a) {
      return "- disconnect " + a.containerName() + " from " + a.network()
          + (a.managed() ? "" : " (endpoint not managed by dockernet)") + who + ": " + a.reason();
    }
    Action.Blocked a = (Action.Blocked) action;
    return "! blocked" + who + ": " + a.code() + ": " + a.reason();
  }

  static List<String> details(Action action) {
    List<String> lines = new ArrayList<>();
    if (action instanceof Action.RecreateNetwork r) {
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
    if (action instanceof Action.CreateNetwork a) {
      m.put("action", "create");
      m.put("network", a.config().name());
    } else if (action instanceof Action.RemoveNetwork a) {
      m.put("action", "remove");
      m.put("network", a.networkName());
    } else if (action instanceof Action.RecreateNetwork a) {
      m.put("action", "recreate");
      m.put("network", a.config().name());
      m.put("changes", a.changes().stream()
          .map(c -> Map.of("field", c.field(), "from", String.valueOf(c.from()), "to", String.valueOf(c.to())))
          .toList());
      m.put("restore", a.restore().stream().map(PlanView::endpoint).toList());
    } else if (action instanceof Action.Connect a) {
      m.put("action", "connect");
      m.put("network", a.network());
      m.put("container", a.containerName());
    } else if (action instanceof Action.Disconnect a) {
      m.put("action", "disconnect");
      m.put("network", a.network());
      m.put("container", a.containerName());
      m.put("managed", a.managed());
    } else if (action instanceof Action.Blocked a) {
      m.put("action", "blocked");
      m.put("code", a.code());
    }
    m.put("reason", action.reason());
    return m;
  }
}
