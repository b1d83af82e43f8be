package io.dockernet.adopt;

import io.dockernet.adopt.ComposeYaml.Mapping;
import io.dockernet.adopt.ComposeYaml.Scalar;
import io.dockernet.adopt.ComposeYaml.Sequence;
import io.dockernet.adopt.ComposeYaml.Value;
import io.dockernet.api.v1alpha1.AdoptionPolicy;
import io.dockernet.api.v1alpha1.ContainerSelector;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.validate.Location;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The networks of a Compose project as manifests: the names Compose gives them ({@code P_net}, or
 * {@code name:}), their settings, and per service an attachment selected by the Compose project and
 * service labels with its aliases and static addresses. Pure: file texts and an environment in.
 *
 * <p>Like docker-compose 1.29 (the reference): only networks some service uses are created, a
 * service without {@code networks:} is on {@code default} ({@code P_default}), networks are
 * attachable unless {@code attachable: false}, and every service's endpoint has the service name as
 * an alias.
 */
public final class ComposeImporter {
  static final Set<String> NETWORK_KEYS =
      Set.of(
          "name",
          "driver",
          "driver_opts",
          "ipam",
          "internal",
          "attachable",
          "enable_ipv6",
          "labels",
          "external");
  static final Set<String> IPAM_KEYS = Set.of("driver", "config", "options");
  static final Set<String> POOL_KEYS = Set.of("subnet", "ip_range", "gateway", "aux_addresses");
  static final Set<String> ENDPOINT_KEYS =
      Set.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips");

  /** One Compose file: its name as given (for messages) and its text. */
  public record Source(String file, String text) {}

  /**
   * @param override a Compose override marking the networks dockernet creates external, with their
   *     real names
   * @param errors located problems that make the input unusable (then nothing should be written)
   */
  public record Result(
      String project,
      List<HasMetadata> resources,
      List<Problem> warnings,
      List<Problem> errors,
      List<String> notes,
      String override) {}

  private final String project;
  private final List<Problem> warnings = new ArrayList<>();
  private final List<Problem> errors = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final ResourceNames names = new ResourceNames();

  private ComposeImporter(String project) {
    this.project = project;
  }

  /**
   * @param projectName --project-name, or null: then COMPOSE_PROJECT_NAME, else {@code
   *     directoryName}
   * @param env the environment with the .env file's variables under it (the environment wins)
   */
  public static Result importFiles(
      List<Source> files, String projectName, String directoryName, Map<String, String> env) {
    String project =
        projectName(
            projectName != null
                ? projectName
                : env.getOrDefault("COMPOSE_PROJECT_NAME", directoryName));
    ComposeImporter importer = new ComposeImporter(project);
    Interpolation interpolation = new Interpolation(env);
    Value merged = null;
    try {
      for (Source f : files) {
        Mapping m = ComposeYaml.parse(f.file(), f.text(), interpolation);
        merged = merged == null ? m : ComposeYaml.merge(merged, m);
      }
    } catch (ComposeYaml.Invalid e) {
      return new Result(project, List.of(), List.of(), List.of(e.problem), List.of(), null);
    }
    return importer.run((Mapping) merged);
  }

  /** The variables of a {@code .env} file. */
  public static Map<String, String> dotEnv(String text) {
    return Interpolation.dotEnv(text);
  }

