package io.dockernet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dockernet.model.EndpointConfig;
import io.dockernet.model.EngineInfo;
import io.dockernet.model.IpamPool;
import io.dockernet.model.NetworkConfig;
import io.dockernet.model.ObservedEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Engine JSON to our model and back. Pure: unit-testable without an engine. */
final class EngineJson {
  private EngineJson() {}

  /** From GET /info and the Api-Version header of that answer. */
  static EngineInfo engineInfo(JsonNode info, String apiVersion) {
    JsonNode swarm = info.path("Swarm");
    String role = "none";
    if ("active".equals(swarm.path("LocalNodeState").asText())) {
      role = swarm.path("ControlAvailable").asBoolean(false) ? "manager" : "worker";
    }
    return new EngineInfo(text(info, "ServerVersion"), apiVersion, role, text(info, "Name"));
  }

  /** One element of GET /networks (or GET /networks/{id}). */
  static NetworkConfig networkConfig(JsonNode n) {
    JsonNode ipam = n.path("IPAM");
    List<IpamPool> pools = new ArrayList<>();
    for (JsonNode p : ipam.path("Config")) {
      pools.add(
          new IpamPool(
              text(p, "Subnet"),
              text(p, "IPRange"),
              text(p, "Gateway"),
              stringMap(p.path("AuxiliaryAddresses"))));
    }
    JsonNode enableIPv4 = n.get("EnableIPv4"); // absent before API 1.47: "engine default"
    return new NetworkConfig(
        text(n, "Name"),
        text(n, "Driver"),
        stringMap(n.path("Options")),
        n.path("Internal").asBoolean(false),
        n.path("Attachable").asBoolean(false),
        n.path("Ingress").asBoolean(false),
        n.path("EnableIPv6").asBoolean(false),
        enableIPv4 == null || enableIPv4.isNull() ? null : enableIPv4.asBoolean(),
        text(n, "Scope"),
        n.path("ConfigOnly").asBoolean(false),
        text(n.path("ConfigFrom"), "Network"),
        stringMap(n.path("Labels")),
        text(ipam, "Driver"),
        stringMap(ipam.path("Options")),
        pools);
  }

  /**
   * One entry of a container's NetworkSettings.Networks (from inspect: list lacks aliases, links,
   * driver opts and link-local IPs). {@link ObservedEndpoint} normalises what the engine writes.
   */
  static ObservedEndpoint endpoint(
      String networkName,
      JsonNode s,
      String containerId,
      String containerName,
      boolean macConfigurable) {
    JsonNode ipamConfig = s.path("IPAMConfig");
    String mac = text(s, "MacAddress");
    JsonNode gwPriority = s.get("GwPriority");
    EndpointConfig config =
        new EndpointConfig(
            strings(s.path("Aliases")),
            text(ipamConfig, "IPv4Address"),
            text(ipamConfig, "IPv6Address"),
            strings(ipamConfig.path("LinkLocalIPs")),
            strings(s.path("Links")),
            stringMap(s.path("DriverOpts")),
            // Before 1.44 an endpoint's MAC cannot be chosen, so it is no setting, only a result.
            macConfigurable ? mac : null,
            gwPriority == null || gwPriority.isNull() || gwPriority.asInt() == 0
                ? null
                : gwPriority.asInt());
    return new ObservedEndpoint(
        text(s, "NetworkID"),
        networkName,
        containerId,
        containerName,
        text(s, "EndpointID"),
        text(s, "IPAddress"),
        text(s, "GlobalIPv6Address"),
        mac,
        config);
  }

  /** The body of POST /networks/create, every field the engine takes. */
  static ObjectNode createBody(NetworkConfig c) {
    ObjectNode body = EngineHttp.JSON.createObjectNode();
    body.put("Name", c.name());
    body.put("CheckDuplicate", true);
    if (c.driver() != null) {
      body.put("Driver", c.driver());
    }
    // Empty maps stay out: a configFrom network refuses any "user specified" options, labels or
    // IPAM.
    if (!c.options().isEmpty()) {
      body.set("Options", mapNode(c.options()));
    }
    body.put("Internal", c.internal());
    body.put("Attachable", c.attachable());
    body.put("Ingress", c.ingress());
    body.put("EnableIPv6", c.enableIPv6());
    if (c.enableIPv4() != null) {
      body.put("EnableIPv4", c.enableIPv4());
    }
    if (c.scope() != null) {
      body.put("Scope", c.scope());
    }
    body.put("ConfigOnly", c.configOnly());
    if (c.configFrom() != null) {
      body.putObject("ConfigFrom").put("Network", c.configFrom());
    }
    if (!c.labels().isEmpty()) {
      body.set("Labels", mapNode(c.labels()));
    }
    if (c.ipamDriver() == null && c.ipamOptions().isEmpty() && c.ipamPools().isEmpty()) {
      return body;
    }
    ObjectNode ipam = body.putObject("IPAM");
    if (c.ipamDriver() != null) {
      ipam.put("Driver", c.ipamDriver());
    }
    if (!c.ipamOptions().isEmpty()) {
      ipam.set("Options", mapNode(c.ipamOptions()));
    }
    ArrayNode pools = ipam.putArray("Config");
    for (IpamPool p : c.ipamPools()) {
      ObjectNode pool = pools.addObject();
      putIfSet(pool, "Subnet", p.subnet());
      putIfSet(pool, "IPRange", p.ipRange());
      putIfSet(pool, "Gateway", p.gateway());
      if (!p.auxAddresses().isEmpty()) {
        pool.set("AuxiliaryAddresses", mapNode(p.auxAddresses()));
      }
    }
    return body;
  }

  /** The body of POST /networks/{id}/connect. */
  static ObjectNode connectBody(String container, EndpointConfig e) {
    ObjectNode body = EngineHttp.JSON.createObjectNode();
    body.put("Container", container);
    ObjectNode ep = body.putObject("EndpointConfig");
    if (!e.aliases().isEmpty()) {
      ep.set("Aliases", arrayNode(e.aliases()));
    }
    if (!e.links().isEmpty()) {
      ep.set("Links", arrayNode(e.links()));
    }
    if (!e.driverOpts().isEmpty()) {
      ep.set("DriverOpts", mapNode(e.driverOpts()));
    }
    putIfSet(ep, "MacAddress", e.macAddress());
    if (e.gwPriority() != null) {
      ep.put("GwPriority", e.gwPriority());
    }
    if (e.ipv4Address() != null || e.ipv6Address() != null || !e.linkLocalIps().isEmpty()) {
      ObjectNode ipam = ep.putObject("IPAMConfig");
      putIfSet(ipam, "IPv4Address", e.ipv4Address());
      putIfSet(ipam, "IPv6Address", e.ipv6Address());
      if (!e.linkLocalIps().isEmpty()) {
        ipam.set("LinkLocalIPs", arrayNode(e.linkLocalIps()));
      }
    }
    return body;
  }

  /** The engine writes "" for unset strings; we use null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  static List<String> strings(JsonNode node) {
    List<String> list = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(v -> list.add(v.asText()));
    }
    return list;
  }

  private static ObjectNode mapNode(Map<String, String> map) {
    ObjectNode node = EngineHttp.JSON.createObjectNode();
    map.forEach(node::put);
    return node;
  }

  private static ArrayNode arrayNode(List<String> values) {
    ArrayNode node = EngineHttp.JSON.createArrayNode();
    values.forEach(node::add);
    return node;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
