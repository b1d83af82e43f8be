package io.dockernet.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * /healthz (the process serves), /readyz (the operator is started and its sources are healthy),
 * /metrics (Prometheus text).
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  /**
   * @param bindAddress IP or host name to listen on; empty = every interface
   */
  public HealthServer(
      String bindAddress,
      int port,
      BooleanSupplier live,
      BooleanSupplier ready,
      Supplier<String> metrics)
      throws IOException {
    server =
        HttpServer.create(
            bindAddress.isEmpty()
                ? new InetSocketAddress(port)
                : new InetSocketAddress(bindAddress, port),
            16);
    server.createContext(
        "/healthz",
        ex ->
            answer(
                ex,
                live.getAsBoolean() ? 200 : 503,
                live.getAsBoolean() ? "ok\n" : "not live\n",
                "text/plain"));
    server.createContext(
        "/readyz",
        ex ->
            answer(
                ex,
                ready.getAsBoolean() ? 200 : 503,
                ready.getAsBoolean() ? "ok\n" : "not ready\n",
                "text/plain"));
    server.createContext(
        "/metrics",
        ex -> answer(ex, 200, metrics.get(), "text/plain; version=0.0.4; charset=utf-8"));
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "dockernet-health");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void answer(HttpExchange exchange, int code, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
