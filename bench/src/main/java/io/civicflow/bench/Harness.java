package io.civicflow.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measurement loops both engines share: a starter keeps instances coming (bounded backlog)
 * while workers take and complete jobs; or, for latency, a starter at a fixed rate and one worker
 * that notes how long each instance took from creation to the activation of its job. Each engine
 * supplies how to start one instance and how one worker takes one round of jobs.
 */
abstract class Harness {
  private static final Logger LOG = LoggerFactory.getLogger(Harness.class);

  /** Latency samples of one round of jobs: nanoTime at creation (the instance's t0 variable). */
  interface Activated {
    void created(long t0Nanos);
  }

  protected final BenchConfig config;

  /**
   * Counted down when a load thread stops unexpectedly: the phase ends at once instead of measuring
   * nothing.
   */
  private volatile CountDownLatch aborted = new CountDownLatch(1);

  final AtomicLong started = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  volatile boolean running;

  Harness(BenchConfig config) {
    this.config = config;
  }

  /**
   * Starts one instance with the variable t0 = System.nanoTime() at the call (may return before it
   * is durable).
   */
  abstract void startOne() throws Exception;

  /** Waits until every started instance is acknowledged. */
  abstract void awaitStarted() throws Exception;

  /**
   * One worker's round: fetch up to a batch of jobs, report their creation times, complete them;
   * returns how many.
   */
  abstract int workOnce(int worker, Activated activated) throws Exception;

  /** Process CPU time that the engine and the driver use together (milliseconds). */
  abstract double cpuMillis();

  /**
   * The latency phase's worker round: like {@link #workOnce}, but an engine whose completions are
   * remote requests may send them without waiting, so the worker's next activation is not held up
   * by them — as the official client's job worker, which keeps polling while handlers complete
   * jobs. Completions are still counted (when acknowledged) and failures still are errors.
   */
  int workOnceForLatency(Activated activated) throws Exception {
    return workOnce(0, activated);
  }

  record Throughput(double perSecond, double cpuMillisPerInstance, long errors, String load) {}

  record Latency(double p50, double p95, double p99, double max, int samples, String load) {}

  /**
   * Before the first measured phase: both engines run their hot path with 2 workers for the same
   * time, so the 1-worker window does not measure a JVM still compiling (on a loaded 2-core machine
   * 20 s of warm-up alone was not enough for Operaton).
   */
  void warmUp(int seconds) throws Exception {
    run(2, seconds, 0);
  }

  Throughput throughput(int workers) throws Exception {
    return run(workers, config.warmupSeconds(), config.windowSeconds());
  }

