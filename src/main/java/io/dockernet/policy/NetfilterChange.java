package io.dockernet.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pure: what turns the installed state of one family into the wanted one, as one {@code
 * iptables-restore --noflush} script (empty when nothing differs, so a re-apply writes nothing) and
 * as lines for people ({@code + CHAIN rule}, {@code - CHAIN rule}).
 *
 * <p>Only chains whose rules differ are declared (which flushes them) and refilled; chains of ours
 * that are no longer wanted are flushed and deleted; our jump is kept first in DOCKER-USER and, as
 * a guard against Docker inserting its ACCEPTs above the DOCKER-USER jump, in FORWARD such that our
 * chain runs before any other rule (see {@link #guardInPlace}). Nothing else is touched.
 */
public record NetfilterChange(Family family, List<String> script, List<String> summary) {

  public boolean isEmpty() {
    return script.isEmpty();
  }

  public static NetfilterChange between(RuleSet wanted, Installed installed) {
    Family f = wanted.family();
    List<String> declare = new ArrayList<>();
    List<String> append = new ArrayList<>();
    List<String> jumps = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    for (Map.Entry<String, List<String>> chain : wanted.chains().entrySet()) {
      List<String> now = installed.ours().get(chain.getKey());
      if (Objects.equals(now, chain.getValue())) {
        continue;
      }
      declare.add(":" + chain.getKey() + " - [0:0]");
      for (String rule : chain.getValue()) {
        append.add("-A " + chain.getKey() + " " + rule);
        if (now == null || !now.contains(rule)) {
          summary.add("+ " + chain.getKey() + " " + rule);
        }
      }
      if (now != null) {
        now.stream()
            .filter(r -> !chain.getValue().contains(r))
            .forEach(r -> summary.add("- " + chain.getKey() + " " + r));
      }
    }
    for (Map.Entry<String, List<String>> chain : installed.ours().entrySet()) {
      if (!wanted.chains().containsKey(chain.getKey())) {
        declare.add(":" + chain.getKey() + " - [0:0]");
        delete.add("-X " + chain.getKey());
        summary.add("- chain " + chain.getKey() + " (" + chain.getValue().size() + " rules)");
      }
    }
    boolean want = !wanted.isEmpty();
    jump(
        jumps,
        summary,
        "FORWARD",
        installed.forward(),
        want,
        guardInPlace(installed.forward(), installed.dockerUser() != null));
    if (installed.dockerUser() != null) {
      List<String> user = installed.dockerUser();
      jump(
          jumps,
          summary,
          Netfilter.DOCKER_USER,
          user,
          want,
          !user.isEmpty() && user.get(0).equals(Netfilter.JUMP) && count(user) == 1);
    }
    if (declare.isEmpty() && jumps.isEmpty() && delete.isEmpty()) {
      return new NetfilterChange(f, List.of(), List.of());
    }
    List<String> script = new ArrayList<>();
    script.add("*filter");
    script.addAll(declare);
    script.addAll(append);
    script.addAll(jumps);
    script.addAll(delete);
    script.add("COMMIT");
    return new NetfilterChange(f, script, summary);
  }

  /**
   * Our jump is once in FORWARD and our chain runs before any other rule: the guard is FORWARD's
   * first rule, or Docker's DOCKER-USER jump is (whose first rule is our jump, checked apart).
   * Docker puts that jump first again after every network create, so other networks coming and
   * going move nothing.
   */
  static boolean guardInPlace(List<String> forward, boolean dockerUser) {
    if (count(forward) != 1 || forward.isEmpty()) {
      return false;
    }
    return forward.get(0).equals(Netfilter.JUMP)
        || (dockerUser && forward.get(0).equals("-j " + Netfilter.DOCKER_USER));
  }

  private static void jump(
      List<String> script,
      List<String> summary,
      String chain,
      List<String> rules,
      boolean want,
      boolean inPlace) {
    int present = count(rules);
    if (want && inPlace) {
      return;
    }
    for (int i = 0; i < present; i++) {
      script.add("-D " + chain + " " + Netfilter.JUMP);
    }
    if (want) {
      script.add("-I " + chain + " 1 " + Netfilter.JUMP);
      summary.add((present > 0 ? "~ " : "+ ") + chain + " " + Netfilter.JUMP + " (first)");
    } else if (present > 0) {
      summary.add("- " + chain + " " + Netfilter.JUMP);
    }
  }

  private static int count(List<String> rules) {
    return (int) rules.stream().filter(Netfilter.JUMP::equals).count();
  }
}
