package io.dockernet.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TCP front for the local engine's unix socket on 127.0.0.1, which a test can break without
 * touching the shared engine: {@link #dropConnections()} cuts live connections, {@link #pause()}
 * also refuses new ones until {@link #resume()}, {@link #hang(boolean)} accepts but never answers.
 * Reach it with {@code EngineConfig.forHost(proxy.host()).withAllowInsecure(true)}, or build it
 * with {@link #tls} to stand in for a TLS-protected engine.
 */
public final class EngineProxy implements AutoCloseable {
  private final Path socket;
  private final ServerSocketFactory factory;
  private final boolean needClientAuth;
  private final List<Closeable> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile boolean hang;
  private int port;

  public EngineProxy() {
    this(Path.of("/var/run/docker.sock"), ServerSocketFactory.getDefault(), false);
  }

  /**
   * Terminates TLS with {@code context}'s key and (when {@code needClientAuth}) demands a client
   * certificate it trusts.
   */
  public static EngineProxy tls(SSLContext context, boolean needClientAuth) {
    return new EngineProxy(
        Path.of("/var/run/docker.sock"), context.getServerSocketFactory(), needClientAuth);
  }

  private EngineProxy(Path socket, ServerSocketFactory factory, boolean needClientAuth) {
    this.socket = socket;
    this.factory = factory;
    this.needClientAuth = needClientAuth;
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
    for (Closeable c : open) {
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
      ServerSocket s = factory.createServerSocket();
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
      if (s instanceof SSLServerSocket ssl) {
        ssl.setNeedClientAuth(needClientAuth);
      }
      port = s.getLocalPort();
      server = s;
      Thread t = new Thread(() -> acceptLoop(s), "engine-proxy-accept");
      t.setDaemon(true);
      t.start();
    } catch (IOException e) {
      throw new AssertionError("cannot listen on 127.0.0.1:" + onPort + ": " + e.getMessage(), e);
    }
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return; // closed by pause()
      }
      open.add(client);
      if (hang) {
        continue;
      }
      try {
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        open.add(engine);
        // TLS handshakes happen on first read, in the pump thread: a failed one just closes both.
        // Not Channels.newInputStream/newOutputStream: those share the channel's blocking lock,
        // so a blocked read would stall every write.
        InputStream fromEngine =
            new InputStream() {
              @Override
              public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                return engine.read(ByteBuffer.wrap(b, off, len));
              }
            };
        OutputStream toEngine =
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                  engine.write(buffer);
                }
              }
            };
        pump(client.getInputStream(), toEngine, client, engine);
        pump(fromEngine, client.getOutputStream(), client, engine);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(InputStream from, OutputStream to, Closeable a, Closeable b) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException ignored) {
                // either side closed, or the TLS handshake failed
              } finally {
                closeQuietly(a);
                closeQuietly(b);
                open.remove(a);
                open.remove(b);
              }
            },
            "engine-proxy-pump");
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
