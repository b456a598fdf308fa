package io.civicflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;

/**
 * Operaton 1.0.3 embedded, as its users run it: a standalone process engine on a file H2 database,
 * history level full, and in-process external-task workers (fetchAndLock a batch, complete each).
 * Runs in its own child JVM (the parent starts it with {@code --mode=operaton}) and prints its
 * numbers as {@code RESULT} lines. The job executor is off: external tasks do not need it.
 */
final class OperatonBench {

  static final String WORK = "bench-work";
  static final String WAITING = CivicFlowBench.WAITING;
  private static final long LOCK_MILLIS = 5 * 60_000;

  private final BenchConfig config;
  private final Results results = new Results();
  private final long pid = ProcessHandle.current().pid();

  OperatonBench(BenchConfig config) {
    this.config = config;
  }

  void run() throws Exception {
    Path root = config.workDir().toAbsolutePath().resolve("operaton");
    CivicFlowBench.deleteRecursively(root);
    Files.createDirectories(root);

    String runUrl = url(root.resolve("run"));
    ProcessEngine engine = build(runUrl, ProcessEngineConfiguration.HISTORY_FULL, "bench-run");
    deploy(engine, "bench-operaton.bpmn", WORK);
    EmbeddedHarness harness = new EmbeddedHarness(config, engine, WORK);
    BenchMain.log(
        "%s: JIT warm-up, 2 workers for %d s (load %s)",
        "operaton", config.jitWarmupSeconds(), Probes.load());
    harness.warmUp(config.jitWarmupSeconds());
    for (int workers = 1; workers <= 2; workers++) {
      BenchMain.log(
          "operaton: throughput with %d worker(s), %d s warm-up + %d s window (load %s)",
          workers, config.warmupSeconds(), config.windowSeconds(), Probes.load());
      results.throughput("operaton", workers, harness.throughput(workers));
    }
    BenchMain.log(
        "operaton: latency at %d instances/s (load %s)", config.latencyRate(), Probes.load());
    results.latency("operaton", harness.latency(root.resolve("latency-samples.csv")));
    close(engine, runUrl);

    if (config.operatonHistoryNone()) {
      String noneUrl = url(root.resolve("history-none"));
      ProcessEngine none = build(noneUrl, ProcessEngineConfiguration.HISTORY_NONE, "bench-none");
      deploy(none, "bench-operaton.bpmn", WORK);
      BenchMain.log("operaton: throughput with history none, 2 workers (load %s)", Probes.load());
      results.throughput(
          "operaton", "2.historyNone", new EmbeddedHarness(config, none, WORK).throughput(2));
      close(none, noneUrl);
    }

    String waitingUrl = url(root.resolve("waiting"));
    ProcessEngine waiting =
        build(waitingUrl, ProcessEngineConfiguration.HISTORY_FULL, "bench-waiting");
    deploy(waiting, "bench-operaton-waiting.bpmn", WAITING);
    EmbeddedHarness idle = new EmbeddedHarness(config, waiting, WAITING);
    idle.startMany(100);
    long before = Probes.liveHeapBytes(pid);
    BenchMain.log(
        "operaton: starting %d instances that wait at a user task (load %s)",
        config.waitingInstances(), Probes.load());
    idle.startMany(config.waitingInstances());
    long after = Probes.liveHeapBytes(pid);
    results.heap("operaton", before, after, config.waitingInstances());
    close(waiting, waitingUrl);

    List<Long> restarts = new ArrayList<>();
    long total = 0;
    for (int i = 1; i <= config.restarts(); i++) {
      BenchMain.log(
          "operaton: restart %d of %d with %d waiting instances (load %s)",
          i, config.restarts(), config.waitingInstances() + 100, Probes.load());
      long t0 = System.nanoTime();
      ProcessEngine reopened =
          build(waitingUrl, ProcessEngineConfiguration.HISTORY_FULL, "bench-reopened");
      List<?> first =
          reopened.getRuntimeService().createProcessInstanceQuery().active().listPage(0, 1);
      total =
          first.isEmpty()
              ? 0
              : reopened.getRuntimeService().createProcessInstanceQuery().active().count();
      restarts.add((System.nanoTime() - t0) / 1_000_000);
      close(reopened, waitingUrl);
    }
    results.restart("operaton", restarts, total, -1);

    BenchMain.print(results.lines());
  }

  private static String url(Path file) {
    return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  private static ProcessEngine build(String url, String history, String name) {
    return ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName(name)
        .setJdbcUrl(url)
        .setJdbcDriver("org.h2.Driver")
        .setJdbcUsername("sa")
        .setJdbcPassword("")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(history)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
  }

  /** Closes the engine and the H2 database, so a re-open reads the file again. */
  private static void close(ProcessEngine engine, String url) throws Exception {
    engine.close();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }

  private static void deploy(ProcessEngine engine, String resource, String processId)
      throws Exception {
    String xml =
        CivicFlowBench.model(resource)
            .replace("@PROCESS_ID@", processId)
            .replace("@TOPIC@", processId);
    engine.getRepositoryService().createDeployment().addString(processId + ".bpmn", xml).deploy();
  }

  /** Starts and works in-process: the starter and the workers call the engine's Java API. */
  private final class EmbeddedHarness extends Harness {
    private final ProcessEngine engine;
    private final String processId;

    /**
     * Released by every start: a worker that found nothing waits on it instead of polling H2 in a
     * loop.
     */
    private final Semaphore newWork = new Semaphore(0);

    EmbeddedHarness(BenchConfig config, ProcessEngine engine, String processId) {
      super(config);
      this.engine = engine;
      this.processId = processId;
    }

    @Override
    void startOne() {
      engine
          .getRuntimeService()
          .startProcessInstanceByKey(processId, Map.of("t0", System.nanoTime()));
      newWork.release();
    }

    @Override
    void awaitStarted() {
      // startOne returns after the commit
    }

    @Override
    int workOnce(int worker, Activated activated) throws Exception {
      String workerId = "bench-worker-" + worker;
      List<LockedExternalTask> tasks;
      try {
        tasks =
            engine
                .getExternalTaskService()
                .fetchAndLock(config.batch(), workerId)
                .topic(processId, LOCK_MILLIS)
                .variables("t0")
                .execute();
      } catch (OptimisticLockingException conflict) {
        return 0; // another worker locked the same tasks; fetch again
      }
      if (tasks.isEmpty()) {
        // until an instance is started (or 10 ms: a lock may have expired), then one fetch for all
        // of them
        if (newWork.tryAcquire(10, TimeUnit.MILLISECONDS)) {
          newWork.drainPermits();
        }
        return 0;
      }
      for (LockedExternalTask task : tasks) {
        Object t0 = task.getVariables().get("t0");
        if (t0 instanceof Number n) {
          activated.created(n.longValue());
        }
      }
      int done = 0;
      for (LockedExternalTask task : tasks) {
        try {
          engine.getExternalTaskService().complete(task.getId(), workerId, Map.of("ok", true));
          done++;
        } catch (RuntimeException e) {
          errors.incrementAndGet();
        }
      }
      return done;
    }

    @Override
    double cpuMillis() {
      return Probes.cpuMillis(pid);
    }
  }
}
