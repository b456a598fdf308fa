package io.civicflow.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One engine's {@code --mode=history} series, in {@code <work-dir>/<directory>} (its data, logs and
 * histograms: each engine its own, so the baseline's run keeps ours). {@link #advance} completes
 * the instances of a segment on the running engine (started, not timed, when needed); {@link
 * #measure} ends the segment at a checkpoint: throughput, CPU per instance, heap, snapshot, store,
 * restarts and searches. {@link HistoryBench} alternates the segments of two engines, so each runs
 * minutes from the other's and a host whose speed drifts slows both alike.
 */
final class HistorySeries {

  static final String PROCESS = "bench-history";

  /** The model of the instances run before the 0 row (a warm engine is what later rows measure). */
  static final String WARMUP = "bench-warmup";

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  /** Requests asked again after a client timeout (all series), printed with the results. */
  private static int clientTimeouts;

  private final BenchConfig config;
  private final String[] args;
  private final String label;
  private final Path root;
  private final Path data;
  private final int searches;
  private final SplittableRandom random = new SplittableRandom(20161101);

  /** Every step-th running number's instance key, filled as they are created. */
  private final long step;

  private final long[] created;
  private long done;
  private int starts;
  private EngineProcess engine;
  private CamundaClient client;

  /** The segment so far: instances, wall time, the engine's CPU time at its start. */
  private long segmentInstances;

  private long segmentNanos;
  private double segmentCpuStart;

  HistorySeries(
      BenchConfig config,
      String[] args,
      String label,
      String directory,
      long instances,
      int searches)
      throws java.io.IOException {
    this.config = config;
    this.args = args;
    this.label = label;
    this.root = config.workDir().resolve(directory);
    this.data = root.resolve("data");
    this.searches = searches;
    this.step = HistoryBench.step(instances);
    this.created = new long[(int) (instances / step) + 1];
    CivicFlowBench.deleteRecursively(root);
  }

  static int clientTimeouts() {
    return clientTimeouts;
  }

  /** How many instances are completed. */
  long done() {
    return done;
  }

  /** Completes {@code count} more instances, timed, on the running engine. */
  void advance(long count) throws Exception {
    if (engine == null) {
      start();
      CivicFlowBench.deploy(client, "bench-zeebe.bpmn", PROCESS);
      long warmup = HistoryBench.warmup(args);
      if (warmup > 0) {
        CivicFlowBench.deploy(client, "bench-zeebe.bpmn", WARMUP);
        complete(client, WARMUP, 0, warmup);
      }
    }
    if (count <= 0) {
      return;
    }
    long t0 = System.nanoTime();
    if (segmentInstances == 0) {
      segmentCpuStart = Probes.cpuMillis(engine.pid());
    }
    complete(client, PROCESS, done, count);
    segmentNanos += System.nanoTime() - t0;
    segmentInstances += count;
    done += count;
  }

  /**
   * Ends the segment here: its throughput and CPU per instance, then the live heap, the newest
   * snapshot, the store, the restarts (the engine runs on afterwards) and the searches.
   */
  HistoryBench.Row measure() throws Exception {
    double rate = segmentInstances == 0 ? 0 : segmentInstances / (segmentNanos / 1e9);
    // the engine's CPU from the segment's start to now: what it defers past its last answer
    // (snapshots, GC) is counted too
    double cpu =
        segmentInstances == 0
            ? Double.NaN
            : (Probes.cpuMillis(engine.pid()) - segmentCpuStart) / segmentInstances;
    segmentInstances = 0;
    segmentNanos = 0;
    long heap = Probes.liveHeapBytes(engine.pid(), root.resolve("histogram-" + done + ".txt"));
    long snapshot = HistoryBench.newestSnapshot(data);
    long store = HistoryBench.size(data.resolve("history"));
    long[] restarts = new long[HistoryBench.restarts(args)];
    for (int r = 0; r < restarts.length; r++) {
      close();
      Probes.syncDisks();
      long restartStarted = System.nanoTime();
      start();
      restarts[r] = (System.nanoTime() - restartStarted) / 1_000_000;
    }
    CamundaClient c = client;
    HistoryBench.Row row =
        new HistoryBench.Row(
            label,
            done,
            rate,
            cpu,
            heap,
            snapshot,
            store,
            HistoryBench.median(restarts),
            timed(
                i ->
                    c.newProcessInstanceSearchRequest()
                        .filter(f -> f.processInstanceKey(keyOf(i)))
                        .send()
                        .join()),
            timed(
                i ->
                    c.newElementInstanceSearchRequest()
                        .filter(f -> f.processInstanceKey(keyOf(i)))
                        .send()
                        .join()),
            timed(
                i ->
                    c.newVariableSearchRequest()
                        .filter(f -> f.name("t0").value(Long.toString(i)))
                        .page(p -> p.limit(10))
                        .send()
                        .join()),
            timed(
                i ->
                    c.newProcessInstanceSearchRequest()
                        .filter(f -> f.variables(Map.of("t0", i)))
                        .page(p -> p.limit(10))
                        .send()
                        .join()));
    BenchMain.log("history: %s (load %s)", row.markdown(), Probes.load());
    return row;
  }

  /** Stops the engine (a restart, or the end of the series). */
  void close() throws InterruptedException {
    if (client != null) {
      client.close();
      client = null;
    }
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  /** Starts the engine on this series' data and waits for its first answered search. */
  private void start() throws Exception {
    engine = EngineProcess.start(config, data, root.resolve("engine-" + starts++ + ".log"));
    engine.awaitSearchAnswers(Duration.ofMinutes(30));
    client = CivicFlowBench.client(config, engine);
  }

  private double[] timed(java.util.function.LongConsumer search) {
    return HistoryBench.timed(searches, done, random, search);
  }

  /** The key of a completed instance near running number {@code i} (every step-th is kept). */
  private long keyOf(long i) {
    return created[(int) (i / step)];
  }

  /**
   * Creates and completes {@code count} instances whose {@code t0} runs from {@code from}, noting
   * every step-th instance's key.
   */
  private void complete(CamundaClient client, String process, long from, long count) {
    boolean measured = process.equals(PROCESS);
    long started = 0;
    long completed = 0;
    List<CamundaFuture<ProcessInstanceEvent>> creations = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    while (completed < count) {
      while (started < count && started - completed < config.maxBacklog()) {
        long t0 = from + started;
        creations.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(process)
                .latestVersion()
                // the warm-up's instances carry no t0: the searches do not find them
                .variables(measured ? Map.of("t0", t0, "ok", true) : Map.of("ok", true))
                .send());
        numbers.add(t0);
        started++;
        if (creations.size() >= config.inFlight()) {
          await(creations, measured ? numbers : null);
        }
      }
      await(creations, measured ? numbers : null);
      List<ActivatedJob> jobs = activate(client, process, config.batch() * 4);
      List<CamundaFuture<?>> completions = new ArrayList<>();
      for (ActivatedJob job : jobs) {
        completions.add(client.newCompleteCommand(job.getKey()).send());
      }
      for (int i = 0; i < jobs.size(); i++) {
        complete(client, jobs.get(i).getKey(), completions.get(i));
      }
      completed += jobs.size();
    }
  }

  private void await(List<CamundaFuture<ProcessInstanceEvent>> creations, List<Long> numbers) {
    for (int i = 0; i < creations.size(); i++) {
      long key = creations.get(i).join().getProcessInstanceKey();
      if (numbers == null) {
        continue; // the warm-up's
      }
      long t0 = numbers.get(i);
      if (t0 % step == 0) {
        created[(int) (t0 / step)] = key;
      }
    }
    creations.clear();
    if (numbers != null) {
      numbers.clear();
    }
  }

  /**
   * One long-polling activation, asked again when the client gives up waiting for its answer (an
   * engine with gigabytes of heap can pause past the client's timeout). Jobs an unanswered
   * activation took come back when their job timeout ends, so the series can wait for them; it does
   * not lose them.
   */
  private static List<ActivatedJob> activate(CamundaClient client, String process, int max) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .newActivateJobsCommand()
            .jobType(process)
            .maxJobsToActivate(max)
            .workerName("bench-history")
            .timeout(JOB_TIMEOUT)
            .fetchVariables("t0")
            .requestTimeout(Duration.ofSeconds(1))
            .send()
            .join()
            .getJobs();
      } catch (RuntimeException e) {
        retryOrThrow("an activation", attempt, e);
      }
    }
  }

  /**
   * Waits for one completion; one the client gave up on is sent again, and "not found" then means
   * the first one was done.
   */
  private static void complete(CamundaClient client, long jobKey, CamundaFuture<?> completion) {
    try {
      completion.join();
      return;
    } catch (RuntimeException e) {
      retryOrThrow("a completion", 1, e);
    }
    for (int attempt = 2; ; attempt++) {
      try {
        client.newCompleteCommand(jobKey).send().join();
        return;
      } catch (RuntimeException e) {
        if (notFound(e)) {
          return; // an earlier attempt completed it
        }
        retryOrThrow("a completion", attempt, e);
      }
    }
  }

  private static void retryOrThrow(String what, int attempt, RuntimeException failure) {
    if (attempt >= 10 || !timedOut(failure)) {
      throw failure;
    }
    clientTimeouts++;
    BenchMain.log(
        "history: %s was not answered within the client's timeout (attempt %d): asked again",
        what, attempt);
  }

  private static boolean notFound(RuntimeException failure) {
    return failure instanceof ClientHttpException http && http.code() == 404
        || failure instanceof ClientStatusException status
            && status.getStatusCode() == io.grpc.Status.Code.NOT_FOUND;
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }
}
