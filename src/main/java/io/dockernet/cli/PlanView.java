package io.dockernet.cli;

import io.dockernet.exec.Recreation;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
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
    if (plan.converged()) {
      out.println(
          "No changes: the engine matches the manifests ("
              + plan.resources().size()
              + " resources).");
      printNotes(out, plan);
      out.flush();
      return;
    }
    List<Action> actions = plan.actions();
    int add = 0;
    int change = 0;
    int destroy = 0;
    int blocked = 0;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      Action again = action.verb() == Verb.DISCONNECT ? reconnects(action, actions) : null;
      if (again != null) {
        // A live edit (aliases, address...) is carried out as disconnect and connect: one change to
        // read.
        change++;
        lines.add(
            "  ~ update "
                + again.containerName()
                + " on "
                + again.network()
                + " ("
                + again.resource()
                + "): "
                + again.reason());
        endpointDetails(again.endpoint()).forEach(d -> lines.add("      " + d));
        continue;
      }
      if (action.verb() == Verb.CONNECT && reconnected(action, actions)) {
        continue;
      }
      switch (action.verb()) {
        case CREATE, CONNECT -> add++;
        case RECREATE -> change++;
        case REMOVE, DISCONNECT -> destroy++;
        case BLOCKED -> blocked++;
      }
      lines.add("  " + headline(action));
      details(action).forEach(d -> lines.add("      " + d));
    }
    out.printf(
        "Plan: %d to add, %d to change, %d to destroy%s.%n",
        add, change, destroy, blocked == 0 ? "" : ", " + blocked + " blocked");
    lines.forEach(out::println);
    printNotes(out, plan);
    out.flush();
  }

  /**
   * Why resources need nothing, or what the plan leaves as it is on purpose (e.g. a static address
   * inside a network's dynamic range): one line each, by resource.
   */
  private static void printNotes(PrintWriter out, Plan plan) {
    plan.notes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
        .forEach(e -> e.getValue().forEach(n -> out.println("  note (" + e.getKey() + "): " + n)));
  }

  /**
   * The connect that re-makes the endpoint {@code d} removes (same container, same network), if
   * any.
   */
  private static Action reconnects(Action disconnect, List<Action> actions) {
    for (Action a : actions) {
      if (a.verb() == Verb.CONNECT
          && a.network().equals(disconnect.network())
          && java.util.Objects.equals(a.containerId(), disconnect.containerId())) {
        return a;
      }
    }
    return null;
  }

  private static boolean reconnected(Action connect, List<Action> actions) {
    return actions.stream()
        .anyMatch(a -> a.verb() == Verb.DISCONNECT && reconnects(a, actions) == connect);
  }

  static String headline(Action action) {
    String who = " (" + action.resource() + ")";
    return switch (action.verb()) {
      case BLOCKED ->
          "! blocked" + who + ": " + ((Action.Blocked) action).code() + ": " + action.reason();
      case RECREATE -> "~ recreate " + action.target() + who;
      case DISCONNECT ->
          "- disconnect "
              + action.target()
              + (((Action.Disconnect) action).managed()
                  ? ""
                  : " (endpoint not managed by dockernet)")
              + who
              + ": "
              + action.reason();
      default ->
          action.verb().sign()
              + " "
              + action.verb().word()
              + " "
              + action.target()
              + who
              + ": "
              + action.reason();
    };
  }

  static List<String> details(Action action) {
    List<String> lines = new ArrayList<>();
    switch (action.verb()) {
      case CREATE -> lines.addAll(networkDetails(((Action.CreateNetwork) action).config()));
      case CONNECT -> lines.addAll(endpointDetails(action.endpoint()));
      case RECREATE -> {
        Action.RecreateNetwork r = (Action.RecreateNetwork) action;
        for (FieldChange change : r.changes()) {
          lines.add(change + "  (forces recreate)");
        }
        if (r.restore().isEmpty()) {
          lines.add("no endpoints to restore");
        }
        for (ObservedEndpoint e : r.restore()) {
          lines.add(
              "endpoint disconnected and restored: " + endpoint(e) + ", " + landing(e, r.config()));
        }
      }
      default -> {}
    }
    return lines;
  }

  /**
   * Where a restored endpoint lands, as the executor will do it ({@link Recreation#addressesFor}).
   */
  private static String landing(ObservedEndpoint e, NetworkConfig network) {
    EndpointConfig kept = Recreation.addressesFor(e, network);
    List<String> parts = new ArrayList<>();
    if (kept.ipv4Address() != null) {
      parts.add("keeps " + kept.ipv4Address());
    }
    if (kept.ipv6Address() != null) {
      parts.add("keeps " + kept.ipv6Address());
    }
    return parts.isEmpty() ? "gets a new address from the engine" : String.join(", ", parts);
  }

  /** What a create sets: driver, address pools, flags. */
  private static List<String> networkDetails(NetworkConfig c) {
    List<String> lines = new ArrayList<>();
    lines.add("driver: " + c.driver());
    for (IpamPool pool : c.ipamPools()) {
      StringBuilder s =
          new StringBuilder(
              "subnet: " + (pool.subnet() == null ? "from the engine" : pool.subnet()));
      if (pool.gateway() != null) {
        s.append(", gateway ").append(pool.gateway());
      }
      if (pool.ipRange() != null) {
        s.append(", range ").append(pool.ipRange());
      }
      if (!pool.auxAddresses().isEmpty()) {
        s.append(", aux ").append(pool.auxAddresses());
      }
      lines.add(s.toString());
    }
    if (c.ipamPools().isEmpty()) {
      lines.add("subnet: from the engine");
    }
    List<String> flags = new ArrayList<>();
    if (c.internal()) {
      flags.add("internal");
    }
    if (c.attachable()) {
      flags.add("attachable");
    }
    if (c.ingress()) {
      flags.add("ingress");
    }
    if (c.enableIPv6()) {
      flags.add("ipv6");
    }
    if (!flags.isEmpty()) {
      lines.add("flags: " + String.join(", ", flags));
    }
    if (!c.options().isEmpty()) {
      lines.add("options: " + c.options());
    }
    return lines;
  }

  /** What a connect sets: addresses (or the engine's choice) and aliases. */
  private static List<String> endpointDetails(EndpointConfig e) {
    List<String> lines = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    if (e.ipv4Address() != null) {
      addresses.add(e.ipv4Address());
    }
    if (e.ipv6Address() != null) {
      addresses.add(e.ipv6Address());
    }
    lines.add(
        "address: " + (addresses.isEmpty() ? "from the engine" : String.join(", ", addresses)));
    if (!e.aliases().isEmpty()) {
      lines.add("aliases: " + String.join(", ", e.aliases()));
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
    List<Map<String, Object>> notes = new ArrayList<>();
    plan.notes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
        .forEach(
            e ->
                e.getValue()
                    .forEach(
                        n -> {
                          Map<String, Object> m = new LinkedHashMap<>();
                          m.put("resource", e.getKey().toString());
                          m.put("note", n);
                          notes.add(m);
                        }));
    result.put("notes", notes);
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
        m.put(
            "changes",
            a.changes().stream()
                .map(
                    c ->
                        Map.of(
                            "field",
                            c.field(),
                            "from",
                            String.valueOf(c.from()),
                            "to",
                            String.valueOf(c.to())))
                .toList());
        m.put("restore", a.restore().stream().map(PlanView::endpoint).toList());
      }
      case DISCONNECT -> m.put("managed", ((Action.Disconnect) action).managed());
      case BLOCKED -> m.put("code", ((Action.Blocked) action).code().code());
      default -> {}
    }
    m.put("reason", action.reason());
    return m;
  }
}
