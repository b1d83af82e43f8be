package io.dockernet.policy;

/** An address family and the netfilter tools that manage it. */
public enum Family {
  IPV4("iptables", "icmp", "/32"),
  IPV6("ip6tables", "ipv6-icmp", "/128");

  private final String tool;
  private final String icmp;
  private final String hostSuffix;

  Family(String tool, String icmp, String hostSuffix) {
    this.tool = tool;
    this.icmp = icmp;
    this.hostSuffix = hostSuffix;
  }

  /** iptables or ip6tables; the save and restore tools are this name plus -save / -restore. */
  public String tool() {
    return tool;
  }

  /** The protocol name iptables-save prints for ICMP of this family. */
  String icmp() {
    return icmp;
  }

  String hostSuffix() {
    return hostSuffix;
  }
}
