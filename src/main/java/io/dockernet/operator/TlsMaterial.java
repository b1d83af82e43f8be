package io.dockernet.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The DockerHosts' TLS files (docker-java reads them from a directory). They live under a directory
 * this process creates itself, with a random name, mode 0700, checked to be owned by this process's
 * user before use: never a pre-existing or predictable path someone else could have prepared. One
 * sub-directory per host and Secret digest; the previous one is deleted when the Secret rotates,
 * the host's when the DockerHost goes, and the whole directory when the operator stops.
 */
final class TlsMaterial implements AutoCloseable {
  private static final FileAttribute<Set<PosixFilePermission>> DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path parent;
  private final Map<String, Path> byHost = new HashMap<>();
  private Path root;

  TlsMaterial(Path parent) {
    this.parent = parent;
  }

  /** The directory holding {@code files} for {@code host}; deletes the host's previous material. */
  synchronized Path write(String host, String digest, Map<String, byte[]> files) {
    Path current = byHost.get(host);
    String name = host + "-" + digest;
    if (current != null && current.getFileName().toString().equals(name)) {
      return current;
    }
    try {
      Path dir = Files.createDirectory(root().resolve(name), DIR);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Files.write(
            Files.createFile(dir.resolve(e.getKey()), FILE),
            e.getValue(),
            StandardOpenOption.WRITE);
      }
      byHost.put(host, dir);
      if (current != null) {
        delete(current);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store TLS material for DockerHost " + host, e);
    }
  }

  /** Deletes the host's material (its DockerHost is gone). */
  synchronized void forget(String host) {
    Path dir = byHost.remove(host);
    if (dir != null) {
      delete(dir);
    }
  }

  /** The private directory, created on first use; null before. */
  synchronized Path root() throws IOException {
    if (root == null) {
      Path dir = Files.createTempDirectory(parent, "dockernet-tls-", DIR);
      verifyPrivate(dir);
      root = dir;
    }
    return root;
  }

  /** A real directory (no link), mode 0700, owned by the user this process runs as. */
  static void verifyPrivate(Path dir) throws IOException {
    PosixFileAttributes attrs =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    // /proc/self belongs to the process's effective user (no JDK call tells the uid).
    Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isDirectory()
        || attrs.isSymbolicLink()
        || !owner.equals(self)
        || !PosixFilePermissions.toString(attrs.permissions()).equals("rwx------")) {
      throw new IOException(
          dir
              + " is not a private directory of this process (owner uid "
              + owner
              + ", mode "
              + PosixFilePermissions.toString(attrs.permissions())
              + ")");
    }
  }

  @Override
  public synchronized void close() {
    byHost.clear();
    if (root != null) {
      delete(root);
      root = null;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete TLS material in " + dir, e);
    }
  }
}