  private Throughput run(int workers, int warmupSeconds, int windowSeconds) throws Exception {
    running = true;
    aborted = new CountDownLatch(1);
    long errorsBefore = errors.get();
    // room for more instances started but not completed: the starter waits for a completion when
    // the
    // backlog is full (blocked, costing no CPU), and workers never run dry
    Semaphore room =
        new Semaphore((int) Math.max(0, config.maxBacklog() - (started.get() - completed.get())));
    List<Thread> threads = new ArrayList<>();
    threads.add(
        thread(
            "starter",
            () -> {
              while (running) {
                if (!room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                  continue; // still full; look at running again
                }
                try {
                  startOne();
                  started.incrementAndGet();
                } catch (Exception e) {
                  errors.incrementAndGet();
                  room.release();
                }
              }
            }));
    for (int i = 0; i < workers; i++) {
      int worker = i;
      threads.add(
          thread(
              "worker-" + i,
              () -> {
                while (running) {
                  try {
                    int done = workOnce(worker, t0 -> {});
                    completed.addAndGet(done);
                    room.release(done);
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    awaitWindow(warmupSeconds);
    long c0 = completed.get();
    double cpu0 = cpuMillis();
    long t0 = System.nanoTime();
    awaitWindow(windowSeconds);
    long c1 = completed.get();
    double cpu1 = cpuMillis();
    long t1 = System.nanoTime();
    String load = Probes.load();
    stop(threads);
    long done = c1 - c0;
    return new Throughput(
        done / Math.max(1e-9, (t1 - t0) / 1e9),
        (cpu1 - cpu0) / Math.max(1, done),
        errors.get() - errorsBefore,
        load);
  }

  /**
   * @param samplesFile where every sample goes as CSV (creation time after the window opened,
   *     latency; both in milliseconds), to see when the slow ones happened
   */
  Latency latency(Path samplesFile) throws Exception {
    drain();
    running = true;
    aborted = new CountDownLatch(1);
    ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
    AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
    AtomicBoolean starterStopped = new AtomicBoolean();
    // the worker ends by itself once the starter has stopped and every started instance's job is
    // done
    Thread worker =
        thread(
            "latency-worker",
            () -> {
              while (running && !(starterStopped.get() && completed.get() >= started.get())) {
                try {
                  completed.addAndGet(
                      workOnceForLatency(
                          t0 -> {
                            long now = System.nanoTime();
                            if (t0 >= measureFrom.get()) {
                              samples.add(new long[] {t0, now - t0});
                            }
                          }));
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
              }
            });
    worker.start();
    ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
    starter.scheduleAtFixedRate(
        () -> {
          try {
            startOne();
            started.incrementAndGet();
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        },
        0,
        1_000_000_000L / config.latencyRate(),
        TimeUnit.NANOSECONDS);
    awaitWindow(config.latencySettleSeconds());
    measureFrom.set(System.nanoTime());
    // the log line's time is the window's wall-clock start, to match slow samples with the GC log
    BenchMain.log("latency window opened (the samples file counts from here)");
    awaitWindow(config.windowSeconds());
    starter.shutdown();
    starter.awaitTermination(10, TimeUnit.SECONDS);
    starterStopped.set(true);
    worker.join(30_000); // the last instances' jobs
    String load = Probes.load();
    stop(List.of(worker));
    long from = measureFrom.get();
    try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(samplesFile))) {
      csv.println(
          "# createdAtMillis counts from the 'latency window opened' line of the benchmark's log");
      csv.println("createdAtMillis,latencyMillis");
      for (long[] sample : samples) {
        csv.printf(Locale.ROOT, "%.3f,%.3f%n", (sample[0] - from) / 1e6, sample[1] / 1e6);
      }
    }
    long[] sorted = samples.stream().mapToLong(sample -> sample[1]).filter(s -> s > 0).toArray();
    Arrays.sort(sorted);
    return new Latency(
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
        sorted.length,
        load);
  }

  /** Works off what the throughput phases left, so the latency phase starts with no backlog. */
  private void drain() throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (completed.get() < started.get() && System.nanoTime() < deadline) {
      try {
        completed.addAndGet(workOnce(0, t0 -> {}));
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }
  }

  /**
   * Starts {@code count} instances as fast as the engine takes them and waits until all are
   * acknowledged.
   */
  void startMany(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      startOne();
      started.incrementAndGet();
    }
    awaitStarted();
  }

  /**
   * Lets the load run for a phase's warm-up or window; ends early, failing the phase, if a load
   * thread stopped.
   */
  private void awaitWindow(double seconds) throws InterruptedException {
    if (aborted.await((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
      running = false;
      throw new IllegalStateException("a load thread stopped during the phase (see the log above)");
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private void stop(List<Thread> threads) throws Exception {
    running = false;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    awaitStarted();
  }

  interface Loop {
    void run() throws Exception;
  }

  private Thread thread(String name, Loop loop) {
    Thread thread =
        new Thread(
            () -> {
              try {
                loop.run();
              } catch (Exception e) {
                if (running) {
                  LOG.error("bench thread {} stopped", name, e);
                  aborted.countDown();
                }
              }
            },
            "bench-" + name);
    thread.setDaemon(true);
    return thread;
  }
}
