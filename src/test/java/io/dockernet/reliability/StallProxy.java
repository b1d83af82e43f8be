package io.dockernet.reliability;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte-for-byte TCP forwarder on 127.0.0.1 in front of an engine's TCP port (TLS passes through
 * untouched, so the client still verifies the engine's certificate), which a test can make slow or
 * stuck: {@link #stall(boolean)} holds every byte in both directions (connections stay open,
 * nothing arrives: a hung engine), {@link #delay(long)} adds latency to every chunk.
 */
public final class StallProxy implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket server;
  private final List<Closeable> open = new CopyOnWriteArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private volatile boolean stalled;
  private volatile long delayMillis;

  public StallProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new AssertionError("cannot listen on 127.0.0.1: " + e.getMessage(), e);
    }
    Thread t = new Thread(this::acceptLoop, "stall-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public String host() {
    return "tcp://127.0.0.1:" + port();
  }

  /** Holds (true) or releases (false) all traffic. */
  public void stall(boolean stall) {
    this.stalled = stall;
  }

  public void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Connections accepted so far (a hot-looping client would open many). */
  public long connections() {
    return connections.get();
  }

  @Override
  public void close() {
    closeQuietly(server);
    open.forEach(StallProxy::closeQuietly);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        Socket engine = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(engine);
        pump(client.getInputStream(), engine.getOutputStream(), client, engine);
        pump(engine.getInputStream(), client.getOutputStream(), client, engine);
      } catch (IOException e) {
        // closed, or the engine is not listening: the client sees its connection close
      }
    }
  }

  private void pump(InputStream from, OutputStream to, Socket a, Socket b) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                  while (stalled && !a.isClosed()) {
                    Thread.sleep(50);
                  }
                  if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                  }
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException | InterruptedException ignored) {
                // either side closed
              } finally {
                closeQuietly(a);
                closeQuietly(b);
                open.remove(a);
                open.remove(b);
              }
            },
            "stall-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
