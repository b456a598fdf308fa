package io.civicflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code --mode=history}: does history stay out of the heap, the snapshots and the restart, and do
 * history searches stay fast? Completes {@code --instances} short instances (start → service task →
 * gateway → end, variables {@code t0} (a running number) and {@code ok}; default 1,000,000) on one
 * standalone engine and, at 0, ¼, ½ and all of them, prints the live heap (after a full GC), the
 * newest snapshot's size, the history store's size, the restart time to the first answered search
 * (the median of {@code --restarts} restarts, default 1), the throughput of the segment, and
 * p50/p99 of four searches over what is completed (each {@code --searches} times, on random
 * completed instances): a process instance by key and its element instances, a variable by name and
 * value, and process instances by a variable value. With {@code --baseline-jar=PATH} the same
 * series runs for another engine (e.g. the engine before history left the heap: a jar, started with
 * {@code java -jar}, or a distribution directory, started by its launcher as ours is), interleaved
 * with ours checkpoint by checkpoint ({@link HistorySeries}); then for Operaton (embedded, file H2,
 * history full, in a child JVM, its Java query API). Printed side by side.
 */
final class HistoryBench {

  private static final String ROW = "HISTORY-ROW|";

  private HistoryBench() {}

  /** One checkpoint of one engine. */
  record Row(
      String engine,
      long completed,
      double rate,
      double cpuPerInstance,
      long heap,
      long snapshot,
      long store,
      long restartMillis,
      double[] byKey,
      double[] elements,
      double[] variable,
      double[] byVariable) {

    String line() {
      return ROW
          + String.join(
              "|",
              engine,
              Long.toString(completed),
              Double.toString(rate),
              Double.toString(cpuPerInstance),
              Long.toString(heap),
              Long.toString(snapshot),
              Long.toString(store),
              Long.toString(restartMillis),
              pair(byKey),
              pair(elements),
              pair(variable),
              pair(byVariable));
    }

    static Row parse(String line) {
      String[] p = line.substring(ROW.length()).split("\\|");
      return new Row(
          p[0],
          Long.parseLong(p[1]),
          Double.parseDouble(p[2]),
          Double.parseDouble(p[3]),
          Long.parseLong(p[4]),
          Long.parseLong(p[5]),
          Long.parseLong(p[6]),
          Long.parseLong(p[7]),
          unpair(p[8]),
          unpair(p[9]),
          unpair(p[10]),
          unpair(p[11]));
    }

    String markdown() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %,.0f | %s | %.1f MB | %s | %.1f MB | %,d ms | %s | %s | %s | %s |",
          engine,
          completed,
          rate,
          Double.isNaN(cpuPerInstance)
              ? "—"
              : String.format(Locale.ROOT, "%.2f ms", cpuPerInstance),
          heap / 1e6,
          snapshot < 0 ? "—" : String.format(Locale.ROOT, "%.1f MB", snapshot / 1e6),
          store / 1e6,
          restartMillis,
          ms(byKey),
          ms(elements),
          ms(variable),
          ms(byVariable));
    }

    private static String pair(double[] v) {
      return v[0] + "," + v[1];
    }

    private static double[] unpair(String s) {
      String[] v = s.split(",");
      return new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1])};
    }

    private static String ms(double[] v) {
      return Double.isNaN(v[0]) ? "—" : String.format(Locale.ROOT, "%.1f / %.1f ms", v[0], v[1]);
    }
  }

  static long longArg(String[] args, String name, long otherwise) {
    return Arrays.stream(args)
        .filter(a -> a.startsWith("--" + name + "="))
        .map(a -> Long.parseLong(a.substring(name.length() + 3)))
        .findFirst()
        .orElse(otherwise);
  }

  static String stringArg(String[] args, String name) {
    return Arrays.stream(args)
        .filter(a -> a.startsWith("--" + name + "="))
        .map(a -> a.substring(name.length() + 3))
        .findFirst()
        .orElse(null);
  }

  /** Every step-th instance's key is kept for the searches by key. */
  static long step(long instances) {
    return Math.max(1, instances / 4096);
  }

  /**
   * How many instances of {@link HistorySeries#WARMUP} each engine completes before its 0 row
   * ({@code --history-warmup}, default 2,000): the 0 row then measures an engine whose request
   * processors, buffers and caches are as warm as at the later rows, so heap and restart compare
   * history only.
   */
  static long warmup(String[] args) {
    return Math.max(0, longArg(args, "history-warmup", 2_000));
  }

  /**
   * How many restarts each checkpoint times ({@code --restarts}, default 1); the row shows their
   * median, since one start can be slowed by what else the machine did at that moment.
   */
  static int restarts(String[] args) {
    return (int) Math.max(1, longArg(args, "restarts", 1));
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static long[] checkpoints(long instances) {
    return new long[] {0, instances / 4, instances / 2, instances};
  }

  static void run(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    long instances = longArg(args, "instances", 1_000_000L);
    int searches = (int) longArg(args, "searches", 100);
    String baseline = stringArg(args, "baseline-jar");
    String loadAtStart = Probes.load();
    BenchMain.log(
        "history: %d instances, %d cores, %s; load %s",
        instances, Runtime.getRuntime().availableProcessors(), Probes.jvm(), loadAtStart);
    List<HistorySeries> series = new ArrayList<>();
    if (config.runs("civicflow")) {
      series.add(new HistorySeries(config, args, "civicflow", "history", instances, searches));
    }
    if (baseline != null) {
      List<String> withJar = new ArrayList<>(Arrays.asList(args));
      withJar.removeIf(a -> a.startsWith("--engine-jar=") || a.startsWith("--engine-dist="));
      // a directory is another engine's distribution, started by its own launcher as ours is
      // (the same JVM defaults and class-data sharing); a file is a jar started with java -jar
      withJar.add(
          (Files.isDirectory(Path.of(baseline)) ? "--engine-dist=" : "--engine-jar=") + baseline);
      series.add(
          new HistorySeries(
              BenchConfig.parse(withJar.toArray(String[]::new)),
              args,
              "baseline (" + Path.of(baseline).getFileName() + ")",
              "history-baseline",
              instances,
              searches));
    }
    // CivicFlow and the baseline alternating by segment (both engines up, one working at a time):
    // their segments run minutes apart, not an hour, so the ratio holds while the host's speed
    // drifts (by a quarter within two hours on this machine)
    List<Row> rows = new ArrayList<>();
    try {
      for (long target : checkpoints(instances)) {
        for (HistorySeries s : series) {
          s.advance(target - s.done());
          rows.add(s.measure());
        }
      }
    } finally {
      for (HistorySeries s : series) {
        s.close();
      }
    }
    // Operaton last: the slowest to reach 1,000,000, and each row is logged as it is measured,
    // so a cut-short run still has the pair
    if (config.runs("operaton")) {
      rows.addAll(operatonChild(config, args));
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "history: %,d instances; %d cores, %s; load at start %s, at end %s%n",
            instances,
            Runtime.getRuntime().availableProcessors(),
            Probes.jvm(),
            loadAtStart,
            Probes.load()));
    table.append(
        "| engine | completed | PI/s in the segment | CPU per PI in the segment | live heap | newest snapshot | history"
            + " store | restart to first search | PI by key p50/p99 | its element instances"
            + " p50/p99 | variable name+value p50/p99 | PI by variable p50/p99 |\n");
    table.append(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (long target : checkpoints(instances)) {
      for (Row row : rows) {
        if (row.completed() == target) {
          table.append(row.markdown()).append('\n');
        }
      }
    }
    if (HistorySeries.clientTimeouts() > 0) {
      table.append(
          String.format(
              Locale.ROOT,
              "%d requests were asked again after the client's timeout (see the log)%n",
              HistorySeries.clientTimeouts()));
    }
    BenchMain.log("history:\n%s", table);
    BenchMain.print(table);
  }

  /**
   * p50 and p99 in ms of {@code times} searches, each for a random completed running number (NaN
   * when nothing is completed).
   */
  static double[] timed(
      int times, long completed, SplittableRandom random, java.util.function.LongConsumer search) {
    if (completed == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    long[] nanos = new long[times];
    for (int i = 0; i < times; i++) {
      long n = random.nextLong(completed);
      long t0 = System.nanoTime();
      search.accept(n);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return new double[] {
      nanos[Math.min(times - 1, (int) Math.ceil(times * 0.5) - 1)] / 1e6,
      nanos[Math.min(times - 1, (int) Math.ceil(times * 0.99) - 1)] / 1e6
    };
  }

  private static List<Row> operatonChild(BenchConfig config, String[] args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : config.childJvmArgs().trim().split("\\s+")) {
      if (!arg.isBlank()) {
        command.add(arg);
      }
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      command.addAll(List.of("-jar", classPath));
    } else {
      command.addAll(List.of("-cp", classPath, BenchMain.class.getName()));
    }
    command.add("--mode=operaton-history");
    for (String a : args) {
      if (!a.startsWith("--mode=")) {
        command.add(a);
      }
    }
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Row> rows = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(ROW)) {
          rows.add(Row.parse(line));
        } else {
          BenchMain.log("the Operaton child wrote: %s", line);
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0) {
      BenchMain.log("the Operaton child JVM exited with %d", exit);
    }
    return rows;
  }

  static long newestSnapshot(Path data) throws IOException {
    Path dir = data.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> snapshots =
          files.filter(f -> f.getFileName().toString().endsWith(".cfs")).sorted().toList();
      return snapshots.isEmpty() ? -1 : Files.size(snapshots.get(snapshots.size() - 1));
    }
  }

  static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
