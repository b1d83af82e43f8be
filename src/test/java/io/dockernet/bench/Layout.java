package io.dockernet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired state of one benchmark size: N bridge networks {@code dnb-<i>} with subnets
 * 10.124.i.0/24 and 2N attachments. There are C = max(2, N/5) pre-started containers {@code
 * dnb-c<j>}; network i gets containers (2i mod C) and (2i+1 mod C), so each container sits on about
 * 10 networks (2N/C). Every attachment has one alias. The same state is written as manifests
 * (product), a call list (docker-java floor), a shell script (docker CLI loop) and a playbook
 * (Ansible).
 */
record Layout(
    Space space, int n, List<Net> networks, List<String> containers, List<Attachment> attachments) {
  static final String LABEL = "bench.dockernet";

  /**
   * Names, label value and subnets (third octets of 10.124.0.0/16) of one kind of run, so that the
   * smoke test in a concurrent {@code mvn verify} never touches a full run's objects.
   */
  record Space(
      String prefix, String labelValue, int subnetBase, int maxN, int changedOctet, int emptyBase) {
    static final Space FULL = new Space("dnb-", "true", 0, 200, 250, 220);
    static final Space SMOKE = new Space("dns-", "smoke", 200, 10, 210, 211);

    /** The operator figures: only 10.124.226.0/24 (emptyBase + 6) and networks without subnets. */
    static final Space OPERATOR = new Space("dno-", "operator", 0, 0, 0, 220);

    String label() {
      return LABEL + "=" + labelValue;
    }

    /** The dockernet project the product runs under. */
    String project() {
      return this == SMOKE ? "bench-smoke" : this == OPERATOR ? "bench-operator" : "bench";
    }
  }

  record Net(String name, String subnet) {}

  record Attachment(String name, String network, String container, String alias) {}

  static Layout of(Space space, int n) {
    if (n < 1 || n > space.maxN()) {
      throw new IllegalArgumentException("N must be 1.." + space.maxN() + ", was " + n);
    }
    int c = Math.max(2, n / 5);
    List<String> containers = new ArrayList<>();
    for (int j = 0; j < c; j++) {
      containers.add(space.prefix() + "c" + j);
    }
    List<Net> networks = new ArrayList<>();
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Net net = new Net(space.prefix() + i, "10.124." + (space.subnetBase() + i) + ".0/24");
      networks.add(net);
      for (int k = 0; k < 2; k++) {
        String container = containers.get((2 * i + k) % c);
        attachments.add(
            new Attachment(net.name() + "-" + k, net.name(), container, "a" + i + "-" + k));
      }
    }
    return new Layout(space, n, networks, containers, attachments);
  }

  /** Scenario 3: every 10th attachment gets another alias, network 0 another subnet. */
  Layout changed() {
    List<Net> nets = new ArrayList<>(networks);
    nets.set(0, new Net(nets.get(0).name(), "10.124." + space.changedOctet() + ".0/24"));
    List<Attachment> atts = new ArrayList<>();
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      atts.add(
          i % 10 == 0 ? new Attachment(a.name(), a.network(), a.container(), a.alias() + "-x") : a);
    }
    return new Layout(space, n, nets, containers, atts);
  }

  /** Attachments that {@link #changed()} alters, plus those of the re-subnetted network. */
  int attachmentsTouchedByChange() {
    int touched = 0;
    for (int i = 0; i < attachments.size(); i++) {
      if (i % 10 == 0 || attachments.get(i).network().equals(networks.get(0).name())) {
        touched++;
      }
    }
    return touched;
  }

  void writeManifests(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder nets = new StringBuilder();
    for (Net net : networks) {
      nets.append(
              "---\napiVersion: dockernet.io/v1alpha1\nkind: DockerNetwork\nmetadata:\n  name: ")
          .append(net.name())
          .append("\nspec:\n  labels:\n    ")
          .append(LABEL)
          .append(": \"")
          .append(space.labelValue())
          .append("\"\n  ipam:\n    config:\n      - subnet: ")
          .append(net.subnet())
          .append('\n');
    }
    Files.writeString(dir.resolve("networks.yaml"), nets);
    StringBuilder atts = new StringBuilder();
    for (Attachment a : attachments) {
      atts.append(
              "---\napiVersion: dockernet.io/v1alpha1\nkind: NetworkAttachment\nmetadata:\n  name: ")
          .append(a.name())
          .append("\nspec:\n  network: ")
          .append(a.network())
          .append("\n  container: ")
          .append(a.container())
          .append("\n  aliases: [")
          .append(a.alias())
          .append("]\n");
    }
    Files.writeString(dir.resolve("attachments.yaml"), atts);
  }

  /** Input of {@link Floor}: "create NAME SUBNET" and "connect NETWORK CONTAINER ALIAS" lines. */
  void writeCalls(Path file) throws IOException {
    StringBuilder s = new StringBuilder();
    networks.forEach(
        n ->
            s.append("create ")
                .append(n.name())
                .append(' ')
                .append(n.subnet())
                .append(' ')
                .append(space.labelValue())
                .append('\n'));
    attachments.forEach(
        a ->
            s.append("connect ")
                .append(a.network())
                .append(' ')
                .append(a.container())
                .append(' ')
                .append(a.alias())
                .append('\n'));
    Files.writeString(file, s);
  }

  /** What a user would script: one docker CLI call per network and per attachment. */
  void writeCliLoop(Path file) throws IOException {
    StringBuilder s = new StringBuilder("#!/bin/sh\nset -e\n");
    networks.forEach(
        n ->
            s.append("docker network create --label ")
                .append(space.label())
                .append(" --subnet ")
                .append(n.subnet())
                .append(' ')
                .append(n.name())
                .append(" >/dev/null\n"));
    attachments.forEach(
        a ->
            s.append("docker network connect --alias ")
                .append(a.alias())
                .append(' ')
                .append(a.network())
                .append(' ')
                .append(a.container())
                .append('\n'));
    Files.writeString(file, s);
  }

  /**
   * community.docker.docker_network with {@code connected}: that module cannot set endpoint aliases
   * (only docker_container can, and it would manage the containers too), so Ansible does slightly
   * less work than the others.
   */
  void writePlaybook(Path file) throws IOException {
    StringBuilder s =
        new StringBuilder(
            "- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n");
    for (Net net : networks) {
      s.append("    - community.docker.docker_network:\n        name: ")
          .append(net.name())
          .append("\n        labels:\n          ")
          .append(LABEL)
          .append(": \"")
          .append(space.labelValue())
          .append("\"\n        ipam_config:\n          - subnet: ")
          .append(net.subnet())
          .append("\n        connected:\n");
      attachments.stream()
          .filter(a -> a.network().equals(net.name()))
          .forEach(a -> s.append("          - ").append(a.container()).append('\n'));
      s.append("        appends: true\n");
    }
    Files.writeString(file, s);
  }
}
