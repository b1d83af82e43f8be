package io.dockernet.cli;

import io.dockernet.api.v1alpha1.DockerHost;
import io.dockernet.api.v1alpha1.DockerHostSpec;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkPolicy;
import io.dockernet.api.v1alpha1.NetworkAttachment;
import io.dockernet.engine.EngineConfig;
import io.dockernet.manifest.Manifests;
import io.dockernet.validate.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Which engine each resource converges on. {@code spec.host} names a DockerHost declared in the
 * same inputs, and the resource is converged on that host's engine and no other; an empty {@code
 * spec.host} means the engine -H / --context / DOCKER_HOST chose. Each engine is one {@link Target}
 * with its own round, however many DockerHosts name its address; the rounds run in parallel.
 *
 * <p>TLS for a {@code tcp://} DockerHost: the TLS material of the docker context of the same name,
 * else the local equivalent of its Secret, {@code $DOCKERNET_TLS_DIR/<tlsSecretName>/} (default
 * {@code ~/.dockernet/tls}) with ca.pem, cert.pem and key.pem.
 */
final class Fleet {
  static final String TLS_DIR_ENV = "DOCKERNET_TLS_DIR";

  /**
   * One engine and the resources it converges. {@code hosts} names the DockerHosts that reach it,
   * "" for the default engine: more than one when they name the same address.
   */
  record Target(List<String> hosts, EngineConfig config, Manifests manifests) {
    String label() {
      List<String> names =
          hosts.stream().map(h -> h.isEmpty() ? "default engine" : "DockerHost " + h).toList();
      return String.join(" and ", names) + " (" + config.host() + ")";
    }
  }

  private Fleet() {}

  /**
   * The engines to converge: every declared DockerHost, and the default engine when a resource has
   * no spec.host or no DockerHost is declared. A spec.host naming no declared DockerHost, or a
   * tcp:// host without reachable TLS material, is a located problem, found before any engine call.
   */
  static List<Target> targets(Manifests loaded, EngineOptions engine, Map<String, String> env) {
    Map<String, DockerHost> hosts = new LinkedHashMap<>();
    loaded.hosts().forEach(h -> hosts.putIfAbsent(h.getMetadata().getName(), h));
    List<Problem> problems = new ArrayList<>();
    boolean defaultEngine = hosts.isEmpty();
    for (HasMetadata r : loaded.all()) {
      String host = host(r);
      if (r instanceof DockerHost) {
        continue;
      }
      if (host.isEmpty()) {
        defaultEngine = true;
      } else if (!hosts.containsKey(host)) {
        problems.add(
            new Problem(
                loaded.locator().locate(r, "spec.host"),
                "spec.host",
                "DockerHost "
                    + host
                    + " is not declared in the inputs: add its DockerHost manifest with -f, or leave spec.host empty for the"
                    + " engine that -H/--context choose"));
      }
    }
    // One target per engine address (EngineConfig.address), with every host that names it: two
    // rounds on one engine would each plan without the other's changes, and with --prune each
    // removed the other's networks as no longer declared.
    Map<String, Engine> engines = new LinkedHashMap<>();
    if (defaultEngine) {
      Engine.add(engines, "", engine.config());
    }
    DockerContexts contexts = DockerContexts.of(env);
    for (DockerHost h : hosts.values()) {
      DockerHostSpec spec = h.getSpec() == null ? new DockerHostSpec() : h.getSpec();
      EngineConfig config =
          EngineConfig.forHost(spec.getEndpoint())
              .withAllowInsecure(Boolean.TRUE.equals(spec.getAllowInsecure()));
      if (spec.getEndpoint() != null && spec.getEndpoint().startsWith("tcp://")) {
        Path tls = contexts.tls(h.getMetadata().getName()).orElse(null);
        String secret = spec.getTlsSecretName();
        if (tls == null && secret != null && !secret.isEmpty()) {
          Path dir = tlsDir(env).resolve(secret);
          if (Files.isRegularFile(dir.resolve("ca.pem"))
              && Files.isRegularFile(dir.resolve("cert.pem"))
              && Files.isRegularFile(dir.resolve("key.pem"))) {
            tls = dir;
          } else {
            problems.add(
                new Problem(
                    loaded.locator().locate(h, "spec.tlsSecretName"),
                    "spec.tlsSecretName",
                    "no TLS material for DockerHost "
                        + h.getMetadata().getName()
                        + ": create a docker context named "
                        + h.getMetadata().getName()
                        + " with its ca, cert and key, or put ca.pem, cert.pem and key.pem in "
                        + dir
                        + " ("
                        + TLS_DIR_ENV
                        + " moves that folder)"));
          }
        }
        config = config.withTls(tls);
      }
      Engine.add(engines, h.getMetadata().getName(), config);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return engines.values().stream()
        .map(
            e ->
                new Target(List.copyOf(e.hosts()), e.config(), only(loaded, Set.copyOf(e.hosts()))))
        .toList();
  }

  /**
   * An engine address: the config of the first host naming it (its TLS material), and every name.
   */
  private record Engine(EngineConfig config, List<String> hosts) {
    static void add(Map<String, Engine> engines, String host, EngineConfig config) {
      engines
          .computeIfAbsent(config.address(), a -> new Engine(config, new ArrayList<>()))
          .hosts()
          .add(host);
    }
  }

  /**
   * Runs {@code round} for every target, in parallel when there are several; the results in target
   * order.
   */
  static <T> List<T> each(List<Target> targets, Function<Target, T> round) {
    if (targets.size() == 1) {
      return List.of(round.apply(targets.get(0)));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            targets.size(),
            r -> {
              Thread t = new Thread(r, "dockernet-host-round");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures =
          targets.stream().map(t -> pool.submit(() -> round.apply(t))).toList();
      List<T> results = new ArrayList<>();
      RuntimeException first = null;
      for (Future<T> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException re
                    ? re
                    : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (first != null) {
        throw first;
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The engine runs on this machine (a unix socket): its netfilter and routes are this machine's.
   */
  static boolean local(EngineConfig config) {
    return config.host().startsWith("unix://");
  }

  /**
   * spec.host of a resource that converges on an engine; "" when empty. New kinds with a host add a
   * case.
   */
  static String host(HasMetadata r) {
    String host = null;
    if (r instanceof DockerNetwork n && n.getSpec() != null) {
      host = n.getSpec().getHost();
    } else if (r instanceof NetworkAttachment a && a.getSpec() != null) {
      host = a.getSpec().getHost();
    } else if (r instanceof DockerNetworkPolicy p && p.getSpec() != null) {
      host = p.getSpec().getHost();
    }
    return host == null ? "" : host.trim();
  }

  /**
   * The resources of one engine (spec.host one of {@code hosts}, "" for none); DockerHosts and
   * SubnetPools, which belong to no engine, stay whole.
   */
  private static Manifests only(Manifests loaded, Set<String> hosts) {
    return new Manifests(
        loaded.networks().stream().filter(r -> hosts.contains(host(r))).toList(),
        loaded.attachments().stream().filter(r -> hosts.contains(host(r))).toList(),
        loaded.hosts(),
        loaded.policies().stream().filter(r -> hosts.contains(host(r))).toList(),
        loaded.pools(), // cluster-scoped: every engine allocates from the same pools
        loaded.locator());
  }

  private static Path tlsDir(Map<String, String> env) {
    String dir = env.get(TLS_DIR_ENV);
    return dir == null || dir.isEmpty()
        ? Path.of(System.getProperty("user.home"), ".dockernet", "tls")
        : Path.of(dir);
  }
}
