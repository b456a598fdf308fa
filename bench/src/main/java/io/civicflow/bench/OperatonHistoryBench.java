package io.civicflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;

/**
 * The Operaton column of {@code --mode=history} (child JVM, {@code --mode=operaton-history}):
 * Operaton 1.0.3 embedded on a file H2, history level full, completes the same short instances and
 * at the same checkpoints measures the same things through its Java API: live heap, database size
 * (its "history store"; it has no snapshot), restart to the first answered history query, segment
 * throughput, and p50/p99 of the historic process instance by id, its historic activity instances,
 * a historic variable by name and value, and historic process instances by a variable value. Prints
 * one {@code HISTORY-ROW|} line per checkpoint on standard output.
 */
final class OperatonHistoryBench {

  private static final String PROCESS = "bench-history";

  private OperatonHistoryBench() {}

  static void run(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    long instances = HistoryBench.longArg(args, "instances", 1_000_000L);
    int searches = (int) HistoryBench.longArg(args, "searches", 100);
    Path root = config.workDir().toAbsolutePath().resolve("operaton-history");
    CivicFlowBench.deleteRecursively(root);
    Files.createDirectories(root);
    String url = "jdbc:h2:file:" + root.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
    long pid = ProcessHandle.current().pid();
    ProcessEngine engine = build(url);
    String xml =
        CivicFlowBench.model("bench-operaton.bpmn")
            .replace("@PROCESS_ID@", PROCESS)
            .replace("@TOPIC@", PROCESS);
    engine.getRepositoryService().createDeployment().addString(PROCESS + ".bpmn", xml).deploy();
    long warmup = HistoryBench.warmup(args);
    if (warmup > 0) {
      String warm =
          CivicFlowBench.model("bench-operaton.bpmn")
              .replace("@PROCESS_ID@", HistorySeries.WARMUP)
              .replace("@TOPIC@", HistorySeries.WARMUP);
      engine
          .getRepositoryService()
          .createDeployment()
          .addString(HistorySeries.WARMUP + ".bpmn", warm)
          .deploy();
      complete(engine, HistorySeries.WARMUP, 0, warmup, null, 1, config.batch() * 4);
    }
    // the ids of every step-th instance (searches by id pick among them): few, so they do not weigh
    // on the heap measured here
    long step = HistoryBench.step(instances);
    String[] ids = new String[(int) (instances / step) + 1];
    SplittableRandom random = new SplittableRandom(20161101);
    long done = 0;
    for (long target : HistoryBench.checkpoints(instances)) {
      long t0 = System.nanoTime();
      double cpu0 = Probes.cpuMillis(pid);
      complete(engine, PROCESS, done, target - done, ids, step, config.batch() * 4);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = target == done ? 0 : (target - done) / seconds;
      // this JVM runs the harness too (through the Java API, no HTTP)
      double cpu = target == done ? Double.NaN : (Probes.cpuMillis(pid) - cpu0) / (target - done);
      done = target;
      long heap = Probes.liveHeapBytes(pid);
      long store = HistoryBench.size(root);
      long[] restarts = new long[HistoryBench.restarts(args)];
      for (int r = 0; r < restarts.length; r++) {
        close(engine, url);
        Probes.syncDisks();
        long restartStarted = System.nanoTime();
        engine = build(url);
        engine.getHistoryService().createHistoricProcessInstanceQuery().listPage(0, 1);
        restarts[r] = (System.nanoTime() - restartStarted) / 1_000_000;
      }
      long restart = HistoryBench.median(restarts);
      ProcessEngine e = engine;
      long completed = done;
      double[] byKey =
          HistoryBench.timed(
              searches,
              completed,
              random,
              i ->
                  e.getHistoryService()
                      .createHistoricProcessInstanceQuery()
                      .processInstanceId(ids[(int) (i / step)])
                      .list());
      double[] elements =
          HistoryBench.timed(
              searches,
              completed,
              random,
              i ->
                  e.getHistoryService()
                      .createHistoricActivityInstanceQuery()
                      .processInstanceId(ids[(int) (i / step)])
                      .list());
      double[] variable =
          HistoryBench.timed(
              searches,
              completed,
              random,
              i ->
                  e.getHistoryService()
                      .createHistoricVariableInstanceQuery()
                      .variableValueEquals("t0", i)
                      .listPage(0, 10));
      double[] byVariable =
          HistoryBench.timed(
              searches,
              completed,
              random,
              i ->
                  e.getHistoryService()
                      .createHistoricProcessInstanceQuery()
                      .variableValueEquals("t0", i)
                      .listPage(0, 10));
      HistoryBench.Row row =
          new HistoryBench.Row(
              "operaton (history full)",
              done,
              rate,
              cpu,
              heap,
              -1,
              store,
              restart,
              byKey,
              elements,
              variable,
              byVariable);
      BenchMain.log("history: %s (load %s)", row.markdown(), Probes.load());
      // the parent reads these lines from this child's standard out
      BenchMain.print(row.line() + System.lineSeparator());
    }
    close(engine, url);
  }

  /** Starts {@code count} instances ({@code t0} from {@code from}) and completes their tasks. */
  /** Starts and completes {@code count} instances; notes every step-th id unless ids is null. */
  private static void complete(
      ProcessEngine engine,
      String process,
      long from,
      long count,
      String[] ids,
      long step,
      int batch) {
    long started = 0;
    long completed = 0;
    while (completed < count) {
      for (int i = 0; i < batch && started < count; i++, started++) {
        long t0 = from + started;
        String id =
            engine
                .getRuntimeService()
                .startProcessInstanceByKey(
                    process, ids == null ? Map.of("ok", true) : Map.of("t0", t0, "ok", true))
                .getId();
        if (ids != null && t0 % step == 0) {
          ids[(int) (t0 / step)] = id;
        }
      }
      List<LockedExternalTask> tasks =
          engine
              .getExternalTaskService()
              .fetchAndLock(batch, "bench-history")
              .topic(process, 300_000)
              .execute();
      for (LockedExternalTask task : tasks) {
        engine.getExternalTaskService().complete(task.getId(), "bench-history", Map.of());
      }
      completed += tasks.size();
    }
  }

  private static ProcessEngine build(String url) {
    return ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("bench-history")
        .setJdbcUrl(url)
        .setJdbcDriver("org.h2.Driver")
        .setJdbcUsername("sa")
        .setJdbcPassword("")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
  }

  private static void close(ProcessEngine engine, String url) throws Exception {
    engine.close();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }
}
