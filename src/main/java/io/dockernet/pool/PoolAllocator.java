package io.dockernet.pool;

import inet.ipaddr.IPAddress;
import io.dockernet.api.v1alpha1.DockerNetwork;
import io.dockernet.api.v1alpha1.DockerNetworkSpec;
import io.dockernet.api.v1alpha1.IpamConfig;
import io.dockernet.api.v1alpha1.IpamSpec;
import io.dockernet.api.v1alpha1.SubnetPool;
import io.dockernet.model.Cidr;
import io.dockernet.model.DesiredState;
import io.dockernet.model.IpamPool;
import io.dockernet.model.ObservedNetwork;
import io.dockernet.model.Ownership;
import io.dockernet.model.ResourceRef;
import io.dockernet.model.Snapshot;
import io.dockernet.plan.Reason;
import io.dockernet.pool.Allocation.Grant;
import io.dockernet.pool.Allocation.PoolProblem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure pool stage: DockerNetworks asking for {@code pool:} in, DockerNetworks with subnets out.
 *
 * <p>Rules (docs/address-planning.md):
 *
 * <ul>
 *   <li>A network that already exists on the engine with our labels and owner keeps the subnet it
 *       has of the pool's family when the network's {@link #POOL_LABEL} names the pool or the
 *       subnet lies in the pool: re-apply, recreate for another field and other machines keep it.
 *       When the label names the pool but the pool no longer holds the subnet, the network keeps it
 *       and is reported {@link Reason#OUTSIDE_POOL} (never recreated for that alone).
 *   <li>Every other request takes the lowest block of {@code prefixLength} in the pool's ranges
 *       that overlaps no network the engine has (whoever made it), no subnet another desired
 *       network declares or was given, nothing excluded, no route of the machine, and (Fleet pools)
 *       nothing the caller says is taken on other hosts. Requests are served in the order of their
 *       resource (namespace, name, config index): the same input gives the same result.
 *   <li>A request no block can serve leaves its whole network out ({@link Reason#POOL_EXHAUSTED});
 *       the other networks are unaffected.
 * </ul>
 */
public final class PoolAllocator {
  /** Label on a network created from pools: the pool names, comma-separated, in config order. */
  public static final String POOL_LABEL = Ownership.PREFIX + "pool";

  private PoolAllocator() {}

  /**
   * What one round knows.
   *
   * @param project the project whose labels mark our networks
   * @param networks the desired networks on this engine (pool requests and explicit subnets)
   * @param pools every SubnetPool the networks may name
   * @param snapshot the engine
   * @param routes the machine's routes (CLI on the local engine), empty otherwise
   * @param alsoTaken ranges taken for every pool on this engine (e.g. other resources' subnets)
   * @param fleetTaken per Fleet pool, ranges taken on the other hosts it serves
   */
  public record Input(
      String project,
      List<DockerNetwork> networks,
      List<SubnetPool> pools,
      Snapshot snapshot,
      List<IPAddress> routes,
      List<IPAddress> alsoTaken,
      Map<String, List<IPAddress>> fleetTaken) {
    public Input {
      routes = routes == null ? List.of() : List.copyOf(routes);
      alsoTaken = alsoTaken == null ? List.of() : List.copyOf(alsoTaken);
      fleetTaken = fleetTaken == null ? Map.of() : Map.copyOf(fleetTaken);
    }

    public Input(
        String project,
        List<DockerNetwork> networks,
        List<SubnetPool> pools,
        Snapshot snapshot,
        List<IPAddress> routes) {
      this(project, networks, pools, snapshot, routes, List.of(), Map.of());
    }
  }

  /** True when any of the networks asks a pool for its subnet. */
  public static boolean anyRequest(List<DockerNetwork> networks) {
    return networks.stream().anyMatch(PoolAllocator::requests);
  }

  /** The subnets a network declares itself (not from pools). */
  public static List<IPAddress> explicitSubnets(DockerNetwork n) {
    return config(n).stream()
        .filter(c -> c != null && c.getPool() == null)
        .map(c -> parse(c.getSubnet()))
        .filter(Objects::nonNull)
        .toList();
  }

  static boolean requests(DockerNetwork n) {
    List<IpamConfig> config = config(n);
    return config.stream().anyMatch(c -> c != null && c.getPool() != null);
  }

  private record Request(DockerNetwork network, ResourceRef ref, int index, String pool) {}

  public static Allocation allocate(Input in) {
    if (!anyRequest(in.networks())) {
      return new Allocation(in.networks(), List.of(), List.of(), List.of());
    }
    Map<String, PoolSpec> pools = new HashMap<>();
    Map<String, String> invalid = new HashMap<>();
    for (SubnetPool p : in.pools()) {
      try {
        pools.putIfAbsent(p.getMetadata().getName(), PoolSpec.of(p));
      } catch (IllegalArgumentException e) {
        invalid.put(p.getMetadata().getName(), e.getMessage());
      }
    }
    Map<String, ObservedNetwork> observed = new HashMap<>();
    in.snapshot().networks().forEach(o -> observed.putIfAbsent(o.name(), o));

    // What no fresh block may overlap, by family.
    Intervals v4 = new Intervals();
    Intervals v6 = new Intervals();
    for (ObservedNetwork o : in.snapshot().networks()) {
      for (IpamPool p : o.config().ipamPools()) {
        take(v4, v6, parse(p.subnet()));
      }
    }
    in.routes().forEach(r -> take(v4, v6, r));
    in.alsoTaken().forEach(r -> take(v4, v6, r));
    for (DockerNetwork n : in.networks()) {
      config(n)
          .forEach(
              c -> take(v4, v6, c == null || c.getPool() != null ? null : parse(c.getSubnet())));
    }

    Map<ResourceRef, Map<Integer, String>> chosen = new HashMap<>();
    List<Grant> grants = new ArrayList<>();
    Map<ResourceRef, PoolProblem> problems = new LinkedHashMap<>();
    List<Request> fresh = new ArrayList<>();
    for (DockerNetwork n : in.networks()) {
      ResourceRef ref = DesiredState.ref(n);
      List<IpamConfig> config = config(n);
      ObservedNetwork mine = ours(in.project(), ref, observed.get(DesiredState.dockerName(n)));
      for (int i = 0; i < config.size(); i++) {
        IpamConfig c = config.get(i);
        if (c == null || c.getPool() == null) {
          continue;
        }
        PoolSpec pool = pools.get(c.getPool());
        if (pool == null) {
          problems.putIfAbsent(
              ref,
              invalid.containsKey(c.getPool())
                  ? new PoolProblem(
                      ref,
                      DesiredState.dockerName(n),
                      Reason.POOL_INVALID,
                      invalid.get(c.getPool()))
                  : new PoolProblem(
                      ref,
                      DesiredState.dockerName(n),
                      Reason.POOL_NOT_FOUND,
                      "SubnetPool " + c.getPool() + " does not exist"));
          continue;
        }
        IPAddress kept = previous(mine, pool);
        if (kept != null) {
          chosen
              .computeIfAbsent(ref, r -> new HashMap<>())
              .put(i, kept.toPrefixBlock().toCanonicalString());
          grants.add(
              new Grant(
                  ref,
                  DesiredState.dockerName(n),
                  pool.name(),
                  kept.toPrefixBlock().toCanonicalString(),
                  false));
          if (!pool.holds(kept)) {
            problems.putIfAbsent(
                ref,
                new PoolProblem(
                    ref,
                    DesiredState.dockerName(n),
                    Reason.OUTSIDE_POOL,
                    "subnet "
                        + kept.toPrefixBlock()
                        + " allocated from pool "
                        + pool.name()
                        + " is no longer inside it ("
                        + pool.describe()
                        + "); the network "
                        + "keeps it: delete and re-create the network to take a block from the pool as it is now"));
          }
        } else {
          fresh.add(new Request(n, ref, i, pool.name()));
        }
      }
    }

    fresh.sort(
        Comparator.comparing((Request r) -> r.ref().namespace())
            .thenComparing(r -> r.ref().name())
            .thenComparingInt(Request::index));
    Map<String, Cursor> cursors = new HashMap<>();
    for (Request r : fresh) {
      if (problems.containsKey(r.ref())) {
        continue;
      }
      PoolSpec pool = pools.get(r.pool());
      Cursor cursor =
          cursors.computeIfAbsent(pool.name(), k -> new Cursor(pool, in.fleetTaken().get(k)));
      IPAddress block = cursor.next(pool.ipv4() ? v4 : v6);
      if (block == null) {
        problems.put(
            r.ref(),
            new PoolProblem(
                r.ref(),
                DesiredState.dockerName(r.network()),
                Reason.POOL_EXHAUSTED,
                "SubnetPool "
                    + pool.describe()
                    + " has no free /"
                    + pool.prefixLength()
                    + " block that overlaps no network, route or "
                    + "excluded range on this engine; nothing was created for this network"));
        continue;
      }
      take(v4, v6, block);
      String subnet = block.toCanonicalString();
      chosen.computeIfAbsent(r.ref(), k -> new HashMap<>()).put(r.index(), subnet);
      grants.add(
          new Grant(r.ref(), DesiredState.dockerName(r.network()), pool.name(), subnet, true));
    }

    List<DockerNetwork> networks = new ArrayList<>();
    List<DockerNetwork> blocked = new ArrayList<>();
    for (DockerNetwork n : in.networks()) {
      ResourceRef ref = DesiredState.ref(n);
      PoolProblem problem = problems.get(ref);
      if (problem != null && problem.code() != Reason.OUTSIDE_POOL) {
        blocked.add(n);
      } else if (requests(n)) {
        networks.add(withSubnets(n, chosen.getOrDefault(ref, Map.of())));
      } else {
        networks.add(n);
      }
    }
    List<Grant> granted =
        grants.stream()
            .filter(
                g ->
                    !problems.containsKey(g.network())
                        || problems.get(g.network()).code() == Reason.OUTSIDE_POOL)
            .toList();
    return new Allocation(networks, blocked, granted, List.copyOf(problems.values()));
  }

  /** The network of this name if it is ours (project and owner), else null. */
  private static ObservedNetwork ours(String project, ResourceRef ref, ObservedNetwork o) {
    if (o == null || !o.managed()) {
      return null;
    }
    Map<String, String> labels = o.config().labels();
    return project.equals(labels.get(Ownership.PROJECT))
            && ref.key().equals(labels.get(Ownership.OWNER))
        ? o
        : null;
  }

  /** The subnet an existing network of ours holds from this pool, if any. */
  private static IPAddress previous(ObservedNetwork mine, PoolSpec pool) {
    if (mine == null) {
      return null;
    }
    Set<String> named = poolsOf(mine.config().labels());
    for (IpamPool p : mine.config().ipamPools()) {
      IPAddress subnet = parse(p.subnet());
      if (subnet != null
          && subnet.isIPv4() == pool.ipv4()
          && (named.contains(pool.name()) || pool.holds(subnet))) {
        return subnet;
      }
    }
    return null;
  }

  /** The pools a network's {@link #POOL_LABEL} names. */
  public static Set<String> poolsOf(Map<String, String> labels) {
    String value = labels.get(POOL_LABEL);
    return value == null || value.isEmpty()
        ? Set.of()
        : new TreeSet<>(Arrays.asList(value.split(",")));
  }

  /**
   * A copy with each pool request replaced by its subnet and {@link #POOL_LABEL} added; the
   * original is not changed.
   */
  private static DockerNetwork withSubnets(DockerNetwork n, Map<Integer, String> subnets) {
    DockerNetwork copy = new DockerNetwork();
    copy.setMetadata(n.getMetadata());
    copy.setStatus(n.getStatus());
    DockerNetworkSpec spec = SpecCopy.of(n.getSpec());
    IpamSpec ipam = new IpamSpec();
    ipam.setDriver(spec.getIpam().getDriver());
    ipam.setOptions(spec.getIpam().getOptions());
    List<IpamConfig> config = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    List<IpamConfig> original = spec.getIpam().getConfig();
    for (int i = 0; i < original.size(); i++) {
      IpamConfig c = original.get(i);
      if (c != null && c.getPool() != null) {
        IpamConfig concrete = new IpamConfig();
        concrete.setSubnet(subnets.get(i));
        config.add(concrete);
        names.add(c.getPool());
      } else {
        config.add(c);
      }
    }
    ipam.setConfig(config);
    spec.setIpam(ipam);
    Map<String, String> labels =
        new LinkedHashMap<>(spec.getLabels() == null ? Map.of() : spec.getLabels());
    labels.put(POOL_LABEL, String.join(",", names));
    spec.setLabels(labels);
    copy.setSpec(spec);
    return copy;
  }

  private static List<IpamConfig> config(DockerNetwork n) {
    DockerNetworkSpec spec = n.getSpec();
    return spec == null || spec.getIpam() == null || spec.getIpam().getConfig() == null
        ? List.of()
        : spec.getIpam().getConfig();
  }

  private static void take(Intervals v4, Intervals v6, IPAddress range) {
    if (range == null
        || range.getNetworkPrefixLength() == null
        || range.getNetworkPrefixLength() == 0) {
      return; // default routes say nothing about which ranges are in use
    }
    (range.isIPv4() ? v4 : v6).add(range);
  }

  /** A CIDR, or null when the text is none (engines report what they were given). */
  public static IPAddress parse(String cidr) {
    return Cidr.parse(cidr);
  }

  /**
   * Walks one pool's blocks from the lowest. Nothing is freed during a round, so each search starts
   * where the previous one ended: a round over N requests is linear, not quadratic.
   */
  private static final class Cursor {
    private final PoolSpec pool;
    private final Intervals own = new Intervals();
    private final BigInteger blockSize;
    private int range;
    private BigInteger position;

    Cursor(PoolSpec pool, List<IPAddress> fleetTaken) {
      this.pool = pool;
      pool.exclude().forEach(own::add);
      if (fleetTaken != null) {
        fleetTaken.stream()
            .filter(Objects::nonNull)
            .filter(a -> a.isIPv4() == pool.ipv4())
            .forEach(own::add);
      }
      int bits = pool.ipv4() ? 32 : 128;
      this.blockSize = BigInteger.ONE.shiftLeft(bits - pool.prefixLength());
      this.position = pool.cidrs().get(0).getValue();
    }

    IPAddress next(Intervals taken) {
      while (range < pool.cidrs().size()) {
        IPAddress cidr = pool.cidrs().get(range);
        if (cidr.getNetworkPrefixLength() > pool.prefixLength()) {
          advanceRange();
          continue;
        }
        BigInteger end = cidr.getUpperValue();
        position = position.max(cidr.getValue());
        while (true) {
          BigInteger last = position.add(blockSize).subtract(BigInteger.ONE);
          if (last.compareTo(end) > 0) {
            break;
          }
          BigInteger overlap = taken.overlapEnd(position, last);
          if (overlap == null) {
            overlap = own.overlapEnd(position, last);
          }
          if (overlap == null) {
            return blockAt(cidr, position);
          }
          position = alignUp(overlap.add(BigInteger.ONE));
        }
        advanceRange();
      }
      return null;
    }

    private void advanceRange() {
      range++;
      if (range < pool.cidrs().size()) {
        position = position.max(pool.cidrs().get(range).getValue());
      }
    }

    private BigInteger alignUp(BigInteger value) {
      BigInteger[] qr = value.divideAndRemainder(blockSize);
      return qr[1].signum() == 0 ? value : qr[0].add(BigInteger.ONE).multiply(blockSize);
    }

    private IPAddress blockAt(IPAddress cidr, BigInteger start) {
      byte[] bytes = toBytes(start, pool.ipv4() ? 4 : 16);
      IPAddress address =
          pool.ipv4()
              ? new inet.ipaddr.ipv4.IPv4Address(bytes, pool.prefixLength())
              : new inet.ipaddr.ipv6.IPv6Address(bytes, pool.prefixLength());
      return address.toPrefixBlock();
    }

    private static byte[] toBytes(BigInteger value, int length) {
      byte[] raw = value.toByteArray();
      byte[] out = new byte[length];
      int copy = Math.min(raw.length, length);
      System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
      return out;
    }
  }
}
