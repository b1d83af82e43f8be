package io.dockernet.pool;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/** Disjoint address ranges of one family, merged as they are added: what is taken. */
final class Intervals {
  /** start → end (inclusive), disjoint, not adjacent-merged (overlaps only). */
  private final TreeMap<BigInteger, BigInteger> ranges = new TreeMap<>();

  Intervals() {}

  Intervals(Intervals other) {
    ranges.putAll(other.ranges);
  }

  void add(IPAddress cidr) {
    IPAddress block = cidr.toPrefixBlock();
    add(block.getValue(), block.getUpperValue());
  }

  void add(BigInteger start, BigInteger end) {
    Map.Entry<BigInteger, BigInteger> before = ranges.floorEntry(start);
    if (before != null && before.getValue().compareTo(start) >= 0) {
      start = before.getKey();
      end = end.max(before.getValue());
      ranges.remove(before.getKey());
    }
    Map.Entry<BigInteger, BigInteger> next;
    while ((next = ranges.ceilingEntry(start)) != null && next.getKey().compareTo(end) <= 0) {
      end = end.max(next.getValue());
      ranges.remove(next.getKey());
    }
    ranges.put(start, end);
  }

  /** The end of a taken range overlapping [start, end], or null when that span is free. */
  BigInteger overlapEnd(BigInteger start, BigInteger end) {
    Map.Entry<BigInteger, BigInteger> e = ranges.floorEntry(end);
    return e != null && e.getValue().compareTo(start) >= 0 ? e.getValue() : null;
  }

  boolean overlaps(IPAddress cidr) {
    IPAddress block = cidr.toPrefixBlock();
    return overlapEnd(block.getValue(), block.getUpperValue()) != null;
  }
}
