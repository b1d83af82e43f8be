package io.dockernet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.RecreateJournal;
import io.dockernet.testing.Dockernet;
import io.dockernet.testing.TestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layout both crash tests converge (CrashIT with the CLI, OperatorCrashIT with the operator):
 * 50 networks, each a /27 from {@code 10.123.<firstOctet>.0}, and 50 attachments: 10 containers on
 * 5 networks each, with two aliases each and a static address on the first of a container's
 * networks.
 */
final class FiftyNetworks {
  static final int NETWORKS = 50;
  static final int CONTAINERS = 10;

  final List<String> networks = new ArrayList<>();
  final List<String> containers = new ArrayList<>();
  private final int firstOctet;

  /**
   * Names n0..n49 and k0..k9 under the engine's run prefix; the networks are removed after the
   * class.
   */
  FiftyNetworks(TestEngine engine, int firstOctet) {
    this.firstOctet = firstOctet;
    for (int i = 0; i < NETWORKS; i++) {
      networks.add(engine.name("n" + i));
      engine.removeNetworkAfter(engine.name("n" + i));
    }
    for (int k = 0; k < CONTAINERS; k++) {
      containers.add(engine.name("k" + k));
    }
  }

  String prefixOf(int i) {
    return "10.123." + (firstOctet + i / 8) + "." + (i % 8) * 32;
  }

  String address(int i, int host) {
    return "10.123." + (firstOctet + i / 8) + "." + ((i % 8) * 32 + host);
  }

  /** The container attachment {@code attachment} connects (attachment i is on network i). */
  static int containerOf(int attachment) {
    return attachment / (NETWORKS / CONTAINERS);
  }

  /** True when attachment {@code i} (on network {@code i}) asks for a static address. */
  static boolean isStatic(int attachment) {
    return attachment % (NETWORKS / CONTAINERS) == 0;
  }

  /** The manifests, one document each (DockerNetwork n0..n49, then NetworkAttachment a0..a49). */
  List<String> documents() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < networks.size(); i++) {
      docs.add(
          """
          apiVersion: dockernet.io/v1alpha1
          kind: DockerNetwork
          metadata: {name: n%d}
          spec: {name: %s, ipam: {config: [{subnet: %s/27}]}}
          """
              .formatted(i, networks.get(i), prefixOf(i)));
    }
    for (int i = 0; i < NETWORKS; i++) {
      int k = containerOf(i);
      String address = isStatic(i) ? ", ipv4Address: " + address(i, 10) : "";
      docs.add(
          """
          apiVersion: dockernet.io/v1alpha1
          kind: NetworkAttachment
          metadata: {name: a%d}
          spec: {network: %s, container: %s, aliases: [svc%d, k%d-%d]%s}
          """
              .formatted(
                  i,
                  networks.get(i),
                  containers.get(k),
                  i,
                  k,
                  i % (NETWORKS / CONTAINERS),
                  address));
    }
    return docs;
  }

  /** The endpoints the attachments declare, as "container on network". */
  List<String> endpoints() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < NETWORKS; i++) {
      out.add(containers.get(containerOf(i)) + " on " + networks.get(i));
    }
    return out;
  }

  /** The endpoints the engine has for the layout's containers, as "container on network". */
  Set<String> presentEndpoints(TestEngine engine) {
    Set<String> out = new HashSet<>();
    for (var c : engine.gateway().snapshot().containers()) {
      if (containers.contains(c.name())) {
        c.endpoints().forEach(e -> out.add(c.name() + " on " + e.networkName()));
      }
    }
    return out;
  }

  String yaml() {
    return String.join("---\n", documents());
  }

  /**
   * {@code dockernet plan} says nothing to do, the project's networks are exactly the declared
   * ones, each once, and no recreate journal of them is left.
   */
  static void assertConverged(TestEngine engine, Path dir, String project, Set<String> declared) {
    Dockernet.Run plan =
        Dockernet.run("plan", "-f", dir.toString(), "--project", project, "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.toString()).isZero();
    List<String> ours = new ArrayList<>();
    List<String> journals = new ArrayList<>();
    for (ObservedNetwork n : engine.gateway().snapshot().networks()) {
      if (project.equals(n.config().labels().get(Ownership.PROJECT))) {
        ours.add(n.name());
      }
      if (RecreateJournal.isJournal(n)
          && declared.contains(n.config().labels().get(RecreateJournal.FOR_LABEL))) {
        journals.add(n.name());
      }
    }
    assertThat(ours).as("no duplicate names").doesNotHaveDuplicates();
    Set<String> mine = new HashSet<>(ours);
    mine.retainAll(declared);
    assertThat(new TreeSet<>(ours)).as("no leaked network").isEqualTo(new TreeSet<>(mine));
    assertThat(mine).as("every declared network").hasSameSizeAs(declared);
    assertThat(journals).as("no recreate journal left").isEmpty();
  }
}