  /** docker-compose 1.29: lowercase, only a-z, 0-9, '_' and '-' kept. */
  static String projectName(String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    for (char c : lower.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        b.append(c);
      }
    }
    return b.isEmpty() ? "default" : b.toString();
  }

  /** A declared (or the implicit default) network: its Compose key, real name and settings. */
  private record Net(String key, String name, boolean external, Mapping config, Location at) {}

  private Result run(Mapping root) {
    Map<String, Net> declared = new LinkedHashMap<>();
    Mapping networks = mapping(root, "networks", "networks");
    if (networks != null) {
      networks
          .entries()
          .forEach(
              (key, v) -> {
                Net n = declare(key, v, networks.keys().get(key));
                if (n != null) {
                  declared.put(key, n);
                }
              });
    }
    List<HasMetadata> attachments = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    Mapping services = mapping(root, "services", "services");
    if (services != null) {
      for (var s : services.entries().entrySet()) {
        service(s.getKey(), s.getValue(), declared, used, attachments);
      }
    }
    if (!errors.isEmpty()) {
      return new Result(project, List.of(), warnings, errors, notes, null);
    }
    List<HasMetadata> resources = new ArrayList<>();
    Map<String, Object> override = new LinkedHashMap<>();
    for (Net n : declared.values()) {
      if (!used.contains(n.key())) {
        notes.add(
            "network " + n.key() + " is not used by any service: not created (as Compose does)");
      } else if (n.external()) {
        notes.add(
            "network "
                + n.key()
                + " is external ("
                + n.name()
                + "): not created; the attachments refer to it");
      } else {
        resources.add(network(n));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("external", true);
        entry.put("name", n.name());
        override.put(n.key(), entry);
      }
    }
    resources.sort(java.util.Comparator.comparing(r -> r.getMetadata().getName()));
    attachments.sort(java.util.Comparator.comparing(r -> r.getMetadata().getName()));
    resources.addAll(attachments);
    String overrideYaml = null;
    if (!override.isEmpty()) {
      org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
      options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
      overrideYaml =
          "# Written by dockernet import compose: the networks dockernet manages, used as they are.\n"
              + "# docker-compose -p "
              + project
              + " -f <your files> -f <this file> up -d\n"
              + new org.yaml.snakeyaml.Yaml(options).dump(Map.of("networks", override));
    }
    return new Result(project, resources, warnings, errors, notes, overrideYaml);
  }

  private Net declare(String key, Value v, Location at) {
    String path = "networks." + key;
    Mapping config = v instanceof Mapping m ? m : null;
    if (config == null && !(v instanceof Scalar s && s.text() == null)) {
      errors.add(new Problem(v.at(), path, "a network is a mapping of settings (or empty)"));
      return null;
    }
    if (config == null) {
      config = new Mapping(at, Map.of(), Map.of());
    }
    for (var e : config.entries().entrySet()) {
      if (!NETWORK_KEYS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
        warnings.add(
            new Problem(
                config.keys().get(e.getKey()),
                path + "." + e.getKey(),
                e.getKey() + " is not supported by dockernet import; ignored"));
      }
    }
    String name = text(config, "name", path);
    boolean external = false;
    Value ext = config.entries().get("external");
    if (ext instanceof Mapping em) {
      external = true; // the legacy form external: {name: x}
      String legacy = text(em, "name", path + ".external");
      name = legacy != null ? legacy : name;
    } else if (ext != null) {
      external = bool(ext, path + ".external");
    }
    if (name == null) {
      name = external ? key : project + "_" + key;
    }
    return new Net(key, name, external, config, at);
  }

  private void service(
      String service, Value v, Map<String, Net> declared, Set<String> used, List<HasMetadata> out) {
    String path = "services." + service;
    if (!(v instanceof Mapping s)) {
      errors.add(new Problem(v.at(), path, "a service is a mapping"));
      return;
    }
    if (s.entries().containsKey("network_mode")) {
      notes.add("service " + service + " has network_mode: no attachments");
      return;
    }
    Map<String, Mapping> endpoints = new LinkedHashMap<>();
    Map<String, Location> where = new LinkedHashMap<>();
    Value networks = s.entries().get("networks");
    if (networks == null) {
      endpoints.put("default", null);
      where.put("default", s.at());
    } else if (networks instanceof Sequence list) {
      for (Value item : list.items()) {
        if (item instanceof Scalar sc && sc.text() != null) {
          endpoints.put(sc.text(), null);
          where.put(sc.text(), sc.at());
        } else {
          errors.add(new Problem(item.at(), path + ".networks", "a network name is a string"));
        }
      }
    } else if (networks instanceof Mapping map) {
      map.entries()
          .forEach(
              (k, e) -> {
                where.put(k, map.keys().get(k));
                if (e instanceof Mapping em) {
                  endpoints.put(k, em);
                } else if (e instanceof Scalar sc && sc.text() == null) {
                  endpoints.put(k, null);
                } else {
                  errors.add(
                      new Problem(
                          e.at(),
                          path + ".networks." + k,
                          "endpoint settings are a mapping (or empty)"));
                }
              });
    } else {
      errors.add(
          new Problem(
              networks.at(), path + ".networks", "networks is a list of names or a mapping"));
      return;
    }
    for (var e : endpoints.entrySet()) {
      String key = e.getKey();
      Net net = declared.get(key);
      if (net == null && key.equals("default")) {
        net =
            new Net(
                "default",
                project + "_default",
                false,
                new Mapping(where.get(key), Map.of(), Map.of()),
                where.get(key));
        declared.put("default", net);
      }
      if (net == null) {
        errors.add(
            new Problem(
                where.get(key),
                path + ".networks." + key,
                "service "
                    + service
                    + " uses network "
                    + key
                    + ", which is not declared under the top-level networks:"));
        continue;
      }
      used.add(key);
      out.add(attachment(service, net, e.getValue(), path + ".networks." + key));
    }
  }

  private DockerNetwork network(Net n) {
    Mapping c = n.config();
    String path = "networks." + n.key();
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(n.name());
    spec.setDriver(text(c, "driver", path));
    spec.setDriverOpts(stringMap(c, "driver_opts", path));
    spec.setInternal(trueOrNull(c, "internal", path));
    // docker-compose 1.29 (the reference) makes every network attachable unless told otherwise.
    Value attachable = c.entries().get("attachable");
    spec.setAttachable(
        attachable == null || bool(attachable, path + ".attachable") ? Boolean.TRUE : null);
    spec.setEnableIPv6(trueOrNull(c, "enable_ipv6", path));
    spec.setLabels(labels(c, path));
    // The network may exist already (Compose made it): take it over as it is.
    spec.setAdoptionPolicy(AdoptionPolicy.IfCompatible);
    Mapping ipam = mapping(c, "ipam", path + ".ipam");
    if (ipam != null) {
      unsupported(ipam, IPAM_KEYS, path + ".ipam");
      IpamSpec i = new IpamSpec();
      i.setDriver(text(ipam, "driver", path + ".ipam"));
      i.setOptions(stringMap(ipam, "options", path + ".ipam"));
      Value config = ipam.entries().get("config");
      if (config instanceof Sequence pools) {
        List<IpamConfig> list = new ArrayList<>();
        for (int k = 0; k < pools.items().size(); k++) {
          String p = path + ".ipam.config[" + k + "]";
          if (!(pools.items().get(k) instanceof Mapping pool)) {
            errors.add(
                new Problem(
                    pools.items().get(k).at(),
                    p,
                    "an address pool is a mapping (subnet, ip_range, gateway, aux_addresses)"));
            continue;
          }
          unsupported(pool, POOL_KEYS, p);
          IpamConfig ic = new IpamConfig();
          ic.setSubnet(text(pool, "subnet", p));
          ic.setIpRange(text(pool, "ip_range", p));
          ic.setGateway(text(pool, "gateway", p));
          ic.setAuxAddresses(stringMap(pool, "aux_addresses", p));
          list.add(ic);
        }
        i.setConfig(list.isEmpty() ? null : list);
      } else if (config != null && !(config instanceof Scalar s && s.text() == null)) {
        errors.add(
            new Problem(
                config.at(), path + ".ipam.config", "ipam.config is a list of address pools"));
      }
      if (i.getDriver() != null || i.getOptions() != null || i.getConfig() != null) {
        spec.setIpam(i);
      }
    }
    DockerNetwork r = new DockerNetwork();
    r.setMetadata(meta(names.unique(n.name())));
    r.setSpec(spec);
    r.setStatus(null);
    return r;
  }

  private NetworkAttachment attachment(String service, Net net, Mapping settings, String path) {
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(net.name());
    Map<String, String> selector = new TreeMap<>();
    selector.put(Exporter.COMPOSE_PROJECT, project);
    selector.put(Exporter.COMPOSE_SERVICE, service);
    selector.put(Exporter.COMPOSE_ONEOFF, "False");
    ContainerSelector cs = new ContainerSelector();
    cs.setMatchLabels(selector);
    spec.setContainerSelector(cs);
    // Compose gives every endpoint of a service the service name as an alias.
    LinkedHashSet<String> aliases = new LinkedHashSet<>(List.of(service));
    if (settings != null) {
      unsupported(settings, ENDPOINT_KEYS, path);
      aliases.addAll(strings(settings, "aliases", path));
      spec.setIpv4Address(text(settings, "ipv4_address", path));
      spec.setIpv6Address(text(settings, "ipv6_address", path));
      List<String> linkLocal = strings(settings, "link_local_ips", path);
      spec.setLinkLocalIPs(linkLocal.isEmpty() ? null : linkLocal);
    }
    spec.setAliases(new ArrayList<>(aliases));
    NetworkAttachment r = new NetworkAttachment();
    r.setMetadata(meta(names.unique(project, service, net.key())));
    r.setSpec(spec);
    r.setStatus(null);
    return r;
  }

  // ------------------------------------------------------------------ readers

  private void unsupported(Mapping m, Set<String> known, String path) {
    m.entries().keySet().stream()
        .filter(k -> !known.contains(k) && !k.startsWith("x-"))
        .forEach(
            k ->
                warnings.add(
                    new Problem(
                        m.keys().get(k),
                        path + "." + k,
                        k + " is not supported by dockernet import; ignored")));
  }

  private Mapping mapping(Mapping parent, String key, String path) {
    Value v = parent.entries().get(key);
    if (v == null || v instanceof Scalar s && s.text() == null) {
      return null;
    }
    if (v instanceof Mapping m) {
      return m;
    }
    errors.add(new Problem(v.at(), path, key + " must be a mapping"));
    return null;
  }

  private String text(Mapping parent, String key, String path) {
    Value v = parent.entries().get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Scalar s) {
      return s.text() == null || s.text().isEmpty() ? null : s.text();
    }
    errors.add(new Problem(v.at(), path + "." + key, key + " must be a single value"));
    return null;
  }

  private boolean bool(Value v, String path) {
    String t = v instanceof Scalar s && s.text() != null ? s.text().toLowerCase(Locale.ROOT) : "";
    switch (t) {
      case "true", "yes", "on" -> {
        return true;
      }
      case "false", "no", "off" -> {
        return false;
      }
      default -> {
        errors.add(new Problem(v.at(), path, "must be true or false"));
        return false;
      }
    }
  }

  private Boolean trueOrNull(Mapping parent, String key, String path) {
    Value v = parent.entries().get(key);
    return v != null && bool(v, path + "." + key) ? Boolean.TRUE : null;
  }

  private Map<String, String> stringMap(Mapping parent, String key, String path) {
    Value v = parent.entries().get(key);
    if (v == null || v instanceof Scalar s && s.text() == null) {
      return null;
    }
    if (!(v instanceof Mapping m)) {
      errors.add(new Problem(v.at(), path + "." + key, key + " must be a mapping"));
      return null;
    }
    Map<String, String> result = new TreeMap<>();
    m.entries()
        .forEach(
            (k, val) -> {
              if (val instanceof Scalar s) {
                result.put(k, s.text() == null ? "" : s.text());
              } else {
                errors.add(
                    new Problem(val.at(), path + "." + key + "." + k, "must be a single value"));
              }
            });
    return result.isEmpty() ? null : result;
  }

  /** Compose labels: a mapping, or a list of key=value. */
  private Map<String, String> labels(Mapping parent, String path) {
    Value v = parent.entries().get("labels");
    if (v instanceof Sequence list) {
      Map<String, String> result = new TreeMap<>();
      for (Value item : list.items()) {
        String t = item instanceof Scalar s && s.text() != null ? s.text() : null;
        if (t == null) {
          errors.add(new Problem(item.at(), path + ".labels", "a label is key=value"));
          continue;
        }
        int eq = t.indexOf('=');
        result.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
      }
      return result.isEmpty() ? null : result;
    }
    return stringMap(parent, "labels", path);
  }

  private List<String> strings(Mapping parent, String key, String path) {
    Value v = parent.entries().get(key);
    if (v == null || v instanceof Scalar s && s.text() == null) {
      return List.of();
    }
    if (!(v instanceof Sequence list)) {
      errors.add(new Problem(v.at(), path + "." + key, key + " must be a list"));
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (Value item : list.items()) {
      if (item instanceof Scalar s && s.text() != null) {
        result.add(s.text());
      } else {
        errors.add(new Problem(item.at(), path + "." + key, "must be a list of strings"));
      }
    }
    return result;
  }

  private static ObjectMeta meta(String name) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    return meta;
  }
}
