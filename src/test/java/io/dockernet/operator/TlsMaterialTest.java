package io.dockernet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where DockerHost TLS files go: a directory the process made itself, cleaned as hosts and Secrets
 * change.
 */
class TlsMaterialTest {
  @TempDir Path tmp;

  static final Map<String, byte[]> V1 =
      Map.of("ca.pem", "ca1".getBytes(), "cert.pem", "c1".getBytes(), "key.pem", "k1".getBytes());
  static final Map<String, byte[]> V2 =
      Map.of("ca.pem", "ca2".getBytes(), "cert.pem", "c2".getBytes(), "key.pem", "k2".getBytes());

  @Test
  void aFreshPrivateDirectoryNeverAPreparedOne() throws IOException {
    // What an attacker could prepare under the old predictable name: ignored.
    Path prepared =
        Files.createDirectory(tmp.resolve("dockernet-tls-" + System.getProperty("user.name")));
    Files.setPosixFilePermissions(prepared, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (TlsMaterial tls = new TlsMaterial(tmp)) {
      Path dir = tls.write("edge", "aaaa", V1);
      Path root = tls.root();
      assertThat(root).isNotEqualTo(prepared).hasParent(tmp);
      assertThat(root.getFileName().toString()).startsWith("dockernet-tls-");
      assertThat(dir).hasParent(root);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
            .isEqualTo("rw-------");
      }
      assertThat(dir.resolve("key.pem")).hasContent("k1");
      assertThat(prepared).isEmptyDirectory();
      try (TlsMaterial other = new TlsMaterial(tmp)) {
        assertThat(other.root()).as("each process its own").isNotEqualTo(root);
      }
    }
  }

  @Test
  void aDirectoryNotPrivateToThisProcessIsRefused() throws IOException {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> TlsMaterial.verifyPrivate(open))
        .hasMessageContaining("not a private directory");
    Path link =
        Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("target")));
    assertThatThrownBy(() -> TlsMaterial.verifyPrivate(link))
        .hasMessageContaining("not a private directory");
  }

  @Test
  void rotationDeletesTheOldFilesForgetDeletesTheHostsCloseDeletesAll() throws IOException {
    TlsMaterial tls = new TlsMaterial(tmp);
    Path first = tls.write("edge", "aaaa", V1);
    Path other =
        tls.write("edge-2", "cccc", V1); // a host whose name starts like another's: untouched
    assertThat(tls.write("edge", "aaaa", V1)).as("same Secret, same files").isEqualTo(first);
    Path second = tls.write("edge", "bbbb", V2);
    assertThat(first).doesNotExist();
    assertThat(second.resolve("cert.pem")).hasContent("c2");
    assertThat(other).exists();
    tls.forget("edge");
    assertThat(second).doesNotExist();
    assertThat(other).exists();
    Path root = tls.root();
    tls.close();
    assertThat(root).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }
}
