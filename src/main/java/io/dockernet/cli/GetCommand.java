package io.dockernet.cli;

import io.dockernet.api.v1alpha1.EndpointStatus;
import io.dockernet.engine.DockerGateway;
import io.dockernet.model.EndpointViews;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedEndpoint;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.Snapshot;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show the engine's networks or attachments (endpoints), with addresses and who manages them.")
final class GetCommand implements Callable<Integer> {
  enum What { networks, attachments }

  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;

  @Parameters(index = "0", paramLabel = "networks|attachments", description = "What to list: ${COMPLETION-CANDIDATES}.")
  What what;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    Snapshot snapshot;
    try (DockerGateway gateway = engine.connect()) {
      snapshot = gateway.snapshot();
    }
    List<ObservedNetwork> networks = snapshot.networks().stream()
        .sorted(Comparator.comparing(ObservedNetwork::name)).toList();
    PrintWriter out = spec.commandLine().getOut();
    if (what == What.networks) {
      List<Map<String, Object>> rows = networks.stream().map(GetCommand::networkData).toList();
      if (output == OutputFormat.table) {
        Table table = new Table("NAME", "DRIVER", "SCOPE", "SUBNETS", "CONTAINERS", "MANAGED BY");
        for (ObservedNetwork n : networks) {
          table.row(n.name(), n.config().driver(), Objects.toString(n.config().scope(), ""),
              String.join(",", subnets(n)),
              n.endpoints().stream().sorted(Comparator.comparing(ObservedEndpoint::containerName))
                  .map(e -> e.containerName() + (e.ipv4Address() == null || e.ipv4Address().isEmpty() ? "" : "=" + e.ipv4Address()))
                  .collect(Collectors.joining(",")),
              managedBy(n));
        }
        table.print(out);
      } else {
        Json.print(out, rows, output);
      }
    } else {
      List<EndpointStatus> endpoints = new ArrayList<>();
      networks.forEach(n -> n.endpoints().stream()
          .sorted(Comparator.comparing(ObservedEndpoint::containerName))
          .forEach(e -> endpoints.add(EndpointViews.status(e))));
      if (output == OutputFormat.table) {
        Table table = new Table("NETWORK", "CONTAINER", "IPV4", "IPV6", "MAC", "ALIASES", "MANAGED");
        for (EndpointStatus e : endpoints) {
          table.row(e.getNetwork(), e.getContainer(), Objects.toString(e.getIpv4Address(), ""),
              Objects.toString(e.getIpv6Address(), ""), Objects.toString(e.getMacAddress(), ""),
              e.getAliases() == null ? "" : String.join(",", e.getAliases()), Boolean.TRUE.equals(e.getManaged()) ? "yes" : "no");
        }
        table.print(out);
      } else {
        Json.print(out, endpoints, output);
      }
    }
    return ExitCodes.OK;
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
    m.put("containers", n.endpoints().stream()
        .sorted(Comparator.comparing(ObservedEndpoint::containerName)).map(EndpointViews::status).toList());
    return m;
  }
}
