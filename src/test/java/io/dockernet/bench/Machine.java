package io.dockernet.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine line: cores, memory, kernel, Java, Docker engine and API, Ansible. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe(Path work) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("memory", first(work, "sh", "-c", "free -h | awk '/Mem:/ {print $2}'"));
    m.put("kernel", first(work, "uname", "-r"));
    m.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put(
        "docker",
        first(
            work,
            "docker",
            "version",
            "--format",
            "{{.Server.Version}} (API {{.Server.APIVersion}})"));
    m.put(
        "ansible",
        first(
            work,
            "sh",
            "-c",
            "ansible --version 2>/dev/null | head -1; "
                + "ansible-galaxy collection list community.docker 2>/dev/null | grep community.docker"));
    m.put("load", first(work, "cat", "/proc/loadavg"));
    return m;
  }

  private static String first(Path work, String... cmd) {
    try {
      Proc.Result r = Proc.run(work, Map.of(), List.of(cmd));
      return r.out().trim().replaceAll("\\s+", " ");
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
