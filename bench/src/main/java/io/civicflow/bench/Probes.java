package io.civicflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the benchmark reads from the machine: CPU time, retained heap, load, and the machine itself.
 */
final class Probes {

  /** Linux's USER_HZ; /proc reports CPU time in these ticks. */
  private static final double TICKS_PER_SECOND = 100.0;

  private Probes() {}

  /** User + system CPU time of a process so far, in milliseconds (from /proc/PID/stat). */
  static double cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is the state (field 3 of the file): utime is field 14, stime field 15
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000.0 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Writes the operating system's dirty pages to disk ({@code sync}) before a restart is timed:
   * after a segment wrote gigabytes, the kernel's write-back otherwise runs during the start and is
   * counted as the engine's (measured: 1.83 s at 0 against 2.82 s at 1,000,000 without it; started
   * by hand after a {@code sync} on the idle machine, 1.86–2.04 s against 1.99–2.46 s).
   */
  static void syncDisks() {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (IOException e) {
      BenchMain.log("sync could not run: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Bytes of live objects in a JVM: {@code jcmd PID GC.class_histogram} runs a full GC and counts
   * what is still reachable, the same way for every JVM measured.
   */
  static long liveHeapBytes(long pid) {
    return liveHeapBytes(pid, null);
  }

  /**
   * {@link #liveHeapBytes(long)}, also writing the whole class histogram to {@code histogram} (when
   * not null), so what makes up the heap at a checkpoint can be compared afterwards.
   */
  static long liveHeapBytes(long pid, Path histogram) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
              .redirectErrorStream(true)
              .start();
      List<String> lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      process.waitFor();
      if (histogram != null) {
        Files.write(histogram, lines, StandardCharsets.UTF_8);
      }
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).trim();
        if (line.startsWith("Total")) {
          String[] parts = line.split("\\s+");
          return Long.parseLong(parts[2]);
        }
      }
      throw new IllegalStateException("jcmd printed no total: " + String.join("\n", lines));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run jcmd", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The three load averages of /proc/loadavg. */
  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }
}
