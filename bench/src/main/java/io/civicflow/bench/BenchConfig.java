package io.civicflow.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's knobs, from {@code --name=value} arguments (each also readable as a system
 * property {@code bench.name}). Defaults are the documented run.
 *
 * @param jitWarmupSeconds once per engine, with 2 workers, before the first throughput phase
 * @param warmupSeconds before every throughput window (the JIT needs about 20 s on 2 cores)
 * @param windowSeconds the measurement window of every throughput and latency phase
 * @param latencySettleSeconds before the latency window (the JVM is warm by then)
 * @param latencyRate instances started per second in the latency phase
 * @param waitingInstances instances left waiting for the heap and restart measurements
 * @param restarts how many times each engine is restarted with them (each one a sample)
 * @param maxBacklog started but not yet completed instances at most (throughput phases)
 * @param inFlight create requests in flight at most (our engine's asynchronous client)
 * @param batch jobs / external tasks fetched per activation
 * @param engines which engines to run: "civicflow,operaton" or one of them
 * @param operatonHistoryNone also measure Operaton with history level none (2 workers)
 * @param engineDist the engine's distribution (its launcher, bin/civicflow-engine, starts our
 *     engine)
 * @param engineJar if set, our engine is started as {@code java -jar} of this jar instead of the
 *     launcher (for comparison); default none
 * @param workDir journal directories, H2 files and the engine's logs
 * @param childJvmArgs JVM options of both child JVMs (the engine's and Operaton's), space-separated
 * @param transport how the Camunda client talks to our engine: "rest" (the setting) or
 *     "grpc" (Zeebe's gateway protocol, as Camunda Process Test and many Zeebe users do)
 */
public record BenchConfig(
    int jitWarmupSeconds,
    int warmupSeconds,
    int windowSeconds,
    int latencySettleSeconds,
    int latencyRate,
    int waitingInstances,
    int restarts,
    int maxBacklog,
    int inFlight,
    int batch,
    String engines,
    boolean operatonHistoryNone,
    Path engineDist,
    Path engineJar,
    Path workDir,
    String childJvmArgs,
    String transport) {

  static BenchConfig parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    return new BenchConfig(
        integer(values, "jit-warmup", 20),
        integer(values, "warmup", 20),
        integer(values, "window", 20),
        integer(values, "latency-settle", 5),
        integer(values, "latency-rate", 100),
        integer(values, "waiting", 10_000),
        integer(values, "restarts", 3),
        integer(values, "max-backlog", 500),
        integer(values, "in-flight", 64),
        integer(values, "batch", 32),
        string(values, "engines", "civicflow,operaton"),
        Boolean.parseBoolean(string(values, "operaton-history-none", "true")),
        Path.of(string(values, "engine-dist", "engine/target/civicflow-engine")),
        values.containsKey("engine-jar") ? Path.of(values.get("engine-jar")) : null,
        Path.of(string(values, "work-dir", "bench/target/bench-data")),
        string(values, "child-jvm-args", ""),
        transport(string(values, "transport", "rest")));
  }

  /** The same configuration as arguments, for the Operaton child JVM. */
  String[] toArgs() {
    return new String[] {
      "--jit-warmup=" + jitWarmupSeconds,
      "--warmup=" + warmupSeconds,
      "--window=" + windowSeconds,
      "--latency-settle=" + latencySettleSeconds,
      "--latency-rate=" + latencyRate,
      "--waiting=" + waitingInstances,
      "--restarts=" + restarts,
      "--max-backlog=" + maxBacklog,
      "--in-flight=" + inFlight,
      "--batch=" + batch,
      "--engines=" + engines,
      "--operaton-history-none=" + operatonHistoryNone,
      "--engine-dist=" + engineDist.toAbsolutePath(),
      "--work-dir=" + workDir.toAbsolutePath(),
      "--child-jvm-args=" + childJvmArgs,
      "--transport=" + transport
    };
  }

  boolean overGrpc() {
    return transport.equals("grpc");
  }

  private static String transport(String value) {
    if (!value.equals("rest") && !value.equals("grpc")) {
      throw new IllegalArgumentException("--transport is rest or grpc, not " + value);
    }
    return value;
  }

  boolean runs(String engine) {
    return engines.contains(engine);
  }

  private static int integer(Map<String, String> values, String name, int fallback) {
    return Integer.parseInt(string(values, name, Integer.toString(fallback)));
  }

  private static String string(Map<String, String> values, String name, String fallback) {
    return values.getOrDefault(name, System.getProperty("bench." + name, fallback));
  }
}
