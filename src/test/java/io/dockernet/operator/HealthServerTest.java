package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * --metrics-bind-address: /healthz, /readyz and /metrics listen where asked, and everywhere by
 * default.
 */
class HealthServerTest {

  @Test
  void listensOnEveryInterfaceByDefault() throws Exception {
    try (HealthServer server = new HealthServer("", 0, () -> true, () -> true, () -> "m 1\n")) {
      assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
      assertThat(get(server.port(), "/metrics")).isEqualTo("m 1\n");
    }
  }

  @Test
  void aBindAddressKeepsOtherInterfacesOut() throws Exception {
    try (HealthServer server =
        new HealthServer("127.0.0.1", 0, () -> true, () -> false, () -> "")) {
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(get(server.port(), "/healthz")).isEqualTo("ok\n");
      Optional<InetAddress> other = otherLocalAddress();
      if (other.isPresent()) { // the machine's own non-loopback address: nothing listens there
        assertThatThrownBy(
                () -> {
                  try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other.get(), server.port()), 2000);
                  }
                })
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  private static String get(int port, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static Optional<InetAddress> otherLocalAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (IOException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address)
        .findFirst();
  }
}
