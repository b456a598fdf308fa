package io.civicflow.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Our engine: the standalone jar in a child JVM with its journal on disk, driven through the
 * official Camunda Java client over REST (with {@code --transport=grpc}: over the gRPC gateway).
 * Workers are explicit activate/complete loops (one long-polling activation of up to a batch of
 * jobs, then every completion sent at once and awaited), the starter sends creations asynchronously
 * with a bounded number in flight.
 */
final class CivicFlowBench {

  static final String WORK = "bench-work";

  /** Waits at a user task: the memory and restart measurements. */
  static final String WAITING = "bench-waiting";

  private final BenchConfig config;
  private final Results results;

  CivicFlowBench(BenchConfig config, Results results) {
    this.config = config;
    this.results = results;
  }

  void run() throws Exception {
    Path root = config.workDir().resolve("civicflow");
    deleteRecursively(root);
    long ourPid = ProcessHandle.current().pid();

    // throughput and latency on one engine
    try (EngineProcess engine = startAndTime(root.resolve("run"), root.resolve("engine-run.log"));
        CamundaClient client = client(engine)) {
      BenchMain.log(
          "civicflow: first start to first answered search %d ms (the launcher makes its class-data "
              + "sharing archive on a first start unless one is there already)",
          lastStart);
      results.put("civicflow", "start.first.ms", lastStart);
      deploy(client, "bench-zeebe.bpmn", WORK);
      ClientHarness harness =
          new ClientHarness(
              config,
              client,
              WORK,
              () -> Probes.cpuMillis(engine.pid()) + Probes.cpuMillis(ourPid));
      BenchMain.log(
          "%s: JIT warm-up, 2 workers for %d s (load %s)",
          "civicflow", config.jitWarmupSeconds(), Probes.load());
      harness.warmUp(config.jitWarmupSeconds());
      for (int workers = 1; workers <= 2; workers++) {
        BenchMain.log(
            "civicflow: throughput with %d worker(s), %d s warm-up + %d s window (load %s)",
            workers, config.warmupSeconds(), config.windowSeconds(), Probes.load());
        Harness.Throughput t = harness.throughput(workers);
        results.throughput("civicflow", workers, t);
      }
      BenchMain.log(
          "civicflow: latency at %d instances/s (load %s)", config.latencyRate(), Probes.load());
      results.latency("civicflow", harness.latency(root.resolve("latency-samples.csv")));
    }

    // memory and restart on a fresh data directory
    Path data = root.resolve("waiting");
    long emptyStart;
    try (EngineProcess engine = startAndTime(data, root.resolve("engine-waiting.log"))) {
      emptyStart = lastStart;
      try (CamundaClient client = client(engine)) {
        deploy(client, "bench-zeebe-waiting.bpmn", WAITING);
        ClientHarness harness = new ClientHarness(config, client, WAITING, () -> 0);
        harness.startMany(100);
        long before = Probes.liveHeapBytes(engine.pid());
        BenchMain.log(
            "civicflow: starting %d instances that wait at a user task (load %s)",
            config.waitingInstances(), Probes.load());
        harness.startMany(config.waitingInstances());
        long after = Probes.liveHeapBytes(engine.pid());
        results.heap("civicflow", before, after, config.waitingInstances());
      }
    }
    List<Long> restarts = new ArrayList<>();
    for (int i = 1; i <= config.restarts(); i++) {
      BenchMain.log(
          "civicflow: restart %d of %d with %d waiting instances (load %s)",
          i, config.restarts(), config.waitingInstances() + 100, Probes.load());
      Path restartLog = root.resolve("engine-restart-" + i + ".log");
      try (EngineProcess engine = startAndTime(data, restartLog)) {
        restarts.add(lastStart);
        BenchMain.log("civicflow: restart %d to first answered search %d ms", i, lastStart);
      }
      startupBreakdown(restartLog);
    }
    results.restart("civicflow", restarts, lastTotal, emptyStart);
  }

  private static final java.util.regex.Pattern STARTED =
      java.util.regex.Pattern.compile(
          "Started EngineApplication in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");
  private static final java.util.regex.Pattern TIME =
      java.util.regex.Pattern.compile("T(\\d\\d):(\\d\\d):(\\d\\d\\.\\d+)");

  /**
   * Where the restart went, from the engine's own log: JVM + Spring start-up, and the journal
   * replay.
   */
  private void startupBreakdown(Path log) throws IOException {
    double replayMillis = Double.NaN;
    double readyMillis = Double.NaN;
    double startingAt = Double.NaN;
    for (String line : java.nio.file.Files.readAllLines(log)) {
      java.util.regex.Matcher started = STARTED.matcher(line);
      if (started.find()) {
        readyMillis = Double.parseDouble(started.group(2)) * 1000;
      }
      java.util.regex.Matcher time = TIME.matcher(line);
      if (time.find()) {
        double at =
            (Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60) * 1000.0
                + Double.parseDouble(time.group(3)) * 1000;
        if (line.contains("Starting the embedded engine")) {
          startingAt = at;
        } else if (line.contains("CivicFlow engine started")) {
          replayMillis = at - startingAt;
        }
      }
    }
    results.put("civicflow", "restart.replay.ms", replayMillis);
    results.put("civicflow", "restart.jvmToStarted.ms", readyMillis);
    BenchMain.log(
        "civicflow: in the restart, the engine bean (journal replay) took %.0f ms; the JVM was %.0f ms old when Spring Boot reported the application started",
        replayMillis, readyMillis);
  }

