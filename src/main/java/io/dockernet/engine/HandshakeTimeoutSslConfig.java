package io.dockernet.engine;

import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * TLS settings whose handshake gives up after a while. httpclient5 as docker-java configures it
 * waits for a server's handshake answer forever (no socket timeout until a request is sent), so a
 * stuck engine behind TLS hung every command; here each TLS socket starts with a read timeout,
 * which the client replaces by the response timeout once the handshake is done.
 */
final class HandshakeTimeoutSslConfig implements SSLConfig {
  private final SSLConfig delegate;
  private final int timeoutMillis;

  HandshakeTimeoutSslConfig(SSLConfig delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  @Override
  public SSLContext getSSLContext()
      throws KeyManagementException,
          UnrecoverableKeyException,
          NoSuchAlgorithmException,
          KeyStoreException {
    SSLContext context = delegate.getSSLContext();
    return context == null ? null : new TimedContext(context, timeoutMillis);
  }

  private static final class TimedContext extends SSLContext {
    TimedContext(SSLContext context, int timeoutMillis) {
      super(new Spi(context, timeoutMillis), context.getProvider(), context.getProtocol());
    }
  }

  /** Everything as the wrapped context does it, but client sockets start with a read timeout. */
  private static final class Spi extends SSLContextSpi {
    private final SSLContext context;
    private final int timeoutMillis;

    Spi(SSLContext context, int timeoutMillis) {
      this.context = context;
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      // the wrapped context is initialised already
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new TimedSocketFactory(context.getSocketFactory(), timeoutMillis);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return context.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return context.createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return context.createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return context.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return context.getClientSessionContext();
    }
  }

  private static final class TimedSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory factory;
    private final int timeoutMillis;

    TimedSocketFactory(SSLSocketFactory factory, int timeoutMillis) {
      this.factory = factory;
      this.timeoutMillis = timeoutMillis;
    }

    private Socket timed(Socket s) throws IOException {
      s.setSoTimeout(timeoutMillis);
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return factory.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return factory.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return timed(factory.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose)
        throws IOException {
      return timed(factory.createSocket(s, consumed, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
      return timed(factory.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return timed(factory.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return timed(factory.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return timed(factory.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return timed(factory.createSocket(address, port, localAddress, localPort));
    }
  }
}
