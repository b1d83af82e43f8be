package io.dockernet.pool;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The machine's routes, from {@code /proc/net/route} and {@code /proc/net/ipv6_route}: a pool never
 * hands out a block that a LAN, VPN or any other routed range already uses. Default routes and the
 * loopback device say nothing about ranges in use and are skipped. Unreadable files (not Linux)
 * give no routes.
 */
public final class HostRoutes {
  private HostRoutes() {}

  public static List<IPAddress> read() {
    return read(Path.of("/proc/net/route"), Path.of("/proc/net/ipv6_route"));
  }

  static List<IPAddress> read(Path v4, Path v6) {
    List<IPAddress> routes = new ArrayList<>();
    routes.addAll(parseV4(lines(v4)));
    routes.addAll(parseV6(lines(v6)));
    return routes;
  }

  /**
   * Lines of /proc/net/route: Iface Destination Gateway Flags RefCnt Use Metric Mask ... (hex, host
   * byte order).
   */
  static List<IPAddress> parseV4(List<String> lines) {
    List<IPAddress> routes = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].equals("Iface") || f[0].equals("lo")) {
        continue;
      }
      try {
        byte[] dest = hostOrder(f[1]);
        int prefix = Integer.bitCount(ByteBuffer.wrap(hostOrder(f[7])).getInt());
        if (prefix > 0) {
          routes.add(new IPv4Address(dest, prefix).toPrefixBlock());
        }
      } catch (RuntimeException e) {
        // a line we cannot read is not a range we know of
      }
    }
    return routes;
  }

  /** Lines of /proc/net/ipv6_route: destination (32 hex), prefix length (hex), ..., device last. */
  static List<IPAddress> parseV6(List<String> lines) {
    List<IPAddress> routes = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || f[f.length - 1].equals("lo")) {
        continue;
      }
      try {
        int prefix = Integer.parseInt(f[1], 16);
        if (prefix > 0) {
          routes.add(new IPv6Address(HexFormat.of().parseHex(f[0]), prefix).toPrefixBlock());
        }
      } catch (RuntimeException e) {
        // as above
      }
    }
    return routes;
  }

  /** The kernel prints the 32-bit value in host byte order. */
  private static byte[] hostOrder(String hex) {
    int value = (int) Long.parseLong(hex, 16);
    return ByteBuffer.allocate(4)
        .order(ByteOrder.BIG_ENDIAN)
        .putInt(
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? Integer.reverseBytes(value)
                : value)
        .array();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }
}
