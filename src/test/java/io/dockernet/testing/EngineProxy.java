package io.dockernet.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP front for the local engine's unix socket on 127.0.0.1, which a test can break without
 * touching the shared engine: {@link #dropConnections()} cuts live connections, {@link #pause()}
 * also refuses new ones until {@link #resume()}, {@link #hang(boolean)} accepts but never answers.
 * Reach it with {@code EngineConfig.forHost(proxy.host()).withAllowInsecure(true)}.
 */
public final class EngineProxy implements AutoCloseable {
  private final Path socket;
  private final List<ByteChannel> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocketChannel server;
  private volatile boolean hang;
  private int port;

  public EngineProxy() {
    this(Path.of("/var/run/docker.sock"));
  }

  public EngineProxy(Path socket) {
    this.socket = socket;
    listen(0);
  }

  public String host() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Accept connections but never forward them: a stuck engine. */
  public void hang(boolean hang) {
    this.hang = hang;
  }

  /** Closes every live connection (the client sees its stream break); keeps listening. */
  public void dropConnections() {
    for (ByteChannel c : open) {
      closeQuietly(c);
    }
    open.clear();
  }

  /** Stops listening and drops connections: the engine looks down. */
  public synchronized void pause() {
    closeQuietly(server);
    server = null;
    dropConnections();
  }

  /** Listens again on the same port. */
  public synchronized void resume() {
    if (server == null) {
      listen(port);
    }
  }

  @Override
  public void close() {
    pause();
  }

  private synchronized void listen(int onPort) {
    try {
      ServerSocketChannel s = ServerSocketChannel.open();
      s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      s.bind(new InetSocketAddress("127.0.0.1", onPort));
      port = ((InetSocketAddress) s.getLocalAddress()).getPort();
      server = s;
      Thread t = new Thread(() -> acceptLoop(s), "engine-proxy-accept");
      t.setDaemon(true);
      t.start();
    } catch (IOException e) {
      throw new AssertionError("cannot listen on 127.0.0.1:" + onPort + ": " + e.getMessage(), e);
    }
  }

  private void acceptLoop(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel client = s.accept();
        open.add(client);
        if (hang) {
          continue;
        }
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        open.add(engine);
        pump(client, engine);
        pump(engine, client);
      } catch (IOException e) {
        return; // closed by pause()
      }
    }
  }

  private void pump(ByteChannel from, ByteChannel to) {
    Thread t = new Thread(() -> {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
      } catch (IOException ignored) {
        // either side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "engine-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already closed
      }
    }
  }
}
