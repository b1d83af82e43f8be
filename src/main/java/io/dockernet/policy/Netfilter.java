package io.dockernet.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The only code that runs iptables: reads a family's filter table with {@code iptables-save -t
 * filter} and installs a change with one {@code iptables-restore --noflush} (one transaction: a
 * failure or a crash leaves the table as it was, never half a policy).
 */
public class Netfilter {
  public static final String DOCKER_USER = "DOCKER-USER";

  /** Our jump, as iptables-save prints it, in FORWARD and in DOCKER-USER. */
  public static final String JUMP = "-j " + PolicyCompiler.ENTRY;

  private static final long TIMEOUT_SECONDS = 30;

  /** Enforcement is impossible here, or failed; nothing was changed. */
  public static final class NetfilterException extends RuntimeException {
    public NetfilterException(String message) {
      super(message);
    }
  }

  /** The filter table of a family as it is now. */
  public Installed read(Family family) {
    return Installed.parse(family, run(List.of(family.tool() + "-save", "-t", "filter"), null));
  }

  /** Applies a change atomically; no-op for an empty one. */
  public void write(NetfilterChange change) {
    if (change.isEmpty()) {
      return;
    }
    run(
        List.of(change.family().tool() + "-restore", "--noflush", "--wait"),
        String.join("\n", change.script()) + "\n");
  }

  /**
   * Before any change: iptables must be there and Docker must manage its IPv4 rules (its
   * DOCKER-USER chain exists), else policies could not be enforced the way they are computed.
   */
  public void preflight(boolean ipv6) {
    Installed v4 = read(Family.IPV4);
    if (v4.dockerUser() == null) {
      throw new NetfilterException(
          "Docker manages no iptables rules on this host (the filter table has no "
              + DOCKER_USER
              + " chain: dockerd runs with --iptables=false, or runs on another host); "
              + "policies are enforced in Docker's iptables rules and cannot be enforced here");
    }
    if (ipv6) {
      read(Family.IPV6);
    }
  }

  private static String run(List<String> command, String stdin) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new NetfilterException(
          "cannot run "
              + command.get(0)
              + " ("
              + e.getMessage()
              + "); policies need iptables on the Docker host, run as root (the CLI on that host, or the operator beside its engine)");
    }
    try {
      if (stdin != null) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } else {
        process.getOutputStream().close();
      }
      ByteCollector out = new ByteCollector(process.getInputStream());
      ByteCollector err = new ByteCollector(process.getErrorStream());
      out.start();
      err.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new NetfilterException(
            command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      out.join();
      err.join();
      if (process.exitValue() != 0) {
        throw new NetfilterException(
            command.get(0)
                + " failed (exit "
                + process.exitValue()
                + "): "
                + err.text().strip()
                + (stdin == null ? "" : "; nothing was changed (one transaction)"));
      }
      return out.text();
    } catch (IOException e) {
      throw new NetfilterException(command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new NetfilterException(command.get(0) + " interrupted");
    }
  }

  private static final class ByteCollector extends Thread {
    private final InputStream in;
    private final List<byte[]> chunks = new ArrayList<>();

    ByteCollector(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (in) {
        chunks.add(in.readAllBytes());
      } catch (IOException ignored) {
        // the process went away; what was read is all there is
      }
    }

    String text() {
      return chunks.isEmpty() ? "" : new String(chunks.get(0), StandardCharsets.UTF_8);
    }
  }
}
