package io.civicflow.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark: our engine (standalone jar in a child JVM, durable journal, official Camunda
 * client over REST) and then Operaton embedded on H2 (in its own child JVM), the same process
 * shape, warm-up and windows for both; prints each engine's numbers and the ratios. See
 * bench/README.md.
 */
public final class BenchMain {

  static {
    // before the first logger exists: slf4j-simple reads its settings once
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // the benchmark's progress: one timestamped line per step, on standard error (the table goes to
    // standard output; an Operaton child's progress reaches the terminal the same way)
    System.setProperty("org.slf4j.simpleLogger.log.io.civicflow.bench", "info");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
    // Operaton logs every failed command with its stack trace at ERROR; the harness counts them as
    // errors
    System.setProperty("org.slf4j.simpleLogger.log.org.operaton.bpm.engine.context", "off");
    System.setProperty("org.slf4j.simpleLogger.log.org.operaton.bpm.engine.cmd", "off");
  }

  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--mode=history")) {
      HistoryBench.run(args);
      System.exit(0);
    }
    if (Arrays.asList(args).contains("--mode=operaton-history")) {
      OperatonHistoryBench.run(args);
      System.exit(0);
    }
    if (Arrays.asList(args).contains("--mode=historyquery")) {
      HistoryQueryBench.run(args);
      System.exit(0);
    }
    if (Arrays.asList(args).contains("--mode=tasklist")) {
      TaskListBench.run(args);
      System.exit(0);
    }
    if (Arrays.asList(args).contains("--mode=roundpage")) {
      RoundPageBench.run(args);
      System.exit(0);
    }
    BenchConfig config = BenchConfig.parse(args);
    if (Arrays.asList(args).contains("--mode=operaton")) {
      new OperatonBench(config).run();
      System.exit(0);
    }
    Results results = new Results();
    String loadAtStart = Probes.load();
    log(
        "CivicFlow benchmark: %d cores, %s, %s; load %s",
        Runtime.getRuntime().availableProcessors(), Probes.cpuModel(), Probes.jvm(), loadAtStart);
    if (config.runs("civicflow")) {
      new CivicFlowBench(config, results).run();
    }
    if (config.runs("operaton")) {
      runOperatonChild(config, results);
    }
    printTable(config, results, loadAtStart);
    System.exit(0);
  }

  private static void runOperatonChild(BenchConfig config, Results results) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : config.childJvmArgs().trim().split("\\s+")) {
      if (!arg.isBlank()) {
        command.add(arg);
      }
    }
    command.add(
        "-Xlog:gc:file="
            + config.workDir().toAbsolutePath().resolve("operaton.gc")
            + ":time,uptime");
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      command.addAll(List.of("-jar", classPath));
    } else {
      command.addAll(List.of("-cp", classPath, BenchMain.class.getName()));
    }
    command.add("--mode=operaton");
    command.addAll(Arrays.asList(config.toArgs()));
    // the child's progress (its log, on standard error) goes straight to ours; its standard output
    // carries
    // only its results
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (!results.parse(line)) {
          LOG.warn("the Operaton child wrote: {}", line);
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0) {
      log("the Operaton child JVM exited with %d", exit);
    }
  }

  static void log(String format, Object... args) {
    LOG.info(String.format(Locale.ROOT, format, args));
  }

  /**
   * The benchmark's figures: this command's own output, on standard out (the log goes to standard
   * error). The one place a mode writes them, so every mode's figures can be piped apart from its
   * log.
   */
  static void print(CharSequence figures) {
    System.out.print(figures);
    System.out.flush();
  }

  /** {@link #print} of a formatted line (root locale: figures keep a decimal point). */
  static void printf(String format, Object... args) {
    print(String.format(Locale.ROOT, format, args));
  }

  private static void printTable(BenchConfig config, Results r, String loadAtStart) {
    String c = "civicflow";
    String o = "operaton";
    StringBuilder out = new StringBuilder();
    out.append('\n')
        .append("== CivicFlow (Camunda Java client over ")
        .append(config.overGrpc() ? "gRPC" : "REST")
        .append(") vs Operaton 1.0.3 (embedded, file H2, history full) ==\n");
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %d cores, %s; %s; load at start %s, at end %s%n",
            Runtime.getRuntime().availableProcessors(),
            Probes.cpuModel(),
            Probes.jvm(),
            loadAtStart,
            Probes.load()));
    out.append(
        String.format(
            Locale.ROOT,
            "JIT warm-up %d s (2 workers), then warm-up %d s + window %d s per phase; latency at %d instances/s; %d waiting instances%n%n",
            config.jitWarmupSeconds(),
            config.warmupSeconds(),
            config.windowSeconds(),
            config.latencyRate(),
            config.waitingInstances()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-52s %12s %12s %9s  %-20s %s%n",
            "metric",
            "CivicFlow",
            "Operaton",
            "ratio",
            "target",
            "met?"));
    double tp1 = r.number(c, "tp.1") / r.number(o, "tp.1");
    double tp2 = r.number(c, "tp.2") / r.number(o, "tp.2");
    row(
        out,
        "throughput, 1 worker (PI/s)",
        r.number(c, "tp.1"),
        r.number(o, "tp.1"),
        "%.0f",
        "ratio ≥ 2",
        met(tp1 >= 2, tp1));
    row(
        out,
        "throughput, 2 workers (PI/s)",
        r.number(c, "tp.2"),
        r.number(o, "tp.2"),
        "%.0f",
        "ratio ≥ 2",
        met(tp2 >= 2, tp2));
    double none = r.number(c, "tp.2") / r.number(o, "tp.2.historyNone");
    row(
        out,
        "throughput, 2 workers, Operaton history none (PI/s)",
        r.number(c, "tp.2"),
        r.number(o, "tp.2.historyNone"),
        "%.0f",
        "stretch: ratio ≥ 1",
        met(none >= 1, none));
    row(
        out,
        "CPU per instance, 1 worker, engine+driver (ms)",
        r.number(c, "cpu.1"),
        r.number(o, "cpu.1"),
        "%.2f",
        "",
        "");
    row(
        out,
        "CPU per instance, 2 workers, engine+driver (ms)",
        r.number(c, "cpu.2"),
        r.number(o, "cpu.2"),
        "%.2f",
        "",
        "");
    row(
        out,
        "creation → job activation p50 (ms)",
        r.number(c, "lat.p50"),
        r.number(o, "lat.p50"),
        "%.2f",
        "",
        "");
    row(
        out,
        "creation → job activation p95 (ms)",
        r.number(c, "lat.p95"),
        r.number(o, "lat.p95"),
        "%.2f",
        "",
        "");
    double p99 = r.number(c, "lat.p99");
    row(
        out,
        "creation → job activation p99 (ms)",
        p99,
        r.number(o, "lat.p99"),
        "%.2f",
        "CivicFlow ≤ 10 ms",
        met(p99 <= 10, p99));
    row(
        out,
        "creation → job activation max (ms)",
        r.number(c, "lat.max"),
        r.number(o, "lat.max"),
        "%.2f",
        "",
        "");
    double heap = r.number(c, "heap.per");
    row(
        out,
        "live heap per instance waiting at a user task (B)",
        heap,
        r.number(o, "heap.per"),
        "%.0f",
        "CivicFlow ≤ 4096",
        met(heap <= 4096, heap));
    double restart = r.number(c, "restart.ms");
    row(
        out,
        "restart with waiting instances → search, median (ms)",
        restart,
        r.number(o, "restart.ms"),
        "%.0f",
        "CivicFlow ≤ 2000",
        met(restart <= 2000, restart));
    double slowest = r.number(c, "restart.max.ms");
    row(
        out,
        "restart, slowest of the samples (ms)",
        slowest,
        r.number(o, "restart.max.ms"),
        "%.0f",
        "CivicFlow ≤ 2000",
        met(slowest <= 2000, slowest));
    out.append(
        String.format(
            Locale.ROOT,
            "%nCivicFlow restarts %s ms, Operaton's %s ms. CivicFlow's first start %s ms, empty-journal start to first search %s ms; in the last restart the journal replay took %s ms and Spring Boot reported started at %s ms; its search counted %s active instances, Operaton's %s.%n",
            r.get(c, "restart.samples"),
            r.get(o, "restart.samples"),
            r.get(c, "start.first.ms"),
            r.get(c, "restart.empty.ms"),
            r.get(c, "restart.replay.ms"),
            r.get(c, "restart.jvmToStarted.ms"),
            r.get(c, "restart.total"),
            r.get(o, "restart.total")));
    out.append(
        String.format(
            Locale.ROOT,
            "errors (civicflow 1/2 workers, operaton 1/2 workers): %s/%s, %s/%s; load after phases: civicflow %s %s %s, operaton %s %s %s%n",
            r.get(c, "errors.1"),
            r.get(c, "errors.2"),
            r.get(o, "errors.1"),
            r.get(o, "errors.2"),
            r.get(c, "load.tp.1"),
            r.get(c, "load.tp.2"),
            r.get(c, "load.lat"),
            r.get(o, "load.tp.1"),
            r.get(o, "load.tp.2"),
            r.get(o, "load.lat")));
    print(out);
    print(r.lines());
  }

  private static void row(
      StringBuilder out,
      String metric,
      double ours,
      double theirs,
      String pattern,
      String target,
      String met) {
    double ratio = ours / theirs;
    out.append(
        String.format(
            Locale.ROOT,
            "%-52s %12s %12s %9s  %-20s %s%n",
            metric,
            Results.format(ours, pattern),
            Results.format(theirs, pattern),
            Results.format(ratio, "%.2f×"),
            target,
            met));
  }

  /** "yes", "NO", or "–" when the figure is missing (an engine not run). */
  private static String met(boolean met, double figure) {
    return Double.isNaN(figure) || Double.isInfinite(figure) ? "–" : met ? "yes" : "NO";
  }
}