  private long lastStart;
  private long lastTotal;

  private EngineProcess startAndTime(Path data, Path log) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    EngineProcess engine = EngineProcess.start(config, data, log);
    lastTotal = engine.awaitSearchAnswers(Duration.ofMinutes(2));
    lastStart = (System.nanoTime() - t0) / 1_000_000;
    return engine;
  }

  private CamundaClient client(EngineProcess engine) {
    return client(config, engine);
  }

  /** The official client on the engine, as every mode of this benchmark drives it. */
  static CamundaClient client(BenchConfig config, EngineProcess engine) {
    return CamundaClient.newClientBuilder()
        .restAddress(engine.restAddress())
        .grpcAddress(engine.grpcAddress())
        .preferRestOverGrpc(!config.overGrpc())
        .applyEnvironmentVariableOverrides(false)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        // the engine ships with authentication on; after the first request the check is an HMAC,
        // not BCrypt
        .credentialsProvider(
            io.camunda.client.CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                .username(EngineProcess.USER)
                .password(EngineProcess.PASSWORD)
                .build())
        .build();
  }

  static void deploy(CamundaClient client, String resource, String processId) throws IOException {
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(
            model(resource).replace("@PROCESS_ID@", processId).replace("@JOB_TYPE@", processId),
            processId + ".bpmn")
        .send()
        .join();
  }

  static String model(String resource) throws IOException {
    try (InputStream in = CivicFlowBench.class.getResourceAsStream("/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (java.nio.file.Files.exists(root)) {
      try (var paths = java.nio.file.Files.walk(root)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }

  /** Start and work through the official client; the process id doubles as the job type. */
  private static final class ClientHarness extends Harness {
    private final CamundaClient client;
    private final String processId;
    private final Semaphore inFlight;
    private final java.util.function.DoubleSupplier cpu;

    ClientHarness(
        BenchConfig config,
        CamundaClient client,
        String processId,
        java.util.function.DoubleSupplier cpu) {
      super(config);
      this.client = client;
      this.processId = processId;
      this.inFlight = new Semaphore(config.inFlight());
      this.cpu = cpu;
    }

    @Override
    void startOne() throws Exception {
      inFlight.acquire();
      client
          .newCreateInstanceCommand()
          .bpmnProcessId(processId)
          .latestVersion()
          .variables(Map.of("t0", System.nanoTime()))
          .send()
          .whenComplete(
              (created, failure) -> {
                inFlight.release();
                if (failure != null) {
                  errors.incrementAndGet();
                }
              });
    }

    @Override
    void awaitStarted() throws Exception {
      inFlight.acquire(config.inFlight());
      inFlight.release(config.inFlight());
    }

    @Override
    int workOnce(int worker, Activated activated) {
      List<ActivatedJob> jobs = activate(worker, activated);
      List<CamundaFuture<?>> completions = new ArrayList<>(jobs.size());
      for (ActivatedJob job : jobs) {
        completions.add(
            client.newCompleteCommand(job.getKey()).variables(Map.of("ok", true)).send());
      }
      int done = 0;
      for (CamundaFuture<?> completion : completions) {
        try {
          completion.join();
          done++;
        } catch (RuntimeException e) {
          errors.incrementAndGet();
        }
      }
      return done;
    }

    /** One long-polling activation of up to a batch of jobs; reports each job's t0. */
    private List<ActivatedJob> activate(int worker, Activated activated) {
      List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType(processId)
              .maxJobsToActivate(config.batch())
              .workerName("bench-worker-" + worker)
              .timeout(Duration.ofMinutes(5))
              .fetchVariables("t0")
              .requestTimeout(Duration.ofSeconds(1))
              .send()
              .join()
              .getJobs();
      for (ActivatedJob job : jobs) {
        Object t0 = job.getVariable("t0");
        if (t0 instanceof Number n) {
          activated.created(n.longValue());
        }
      }
      return jobs;
    }

    @Override
    int workOnceForLatency(Activated activated) {
      List<ActivatedJob> jobs = activate(0, activated);
      for (ActivatedJob job : jobs) {
        client
            .newCompleteCommand(job.getKey())
            .variables(Map.of("ok", true))
            .send()
            .whenComplete(
                (done, failure) -> {
                  if (failure != null) {
                    errors.incrementAndGet();
                  } else {
                    completed.incrementAndGet();
                  }
                });
      }
      return 0; // counted as each completion is acknowledged
    }

    @Override
    double cpuMillis() {
      return cpu.getAsDouble();
    }
  }
}
