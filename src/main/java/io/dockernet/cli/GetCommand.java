package io.dockernet.cli;

import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.engine.DockerGateway;
import io.dockernet.model.EndpointViews;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
import io.dockernet.operator.LabelSelector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "Show the engine's networks or attachments (endpoints), with addresses and who manages them.")
final class GetCommand implements Callable<Integer> {
  enum What {
    networks,
    attachments
  }

  /**
   * -o: the table, the table with every column and cell in full, KIND/NAME lines, or a kind: List.
   */
  enum Format {
    table,
    wide,
    name,
    json,
    yaml
  }

  /**
   * A CONTAINERS cell longer than this becomes a count in the default table (-o wide shows all).
   */
  static final int MAX_CELL = 40;

  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;

  @Parameters(
      index = "0",
      paramLabel = "networks|attachments",
      description = "What to list: ${COMPLETION-CANDIDATES}.")
  What what;

  @Parameters(
      index = "1..*",
      paramLabel = "NAME",
      description = "Only these networks (for attachments: the endpoints on these networks).")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "Only what this dockernet project manages.")
  String project;

  private LabelSelector selector = LabelSelector.parse("");

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description =
          "Only networks whose Docker labels match, kubectl syntax: k=v, k!=v, k, !k, k in (a,b); comma-separated, all required.")
  void setSelector(String value) {
    try {
      selector = LabelSelector.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "-l/--selector: " + e.getMessage());
    }
  }

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description =
          "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json and yaml print a kind: List with items.")
  Format output;

  @Override
  public Integer call() {
    Snapshot snapshot;
    try (DockerGateway gateway = engine.connect()) {
      snapshot = gateway.snapshot();
    }
    List<ObservedNetwork> networks =
        snapshot.networks().stream()
            .filter(n -> names.isEmpty() || names.contains(n.name()))
            .filter(
                n ->
                    project == null
                        || n.managed()
                            && project.equals(n.config().labels().get(Ownership.PROJECT)))
            .filter(n -> selector.matches(n.config().labels()))
            .sorted(Comparator.comparing(ObservedNetwork::name))
            .toList();
    List<String> missing =
        names.stream()
            .filter(name -> networks.stream().noneMatch(n -> n.name().equals(name)))
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (what == What.networks) {
      printNetworks(out, networks);
    } else {
      printEndpoints(out, networks);
    }
    if (!missing.isEmpty()) {
      // kubectl: what was found is printed, then an error for each name that was not.
      missing.forEach(
          name ->
              spec.commandLine().getErr().println("dockernet: network \"" + name + "\" not found"));
      spec.commandLine().getErr().flush();
      return ExitCodes.ERROR;
    }
    return ExitCodes.OK;
  }

  private void printNetworks(PrintWriter out, List<ObservedNetwork> networks) {
    switch (output) {
      case name -> {
        networks.forEach(n -> out.println("network/" + n.name()));
        out.flush();
      }
      case json, yaml ->
          Json.print(out, list(networks.stream().map(GetCommand::networkData).toList()), format());
      default -> {
        boolean wide = output == Format.wide;
        Table table =
            wide
                ? new Table("NAME", "ID", "DRIVER", "SCOPE", "SUBNETS", "CONTAINERS", "MANAGED BY")
                : new Table("NAME", "DRIVER", "SCOPE", "SUBNETS", "CONTAINERS", "MANAGED BY");
        for (ObservedNetwork n : networks) {
          String containers =
              n.endpoints().stream()
                  .sorted(Comparator.comparing(ObservedEndpoint::containerName))
                  .map(
                      e ->
                          e.containerName()
                              + (e.ipv4Address() == null || e.ipv4Address().isEmpty()
                                  ? ""
                                  : "=" + e.ipv4Address()))
                  .collect(Collectors.joining(","));
          if (!wide && containers.length() > MAX_CELL) {
            containers = n.endpoints().size() + " containers";
          }
          List<String> cells =
              new ArrayList<>(
                  List.of(
                      n.name(),
                      n.config().driver(),
                      Objects.toString(n.config().scope(), ""),
                      String.join(",", subnets(n)),
                      containers,
                      managedBy(n)));
          if (wide) {
            cells.add(1, n.id().substring(0, Math.min(12, n.id().length())));
          }
          table.row(cells.toArray(String[]::new));
        }
        table.print(out);
      }
    }
  }

  private void printEndpoints(PrintWriter out, List<ObservedNetwork> networks) {
    List<EndpointStatus> endpoints = new ArrayList<>();
    networks.forEach(
        n ->
            n.endpoints().stream()
                .sorted(Comparator.comparing(ObservedEndpoint::containerName))
                .forEach(e -> endpoints.add(EndpointViews.status(e))));
    switch (output) {
      case name -> {
        endpoints.forEach(
            e -> out.println("attachment/" + e.getNetwork() + "/" + e.getContainer()));
        out.flush();
      }
      case json, yaml -> Json.print(out, list(endpoints), format());
      default -> {
        boolean wide = output == Format.wide;
        Table table =
            wide
                ? new Table(
                    "NETWORK",
                    "CONTAINER",
                    "CONTAINER ID",
                    "IPV4",
                    "IPV6",
                    "MAC",
                    "ALIASES",
                    "MANAGED",
                    "RESERVED")
                : new Table("NETWORK", "CONTAINER", "IPV4", "IPV6", "MAC", "ALIASES", "MANAGED");
        for (EndpointStatus e : endpoints) {
          List<String> cells =
              new ArrayList<>(
                  List.of(
                      e.getNetwork(),
                      e.getContainer(),
                      Objects.toString(e.getIpv4Address(), ""),
                      Objects.toString(e.getIpv6Address(), ""),
                      Objects.toString(e.getMacAddress(), ""),
                      e.getAliases() == null ? "" : String.join(",", e.getAliases()),
                      Boolean.TRUE.equals(e.getManaged()) ? "yes" : "no"));
          if (wide) {
            String id = Objects.toString(e.getId(), "");
            cells.add(2, id.substring(0, Math.min(12, id.length())));
            // Static addresses kept for this container, also while it is stopped (no IPV4 then).
            cells.add(e.getReserved() == null ? "" : String.join(",", e.getReserved()));
          }
          table.row(cells.toArray(String[]::new));
        }
        table.print(out);
      }
    }
  }

  private OutputFormat format() {
    return output == Format.yaml ? OutputFormat.yaml : OutputFormat.json;
  }

  /** kubectl's shape for several objects. */
  private static Map<String, Object> list(List<?> items) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", "List");
    list.put("items", items);
    return list;
  }

  private static List<String> subnets(ObservedNetwork n) {
    return n.config().ipamPools().stream().map(IpamPool::subnet).filter(Objects::nonNull).toList();
  }

  private static String managedBy(ObservedNetwork n) {
    if (!n.managed()) {
      return "-";
    }
    Map<String, String> labels = n.config().labels();
    return labels.get(Ownership.PROJECT) + "/" + labels.get(Ownership.OWNER);
  }

  private static Map<String, Object> networkData(ObservedNetwork n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("id", n.id());
    m.put("driver", n.config().driver());
    m.put("scope", n.config().scope());
    m.put("internal", n.config().internal());
    m.put("enableIPv6", n.config().enableIPv6());
    m.put("subnets", subnets(n));
    m.put("labels", Ownership.withoutOurs(n.config().labels()));
    m.put("managed", n.managed());
    if (n.managed()) {
      m.put("project", n.config().labels().get(Ownership.PROJECT));
      m.put("owner", n.config().labels().get(Ownership.OWNER));
    }
    m.put(
        "containers",
        n.endpoints().stream()
            .sorted(Comparator.comparing(ObservedEndpoint::containerName))
            .map(EndpointViews::status)
            .toList());
    return m;
  }
}
