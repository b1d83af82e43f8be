package io.dockernet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Engine JSON over docker-java's HTTP client. We speak the engine's JSON directly because
 * docker-java's models lack many network fields (aux addresses, driver opts, scope,
 * config-only...). Paths carry no API version prefix, so the engine answers in its own version.
 */
final class EngineHttp implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHttpClient client;
  private final CallCounter calls;
  private final String target;

  private EngineHttp(DockerHttpClient client, CallCounter calls, String target) {
    this.client = client;
    this.calls = calls;
    this.target = target;
  }

  /** A client for ordinary calls: bounded connect and response times. */
  static EngineHttp forCalls(EngineConfig config, CallCounter calls) {
    return new EngineHttp(build(config, config.responseTimeout(), 16), calls, config.host());
  }

  /** A client for the events stream: one connection, no response timeout (the stream idles). */
  static EngineHttp forEvents(EngineConfig config, CallCounter calls) {
    return new EngineHttp(build(config, null, 2), calls, config.host());
  }

  private static DockerHttpClient build(
      EngineConfig config, Duration responseTimeout, int maxConnections) {
    ApacheDockerHttpClient.Builder builder =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.uri())
            .maxConnections(maxConnections)
            .connectionTimeout(config.connectTimeout());
    if (responseTimeout != null) {
      builder.responseTimeout(responseTimeout);
    }
    if (config.tls()) {
      // Trusts ca.pem only and presents cert.pem/key.pem; httpclient5 also checks the host name.
      // Calls also bound the handshake (a stuck engine hung it forever); the events stream keeps
      // the plain config, since its socket must not inherit a read timeout while it idles.
      PemTlsConfig ssl = new PemTlsConfig(config.tlsCertPath());
      builder.sslConfig(
          responseTimeout == null
              ? ssl
              : new HandshakeTimeoutSslConfig(ssl, config.connectTimeout()));
      try {
        return builder.build(); // reads the PEM files
      } catch (RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        throw new EngineException(
            EngineException.Reason.BAD_REQUEST,
            0,
            "the TLS material (ca.pem, cert.pem, key.pem) is unusable: " + root,
            e);
      }
    }
    if ("unix".equals(config.uri().getScheme())) {
      // A unix socket never starts TLS, but without a context of ours httpclient5 builds the JVM's
      // default one (see NoTlsContext). Not for plain tcp://: docker-java would then speak https.
      builder.sslConfig(NoTlsContext::new);
    }
    return builder.build();
  }

  /** The parsed body plus the API version the engine reported in its header. */
  record Reply(JsonNode body, String apiVersion) {}

  Reply get(String kind, String path) {
    return call(kind, Request.Method.GET, path, null);
  }

  Reply post(String kind, String path, Object body) {
    return call(kind, Request.Method.POST, path, body);
  }

  Reply delete(String kind, String path) {
    return call(kind, Request.Method.DELETE, path, null);
  }

  private Reply call(String kind, Request.Method method, String path, Object body) {
    calls.record(kind);
    Request.Builder request = Request.builder().method(method).path(path);
    if (body != null) {
      try {
        request
            .putHeader("Content-Type", "application/json")
            .bodyBytes(JSON.writeValueAsBytes(body));
      } catch (IOException e) {
        throw new IllegalStateException("cannot serialise request for " + path, e);
      }
    }
    try (Response response = execute(request.build())) {
      byte[] bytes = readAll(response.getBody());
      int status = response.getStatusCode();
      if (status >= 300) {
        throw EngineErrors.fromStatus(kind, status, message(bytes));
      }
      JsonNode json = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
      return new Reply(json, response.getHeader("Api-Version"));
    } catch (IOException e) {
      throw EngineErrors.unavailable(kind, target, e);
    }
  }

  /** Opens a streaming GET; the caller reads and closes the response. */
  Response stream(String kind, String path) {
    calls.record(kind);
    Response response = execute(Request.builder().method(Request.Method.GET).path(path).build());
    int status = response.getStatusCode();
    if (status >= 300) {
      String message;
      try {
        message = message(readAll(response.getBody()));
      } catch (IOException e) {
        message = "";
      } finally {
        response.close();
      }
      throw EngineErrors.fromStatus(kind, status, message);
    }
    return response;
  }

  private Response execute(Request request) {
    try {
      return client.execute(request);
    } catch (RuntimeException e) {
      // docker-java wraps transport IOExceptions (refused, timed out, reset) in RuntimeException.
      throw EngineErrors.unavailable(request.method() + " " + request.path(), target, e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static String message(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        return json.get("message").asText();
      }
    } catch (IOException ignored) {
      // Not JSON: fall through to the raw text.
    }
    return new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // Closing releases pooled connections; nothing to do if that fails.
    }
  }
}
