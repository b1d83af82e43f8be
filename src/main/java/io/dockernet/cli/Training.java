package io.dockernet.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of {@code mvn package} (through {@code bin/dockernet --train}): runs the short
 * commands in one JVM, so that the class-data archive (or Java 24+'s ahead-of-time cache) recorded
 * from it holds what they load. Offline: the engine is a stand-in on a private unix socket that
 * answers the few calls with fixed JSON (two running containers, no networks); the manifests are
 * {@link Warmup#MANIFESTS} unless a path is given. Not for users.
 *
 * <pre>java -cp dockernet.jar io.dockernet.cli.Training [MANIFESTS]</pre>
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws Exception {
    Main.quietLibraries(new String[0]);
    run(args.length > 0 ? args[0] : null);
    System.exit(0);
  }

  /** Runs the commands; returns each one's exit code, in order. */
  static java.util.List<Integer> run(String manifestPath) throws IOException {
    java.util.List<Integer> exits = new java.util.ArrayList<>();
    Path dir = Files.createTempDirectory("dockernet-training");
    Path socket = dir.resolve("engine.sock");
    Path manifestFile = dir.resolve("manifests.yaml");
    Files.writeString(manifestFile, Warmup.MANIFESTS);
    String manifests = manifestPath != null ? manifestPath : manifestFile.toString();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread engine = new Thread(() -> serve(server), "training-engine");
      engine.setDaemon(true);
      engine.start();
      String host = "unix://" + socket;
      String[][] runs = {
        {"version", "--host", host},
        {"validate", "-f", manifests},
        {"plan", "-f", manifests, "--host", host},
        {"plan", "-f", manifests, "--host", host, "-o", "json"},
        {"apply", "-f", manifests, "--host", host, "--project", "training"},
        {"get", "networks", "--host", host},
        {"delete", "-f", manifests, "--host", host, "--project", "training"},
        {"explain", "DockerNetwork.spec.ipam"},
      };
      for (String[] run : runs) {
        var cli = Main.commandLine(run);
        var sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        cli.setOut(sink);
        cli.setErr(sink);
        exits.add(cli.execute(run));
      }
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(manifestFile);
      Files.deleteIfExists(dir);
    }
    return exits;
  }

  private static void serve(ServerSocketChannel server) {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        Thread t = new Thread(() -> answer(connection), "training-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** HTTP/1.1 with keep-alive: one request after another until the client closes. */
  private static void answer(SocketChannel connection) {
    try (connection) {
      ByteBuffer in = ByteBuffer.allocate(1 << 16);
      StringBuilder pending = new StringBuilder();
      while (connection.read(in) >= 0) {
        in.flip();
        pending.append(StandardCharsets.ISO_8859_1.decode(in));
        in.clear();
        int end;
        while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
          String head = pending.substring(0, end);
          int length = 0;
          for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          if (pending.length() < end + 4 + length) {
            break; // the body is still coming
          }
          pending.delete(0, end + 4 + length);
          String[] request = head.split(" ", 3);
          byte[] body = reply(request[0], request[1]).getBytes(StandardCharsets.UTF_8);
          String response =
              "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n";
          connection.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)));
          connection.write(ByteBuffer.wrap(body));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away
    }
  }

  private static final String CONTAINER =
      "{\"Id\":\"%s\",\"Name\":\"/%s\",\"Names\":[\"/%s\"],\"State\":%s,\"Labels\":{},"
          + "\"Config\":{\"Labels\":{}},\"NetworkSettings\":{\"Networks\":{\"bridge\":"
          + "{\"NetworkID\":\"b0\",\"EndpointID\":\"e-%s\",\"IPAddress\":\"172.17.0.2\","
          + "\"IPPrefixLen\":16,\"Aliases\":null,\"IPAMConfig\":null}}}}";

  private static String reply(String method, String path) {
    if (path.startsWith("/info")) {
      return "{\"ServerVersion\":\"20.10.24\",\"Name\":\"training\",\"Swarm\":"
          + "{\"LocalNodeState\":\"inactive\"}}";
    }
    if (path.startsWith("/version")) {
      return "{\"ApiVersion\":\"1.41\",\"Version\":\"20.10.24\"}";
    }
    if (path.startsWith("/networks/create")) {
      return "{\"Id\":\"n1\"}";
    }
    if (method.equals("GET") && path.startsWith("/networks")) {
      return "[{\"Name\":\"bridge\",\"Id\":\"b0\",\"Driver\":\"bridge\",\"Scope\":\"local\","
          + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"172.17.0.0/16\"}]},"
          + "\"Options\":{},\"Labels\":{}}]";
    }
    if (path.startsWith("/containers/json")) {
      return "["
          + String.format(CONTAINER, "c1", "alpine1", "alpine1", "\"running\"", "c1")
          + ","
          + String.format(CONTAINER, "c2", "alpine2", "alpine2", "\"running\"", "c2")
          + "]";
    }
    if (path.startsWith("/containers/")) {
      String id = path.substring("/containers/".length(), path.indexOf("/json"));
      return String.format(CONTAINER, id, "alpine" + id.substring(1), id, "{\"Running\":true}", id);
    }
    return "{}";
  }
}
