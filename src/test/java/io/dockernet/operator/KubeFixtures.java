package io.dockernet.operator;

import static org.awaitility.Awaitility.await;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.api.v1alpha1.DockerHostStatus;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.DockerNetworkStatus;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.api.v1alpha1.NetworkAttachmentSpec;
import io.dockernet.api.v1alpha1.NetworkAttachmentStatus;
import io.dockernet.testing.TestEngine;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builders and waits for operator tests that use DockerHosts and Secrets (OperatorIT keeps its
 * own).
 */
public final class KubeFixtures {
  private KubeFixtures() {}

  /**
   * Like kubectl edit: on 409 (the operator wrote status between the read and the patch) read again
   * and retry, for up to {@code timeout}.
   */
  public static <T extends HasMetadata> void edit(
      Resource<T> resource, UnaryOperator<T> change, Duration timeout) {
    await()
        .atMost(timeout)
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(
            () -> {
              resource.edit(change);
              return true;
            });
  }

  /**
   * A DockerNetwork whose Docker network carries the test labels ({@link TestEngine#specLabels()}),
   * so that the class's clean-up and, after a killed run, the next run's sweep remove it.
   */
  static DockerNetwork network(
      TestEngine engine, String ns, String name, String dockerName, String subnet, String host) {
    DockerNetwork n = network(ns, name, dockerName, subnet);
    n.getSpec().setHost(host);
    n.getSpec().setLabels(engine.specLabels());
    return n;
  }

  /** A DockerNetwork with one subnet on the default host, for tests that reach no engine. */
  static DockerNetwork network(String ns, String name, String dockerName, String subnet) {
    DockerNetwork n = new DockerNetwork();
    n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    DockerNetworkSpec spec = new DockerNetworkSpec();
    spec.setName(dockerName);
    IpamConfig pool = new IpamConfig();
    pool.setSubnet(subnet);
    IpamSpec ipam = new IpamSpec();
    ipam.setConfig(List.of(pool));
    spec.setIpam(ipam);
    n.setSpec(spec);
    return n;
  }

  /** A NetworkAttachment of one container by name, with aliases, on the default host. */
  public static NetworkAttachment attachment(
      String ns, String name, String network, String container, List<String> aliases) {
    NetworkAttachment a = new NetworkAttachment();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    NetworkAttachmentSpec spec = new NetworkAttachmentSpec();
    spec.setNetwork(network);
    spec.setContainer(container);
    spec.setAliases(aliases);
    a.setSpec(spec);
    return a;
  }

  static DockerHost host(
      String name,
      String endpoint,
      String tlsSecret,
      Boolean allowInsecure,
      Map<String, String> labels) {
    DockerHost h = new DockerHost();
    h.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
    DockerHostSpec spec = new DockerHostSpec();
    spec.setEndpoint(endpoint);
    spec.setTlsSecretName(tlsSecret);
    spec.setAllowInsecure(allowInsecure);
    h.setSpec(spec);
    return h;
  }

  /**
   * A Secret like {@code kubectl create secret generic NAME --from-file=ca.pem --from-file=cert.pem
   * --from-file=key.pem}.
   */
  static Secret tlsSecret(String ns, String name, Path certDir) {
    Map<String, String> data = new LinkedHashMap<>();
    for (String key : List.of("ca.pem", "cert.pem", "key.pem")) {
      try {
        data.put(key, Base64.getEncoder().encodeToString(Files.readAllBytes(certDir.resolve(key))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  static <T extends CustomResource<?, ?>> T get(
      KubernetesClient client, Class<T> type, String ns, String name) {
    return ns == null
        ? client.resources(type).withName(name).get()
        : client.resources(type).inNamespace(ns).withName(name).get();
  }

  static Condition ready(CustomResource<?, ?> resource) {
    Object status = resource == null ? null : resource.getStatus();
    List<Condition> conditions;
    if (status instanceof DockerNetworkStatus s) {
      conditions = s.getConditions();
    } else if (status instanceof NetworkAttachmentStatus s) {
      conditions = s.getConditions();
    } else if (status instanceof DockerHostStatus s) {
      conditions = s.getConditions();
    } else {
      return null;
    }
    return Conditions.find(conditions, "Ready");
  }

  /** Waits for Ready=status (and, when given, that reason) at the resource's current generation. */
  static <T extends CustomResource<?, ?>> Condition awaitReady(
      KubernetesClient client,
      Class<T> type,
      String ns,
      String name,
      String status,
      String reason,
      Duration timeout) {
    try {
      return await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                T r = get(client, type, ns, name);
                Condition c = ready(r);
                boolean matches =
                    c != null
                        && status.equals(c.getStatus())
                        && (reason == null || reason.equals(c.getReason()))
                        && r.getMetadata().getGeneration().equals(c.getObservedGeneration());
                return matches ? c : null;
              },
              c -> c != null);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "Ready="
              + status
              + (reason == null ? "" : " reason " + reason)
              + " not reached for "
              + type.getSimpleName()
              + " "
              + name
              + "; now:\n"
              + Serialization.asYaml(get(client, type, ns, name)),
          e);
    }
  }
}
