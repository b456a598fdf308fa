package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.engine.testing.FreePorts;
import io.civicflow.engine.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability guarantee, tested the hard way: the standalone engine (started by its launcher,
 * bin/civicflow-engine) is driven with a mixed load through the real Camunda client — instances
 * whose service-task jobs a worker loop completes, user tasks completed through the user-task API,
 * timers moved by the clock endpoint, messages published and correlated — and killed with SIGKILL
 * while a randomly chosen command of each round is in flight ({@code crash.kills}, default 20,
 * seeded by {@code crash.seed}), restarted on the same data directory each time (snapshots every 40
 * records, so kills also land during snapshots and compaction).
 *
 * <p>The test keeps a ledger of every command the engine acknowledged. After the last restart it
 * drives every instance to its end and checks: every acknowledged command is reflected (lost), and
 * none is applied twice (duplicated) — each step of the process adds one to its own counter
 * variable through an output mapping, so every completed instance must have each counter at exactly
 * 1; a job whose completion was acknowledged must never be handed out again, nor a user task
 * completed twice. A command whose answer was cut off by a kill may or may not have been applied —
 * but never twice.
 */
class CrashRecoveryIT {

  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);

  /** The distribution's launcher (it execs the JVM, so the process killed is the engine's JVM). */
  private static final Path LAUNCHER = Path.of("target/civicflow-engine/bin/civicflow-engine");

  private static final String PROCESS = "crash-mixed-load";
  private static final List<String> COUNTERS =
      List.of("workCount", "reviewCount", "timerCount", "replyCount");
  private static final long HOUR = 3_600_000L;

  @TempDir Path dataDir;

  private final long seed = Long.getLong("crash.seed", 20161101L);
  private final int killsPlanned = Integer.getInteger("crash.kills", 20);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  // the ledger: what the engine acknowledged (and what was only attempted)
  private final Map<String, Long> createdByOrder = new LinkedHashMap<>();
  private final List<String> attemptedOrders = new ArrayList<>();
  private final Set<Long> completedJobs = new HashSet<>();
  private final Set<Long> workDone = new HashSet<>();
  private final Set<Long> completedUserTasks = new HashSet<>();
  private final Set<Long> reviewDone = new HashSet<>();
  private final Set<String> published = new HashSet<>();
  private int acknowledged;

  /**
   * The kill of a round: opened as the load sends its {@code killAt}-th command, so the SIGKILL
   * lands while that command (or the next) is on its way through the engine, at a point no code
   * chose.
   */
  private CountDownLatch killSignal = new CountDownLatch(1);

  private int killAt;
  private int commandsThisRound;
  private int duplicated;
  private int lost;

  /** One running engine: the child process, its ports and a client. */
  private record Running(Process process, CamundaClient client, URI management)
      implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }

  @Test
  void everyAcknowledgedCommandSurvivesSigkillExactlyOnce() throws Exception {
    assertThat(LAUNCHER).as("built by mvn package").isExecutable();
    long started = System.nanoTime();
    Random random = new Random(seed);
    int kills = 0;
    boolean deployed = false;
    for (int round = 0; round < killsPlanned; round++) {
      try (Running engine = start()) {
        if (!deployed) {
          engine
              .client()
              .newDeployResourceCommand()
              .addResourceBytes(TestEngine.fixture(PROCESS + ".bpmn"), PROCESS + ".bpmn")
              .send()
              .join();
          deployed = true;
        }
        Process process = engine.process();
        CountDownLatch signal = new CountDownLatch(1);
        killSignal = signal;
        killAt = 10 + random.nextInt(290);
        commandsThisRound = 0;
        CompletableFuture<Void> killer =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    signal.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  process.destroyForcibly(); // SIGKILL
                });
        while (process.isAlive()) {
          step(engine, random);
        }
        killer.join();
        process.waitFor(30, TimeUnit.SECONDS);
        kills++;
      }
    }
    long loadMillis = (System.nanoTime() - started) / 1_000_000;

    try (Running engine = start()) {
      finish(engine);
      verify(engine);
      engine.process().destroy();
      engine.process().waitFor(30, TimeUnit.SECONDS);
    }
    LOG.info(
        "Crash test (seed {}): {} instances acknowledged, {} jobs and {} user tasks completed, {} messages "
            + "published; {} ms under load with kills, {} ms in all",
        seed,
        createdByOrder.size(),
        completedJobs.size(),
        completedUserTasks.size(),
        published.size(),
        loadMillis,
        (System.nanoTime() - started) / 1_000_000);
    LOG.info(
        "kills={} acknowledged={} lost={} duplicated={}", kills, acknowledged, lost, duplicated);
    assertThat(kills).isGreaterThanOrEqualTo(killsPlanned);
    assertThat(acknowledged).as("the load did something").isGreaterThan(killsPlanned * 3);
    assertThat(lost).as("acknowledged commands lost").isZero();
    assertThat(duplicated).as("commands applied twice").isZero();
  }

  // ---------------------------------------------------------------- the load

  /**
   * One client command, chosen at random. A failure while the engine is dying is an unanswered
   * command.
   */
  private void step(Running engine, Random random) {
    if (++commandsThisRound == killAt) {
      killSignal.countDown();
    }
    int dice = random.nextInt(100);
    try {
      if (dice < 30) {
        create(engine);
      } else if (dice < 55) {
        work(engine, 5);
      } else if (dice < 75) {
        review(engine, 5);
      } else if (dice < 85) {
        moveClock(engine);
      } else {
        publishSome(engine, random);
      }
    } catch (RuntimeException e) {
      if (engine.process().isAlive()) {
        // e.g. completing a job whose completion was applied before a kill cut off its answer
        LOG.debug("A command was refused while the engine runs: {}", e.getMessage());
      }
    }
  }

  private void create(Running engine) {
    String orderId = "order-" + attemptedOrders.size();
    attemptedOrders.add(orderId);
    Map<String, Object> variables = new HashMap<>(Map.of("orderId", orderId));
    COUNTERS.forEach(c -> variables.put(c, 0));
    long key =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS)
            .latestVersion()
            .variables(variables)
            .send()
            .join()
            .getProcessInstanceKey();
    createdByOrder.put(orderId, key);
    ack();
  }

  private void work(Running engine, int max) {
    List<ActivatedJob> jobs =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType("crash.work")
            .maxJobsToActivate(max)
            .timeout(Duration.ofMinutes(10))
            .requestTimeout(Duration.ofMillis(50))
            .send()
            .join()
            .getJobs();
    for (ActivatedJob job : jobs) {
      if (completedJobs.contains(job.getKey()) || workDone.contains(job.getProcessInstanceKey())) {
        duplicated++;
        LOG.error(
            "Job {} of instance {} was handed out again after its completion was acknowledged",
            job.getKey(),
            job.getProcessInstanceKey());
        continue;
      }
      engine.client().newCompleteCommand(job.getKey()).send().join();
      completedJobs.add(job.getKey());
      workDone.add(job.getProcessInstanceKey());
      ack();
    }
  }

  private void review(Running engine, int max) {
    List<UserTask> tasks =
        engine
            .client()
            .newUserTaskSearchRequest()
            .filter(f -> f.state(UserTaskState.CREATED).bpmnProcessId(PROCESS))
            .page(p -> p.limit(max))
            .send()
            .join()
            .items();
    for (UserTask task : tasks) {
      if (completedUserTasks.contains(task.getUserTaskKey())
          || reviewDone.contains(task.getProcessInstanceKey())) {
        duplicated++;
        LOG.error(
            "User task {} of instance {} is open again after its completion was acknowledged",
            task.getUserTaskKey(),
            task.getProcessInstanceKey());
        continue;
      }
      engine
          .client()
          .newCompleteUserTaskCommand(task.getUserTaskKey())
          .variables(Map.of("reviewed", true))
          .send()
          .join();
      completedUserTasks.add(task.getUserTaskKey());
      reviewDone.add(task.getProcessInstanceKey());
      ack();
    }
  }

  private void moveClock(Running engine) {
    HttpResponse<String> response =
        management(engine, "/actuator/clock/add", "{\"offsetMilli\":" + HOUR + "}");
    if (response.statusCode() == 200) {
      ack();
    }
  }

  /**
   * Publishes the reply of a few orders (before or after their subscription opens: it is buffered).
   */
  private void publishSome(Running engine, Random random) {
    List<String> open =
        createdByOrder.keySet().stream().filter(o -> !published.contains(o)).toList();
    for (int i = 0; i < Math.min(3, open.size()); i++) {
      publish(engine, open.get(random.nextInt(open.size())));
    }
  }

  private void publish(Running engine, String orderId) {
    if (published.contains(orderId)) {
      return;
    }
    try {
      engine
          .client()
          .newPublishMessageCommand()
          .messageName("Reply")
          .correlationKey(orderId)
          .messageId("reply-" + orderId)
          .timeToLive(Duration.ofDays(3650))
          .send()
          .join();
      ack();
      published.add(orderId);
    } catch (RuntimeException e) {
      if (engine.process().isAlive() && String.valueOf(e.getMessage()).contains("409")) {
        published.add(
            orderId); // an earlier publication whose answer a kill cut off: buffered already
      } else {
        throw e;
      }
    }
  }

  private void ack() {
    acknowledged++;
  }

  // ---------------------------------------------------------------- the end

  /**
   * Without kills: publishes every reply, works, reviews and moves the clock until no instance is
   * active.
   */
  private void finish(Running engine) {
    for (int i = 0; i < 200; i++) {
      for (String orderId : attemptedOrders) {
        try {
          publish(engine, orderId);
        } catch (RuntimeException e) {
          LOG.debug("publishing {} again: {}", orderId, e.getMessage());
        }
      }
      work(engine, 100);
      review(engine, 100);
      moveClock(engine);
      if (instances(engine).stream().noneMatch(p -> p.getState() == ProcessInstanceState.ACTIVE)) {
        return;
      }
    }
  }

  private void verify(Running engine) {
    Map<Long, ProcessInstance> byKey = new HashMap<>();
    instances(engine).forEach(p -> byKey.put(p.getProcessInstanceKey(), p));
    for (Map.Entry<String, Long> created : createdByOrder.entrySet()) {
      ProcessInstance instance = byKey.get(created.getValue());
      if (instance == null || instance.getState() != ProcessInstanceState.COMPLETED) {
        lost++;
        LOG.error(
            "Instance {} ({}) was acknowledged but is {}",
            created.getValue(),
            created.getKey(),
            instance == null ? "missing" : instance.getState());
      }
    }
    for (long jobInstance : workDone) {
      if (!byKey.containsKey(jobInstance)) {
        lost++;
        LOG.error("A job of instance {} was completed, but the instance is missing", jobInstance);
      }
    }
    Map<Long, Map<String, Integer>> counters = new HashMap<>();
    for (String counter : COUNTERS) {
      for (Variable variable : variables(engine, counter)) {
        if (variable.getScopeKey().equals(variable.getProcessInstanceKey())) {
          counters
              .computeIfAbsent(variable.getProcessInstanceKey(), k -> new HashMap<>())
              .put(counter, Integer.parseInt(variable.getValue()));
        }
      }
    }
    Map<String, Integer> instancesPerOrder = new HashMap<>();
    variables(engine, "orderId")
        .forEach(v -> instancesPerOrder.merge(v.getValue(), 1, Integer::sum));
    instancesPerOrder.forEach(
        (orderId, count) -> {
          if (count > 1) {
            duplicated += count - 1;
            LOG.error("{} instances for order {}, created once", count, orderId);
          }
        });
    for (ProcessInstance instance : byKey.values()) {
      Map<String, Integer> values =
          counters.getOrDefault(instance.getProcessInstanceKey(), Map.of());
      for (String counter : COUNTERS) {
        int value = values.getOrDefault(counter, -1);
        if (value > 1) {
          duplicated++;
          LOG.error(
              "Instance {}: {} = {} (a step applied twice)",
              instance.getProcessInstanceKey(),
              counter,
              value);
        } else if (value < 1 && instance.getState() == ProcessInstanceState.COMPLETED) {
          lost++;
          LOG.error(
              "Instance {} completed with {} = {}",
              instance.getProcessInstanceKey(),
              counter,
              value);
        }
      }
    }
  }

  private static List<ProcessInstance> instances(Running engine) {
    return engine
        .client()
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(PROCESS))
        .page(p -> p.limit(10_000))
        .send()
        .join()
        .items();
  }

  private static List<Variable> variables(Running engine, String name) {
    return engine
        .client()
        .newVariableSearchRequest()
        .filter(f -> f.name(name))
        .page(p -> p.limit(10_000))
        .send()
        .join()
        .items();
  }

  // ---------------------------------------------------------------- the child JVM

  /**
   * Starts the engine on the data directory. A start that fails is tried once more, with the first
   * attempt's output in the test log: what is under test is that the data recovers, and a data
   * directory that cannot be recovered fails the second start the same way, while a JVM that died
   * for a reason outside it (a port taken between choosing and binding it, the machine's memory)
   * does not fail the durability claim.
   */
  private Running start() throws IOException {
    try {
      return startOnce();
    } catch (CompletionException failed) {
      LOG.warn("The engine did not start; starting it once more", failed.getCause());
      return startOnce();
    }
  }

  private Running startOnce() throws IOException {
    int restPort = FreePorts.next();
    int managementPort = FreePorts.next();
    ProcessBuilder launcher =
        new ProcessBuilder(
                LAUNCHER.toString(),
                "--server.port=" + restPort,
                "--management.server.port=" + managementPort,
                "--civicflow.engine.data-dir=" + dataDir,
                "--civicflow.engine.grpc.port=0",
                "--civicflow.engine.clock.controlled=true",
                // durability is under test here, not authentication (shown by
                // io.civicflow.engine.web.auth.*)
                "--civicflow.engine.auth.enabled=false",
                "--civicflow.engine.snapshot.every-records=40",
                "--logging.level.root=WARN",
                "--logging.level.io.civicflow=INFO")
            .redirectErrorStream(true);
    launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
    launcher.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC");
    Process process = launcher.start();
    // its log lines about recovery, snapshots and errors go to the test log
    try {
      EngineProcesses.awaitStarted(
          process,
          line -> {
            if (line.contains("Recovered") || line.contains("unusable") || line.contains("ERROR")) {
              LOG.info("engine: {}", line);
            }
          });
    } catch (CompletionException notStarted) {
      process.destroyForcibly();
      waitForExit(process);
      throw notStarted;
    }
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + restPort))
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
    return new Running(process, client, URI.create("http://127.0.0.1:" + managementPort));
  }

  private static void waitForExit(Process process) {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<String> management(Running engine, String path, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(engine.management().resolve(path))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
