package io.civicflow.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every number the run measured, as {@code engine.metric} → value. The Operaton child JVM prints
 * its numbers as {@code RESULT key value} lines, which the parent reads back.
 */
final class Results {

  static final String PREFIX = "RESULT ";
  private final Map<String, String> values = new TreeMap<>();

  synchronized void put(String engine, String metric, Object value) {
    values.put(engine + "." + metric, String.valueOf(value));
  }

  synchronized String get(String engine, String metric) {
    return values.get(engine + "." + metric);
  }

  double number(String engine, String metric) {
    String value = get(engine, metric);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  void throughput(String engine, int workers, Harness.Throughput t) {
    throughput(engine, Integer.toString(workers), t);
  }

  void throughput(String engine, String variant, Harness.Throughput t) {
    put(engine, "tp." + variant, t.perSecond());
    put(engine, "cpu." + variant, t.cpuMillisPerInstance());
    put(engine, "errors." + variant, t.errors());
    put(engine, "load.tp." + variant, t.load().replace(' ', '/'));
    BenchMain.log(
        "%s: %s → %.0f instances/s, %.2f ms CPU per instance, %d errors, load %s",
        engine, variant, t.perSecond(), t.cpuMillisPerInstance(), t.errors(), t.load());
  }

  void latency(String engine, Harness.Latency l) {
    put(engine, "lat.p50", l.p50());
    put(engine, "lat.p95", l.p95());
    put(engine, "lat.p99", l.p99());
    put(engine, "lat.max", l.max());
    put(engine, "lat.samples", l.samples());
    put(engine, "load.lat", l.load().replace(' ', '/'));
    BenchMain.log(
        "%s: creation → job activation p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples, load %s)",
        engine, l.p50(), l.p95(), l.p99(), l.max(), l.samples(), l.load());
  }

  void heap(String engine, long before, long after, int instances) {
    put(engine, "heap.before", before);
    put(engine, "heap.after", after);
    put(engine, "heap.per", (after - before) / (double) instances);
    BenchMain.log(
        "%s: live heap %,d → %,d bytes: %.0f bytes per waiting instance",
        engine, before, after, (after - before) / (double) instances);
  }

  /** Restart samples: the median is the headline figure, every sample and the slowest are kept. */
  void restart(String engine, List<Long> samples, long answeredTotal, long emptyMillis) {
    List<Long> sorted = samples.stream().sorted().toList();
    long median = sorted.get((sorted.size() - 1) / 2);
    String all = samples.stream().map(String::valueOf).collect(Collectors.joining("/"));
    put(engine, "restart.ms", median);
    put(engine, "restart.max.ms", sorted.get(sorted.size() - 1));
    put(engine, "restart.samples", all);
    put(engine, "restart.total", answeredTotal);
    put(engine, "restart.empty.ms", emptyMillis);
    BenchMain.log(
        "%s: restart to first answered search: median %d ms of %s ms (the search counted %d active instances; an empty start took %d ms)",
        engine, median, all, answeredTotal, emptyMillis);
  }

  synchronized String lines() {
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(PREFIX).append(k).append(' ').append(v).append('\n'));
    return out.toString();
  }

  synchronized boolean parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = line.substring(PREFIX.length()).split(" ", 2);
    values.put(parts[0], parts[1]);
    return true;
  }

  static String format(double value, String pattern) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, pattern, value);
  }
}
