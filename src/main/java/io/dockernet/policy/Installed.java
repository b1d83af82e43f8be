package io.dockernet.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one family's filter table holds that matters to us, parsed from {@code iptables-save -t
 * filter}: our chains with their rules, the rules of FORWARD, and those of DOCKER-USER (null when
 * Docker made no such chain: Docker's iptables management is off, or it does not manage ip6tables).
 */
public record Installed(
    Family family, Map<String, List<String>> ours, List<String> forward, List<String> dockerUser) {

  public static Installed parse(Family family, String save) {
    Map<String, List<String>> ours = new LinkedHashMap<>();
    List<String> forward = new ArrayList<>();
    List<String> dockerUser = null;
    boolean filter = false;
    for (String line : save.split("\n")) {
      if (line.startsWith("*")) {
        filter = line.equals("*filter");
      } else if (!filter || line.startsWith("#") || line.equals("COMMIT")) {
        continue;
      } else if (line.startsWith(":")) {
        String chain = line.substring(1).split(" ", 2)[0];
        if (chain.startsWith(PolicyCompiler.PREFIX)) {
          ours.putIfAbsent(chain, new ArrayList<>());
        } else if (chain.equals(Netfilter.DOCKER_USER) && dockerUser == null) {
          dockerUser = new ArrayList<>();
        }
      } else if (line.startsWith("-A ")) {
        String[] parts = line.substring(3).split(" ", 2);
        String rule = parts.length > 1 ? parts[1] : "";
        if (parts[0].startsWith(PolicyCompiler.PREFIX)) {
          ours.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(rule);
        } else if (parts[0].equals("FORWARD")) {
          forward.add(rule);
        } else if (parts[0].equals(Netfilter.DOCKER_USER)) {
          if (dockerUser == null) {
            dockerUser = new ArrayList<>();
          }
          dockerUser.add(rule);
        }
      }
    }
    return new Installed(family, ours, forward, dockerUser);
  }

  /** The owner written into our entry chain (see {@link PolicyCompiler}); null when none. */
  public String owner() {
    List<String> entry = ours.get(PolicyCompiler.ENTRY);
    if (entry == null
        || entry.isEmpty()
        || !entry.get(0).startsWith(PolicyCompiler.OWNER_COMMENT)) {
      return null;
    }
    String rule = entry.get(0);
    return rule.substring(PolicyCompiler.OWNER_COMMENT.length(), rule.length() - 1);
  }

  /** Every rule of ours plus our jumps: what a user sees of dockernet in this table. */
  public int ruleCount() {
    return ours.values().stream().mapToInt(List::size).sum()
        + (int) forward.stream().filter(Netfilter.JUMP::equals).count()
        + (dockerUser == null
            ? 0
            : (int) dockerUser.stream().filter(Netfilter.JUMP::equals).count());
  }
}
