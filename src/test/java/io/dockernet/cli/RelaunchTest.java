package io.dockernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code java -jar dockernet.jar} starts itself again on the class-data archive, and with
 * which command line. The end-to-end behaviour (same output, exit code and stdin; the second JVM on
 * the archive; killing the first ends both) is in {@code packaging.RelaunchIT}.
 */
class RelaunchTest {
  @TempDir Path dir;

  private Path jarWithArchive() throws Exception {
    Path jar = Files.write(dir.resolve("dockernet.jar"), new byte[1234]);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_500L));
    String name = Relaunch.archiveName(1234, 1_700_000_000L, runtime());
    Files.write(dir.resolve(name), new byte[1]);
    return jar;
  }

  private static String runtime() {
    return System.getProperty("java.runtime.version");
  }

  @Test
  void archiveNamesFollowTheLaunchersRule() {
    // bin/dockernet: dockernet-$(stat -c %s-%Y jar)-<JAVA_RUNTIME_VERSION, [^A-Za-z0-9.] -> _>
    assertThat(Relaunch.archiveName(44063830, 1796158456, "17.0.15+6-Debian-1deb12u1"))
        .isEqualTo("dockernet-44063830-1796158456-17.0.15_6_Debian_1deb12u1.jsa");
    assertThat(Relaunch.archiveName(1, 2, "25.0.3+9-LTS"))
        .isEqualTo("dockernet-1-2-25.0.3_9_LTS.aot");
  }

  @Test
  void aJarStartWithAnArchiveRunsTheCommandOnIt() throws Exception {
    Path jar = jarWithArchive();
    List<String> command =
        Relaunch.command(
            new String[] {"validate", "-f", "-"},
            Map.of("HOME", "/nonexistent"),
            List.of("-Xmx64m", "-Dx=y", "-jar", jar.toString()));
    String archive = dir.resolve(Relaunch.archiveName(1234, 1_700_000_000L, runtime())).toString();
    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command).contains("-XX:SharedArchiveFile=" + archive, "-D" + Relaunch.CHILD + "=1");
    // The user's options come after the launcher's, so theirs win; the command is unchanged.
    assertThat(command.indexOf("-Xmx64m")).isGreaterThan(command.indexOf("-XX:+UseSerialGC"));
    assertThat(command.subList(command.indexOf("-jar"), command.size()))
        .containsExactly("-jar", jar.toString(), "validate", "-f", "-");
  }

  @Test
  void theArchiveIsAlsoFoundInTheLaunchersCache() throws Exception {
    Path jar = Files.write(dir.resolve("dockernet.jar"), new byte[7]);
    Path cache = Files.createDirectories(dir.resolve("cache/dockernet"));
    long mtime = Files.getLastModifiedTime(jar).toMillis() / 1000;
    Path archive =
        Files.write(cache.resolve(Relaunch.archiveName(7, mtime, runtime())), new byte[1]);
    assertThat(
            Relaunch.archive(
                jar, runtime(), Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString())))
        .contains(archive);
    assertThat(Relaunch.archive(jar, runtime(), Map.of("HOME", dir.toString()))).isEmpty();
  }

  @Test
  void runsInPlaceWhenItShould() throws Exception {
    Path jar = jarWithArchive();
    List<String> jarStart = List.of("-jar", jar.toString());
    Map<String, String> env = Map.of();
    // Long-running commands: start-up does not matter, one process is easier to supervise.
    assertThat(Relaunch.command(new String[] {"watch", "-f", "x"}, env, jarStart)).isEmpty();
    assertThat(Relaunch.command(new String[] {"--debug", "operator"}, env, jarStart)).isEmpty();
    // Archives off, as for bin/dockernet.
    assertThat(Relaunch.command(new String[] {"version"}, Map.of("DOCKERNET_CDS", "0"), jarStart))
        .isEmpty();
    // Already on an archive, or the user chose the JVM's sharing mode, or already the second JVM.
    for (String option :
        List.of("-XX:SharedArchiveFile=/a.jsa", "-Xshare:off", "-D" + Relaunch.CHILD + "=1")) {
      assertThat(
              Relaunch.command(
                  new String[] {"version"}, env, List.of(option, "-jar", jar.toString())))
          .as(option)
          .isEmpty();
    }
    // Not a -jar start (tests, -cp): nothing to relaunch.
    assertThat(
            Relaunch.command(
                new String[] {"version"}, env, List.of("-cp", "x", "io.dockernet.cli.Main")))
        .isEmpty();
    // No archive for this jar and JVM.
    Path other = Files.write(dir.resolve("other.jar"), new byte[99]);
    assertThat(
            Relaunch.command(
                new String[] {"version"},
                Map.of("HOME", "/nonexistent"),
                List.of("-jar", other.toString())))
        .isEmpty();
  }
}
