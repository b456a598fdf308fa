package io.civicflow.engine;

import io.civicflow.engine.feel.EvaluationLimits;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStoreFactory;
import io.civicflow.engine.journal.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * How an engine instance is set up.
 *
 * @param dataDirectory where the journal and the snapshots live; {@code null} keeps everything in
 *     memory (tests only)
 * @param clockControlled whether the clock may be pinned and moved (Camunda's {@code
 *     zeebe.clock.controlled})
 * @param purgeEnabled whether {@code purge} may delete all data (for test runtimes)
 * @param defaultLongPollTimeout how long job activation waits when the request says 0
 * @param systemTime the real time source the engine clock starts from (the only place system time
 *     enters)
 * @param snapshots when snapshots are taken and how many are kept
 * @param commandQueueLimit how many client commands may wait for the processing thread; more are
 *     answered {@code RESOURCE_EXHAUSTED} (internal follow-ups are never refused)
 * @param limits how large a request and a journal record may be
 * @param evaluationLimits the budget of each FEEL or DMN evaluation on the processing thread
 * @param exitOnFatalError whether the JVM exits (status 70) when the processing thread or the
 *     journal writer dies (an {@code OutOfMemoryError}); otherwise the engine only stops taking
 *     commands. Off here (embedded in tests), on in the Spring Boot configuration
 * @param history how long history is kept in the history store ({@code civicflow.engine.history.*})
 * @param historyStore opens the history store (default: the embedded H2 store)
 * @param historyMaxPending how many ended root instances may wait in the heap while the history
 *     store refuses writes ({@code civicflow.engine.history.max-pending}); beyond that client
 *     commands are refused with {@code RESOURCE_EXHAUSTED} until the store catches up
 */
public record EngineConfig(
    Path dataDirectory,
    boolean clockControlled,
    boolean purgeEnabled,
    Duration defaultLongPollTimeout,
    InstantSource systemTime,
    SnapshotPolicy snapshots,
    int commandQueueLimit,
    Limits limits,
    EvaluationLimits evaluationLimits,
    boolean exitOnFatalError,
    HistoryRetention history,
    HistoryStoreFactory historyStore,
    int historyMaxPending) {

  public static final int DEFAULT_COMMAND_QUEUE_LIMIT = 5_000;
  public static final int DEFAULT_HISTORY_MAX_PENDING = 10_000;

  public EngineConfig {
    historyStore = historyStore == null ? HistoryStoreFactory.EMBEDDED : historyStore;
    if (historyMaxPending < 1) {
      throw new IllegalArgumentException(
          "civicflow.engine.history.max-pending must be positive, not " + historyMaxPending);
    }
  }

  /**
   * When to snapshot: after {@code everyRecords} journal records or {@code everyBytes} journal
   * bytes since the last one, whichever comes first (but never more often than every half a
   * snapshot's size in journal bytes, so a large history is not rewritten for a small tail). {@code
   * retained} snapshots are kept (at least 1); the journal keeps every segment the oldest of them
   * needs. With {@code onStop}, stopping the engine takes one more snapshot if anything was
   * journaled since the last one, so the next start replays no journal.
   */
  public record SnapshotPolicy(long everyRecords, long everyBytes, int retained, boolean onStop) {
    public SnapshotPolicy {
      if (everyRecords < 1 || everyBytes < 1 || retained < 1) {
        throw new IllegalArgumentException(
            "snapshot intervals and the number retained must be positive");
      }
    }

    public SnapshotPolicy(long everyRecords, long everyBytes, int retained) {
      this(everyRecords, everyBytes, retained, true);
    }

    public static SnapshotPolicy defaults() {
      return new SnapshotPolicy(100_000, 64L * 1024 * 1024, 2);
    }

    public static SnapshotPolicy everyRecords(long records) {
      return new SnapshotPolicy(records, Long.MAX_VALUE, 2);
    }

    /** The same, without the snapshot on stop (the next start replays the journal's tail). */
    public SnapshotPolicy withoutSnapshotOnStop() {
      return new SnapshotPolicy(everyRecords, everyBytes, retained, false);
    }
  }

  /**
   * How large things may be, the same on both APIs.
   *
   * @param maxRequestBytes the largest request (REST body, gRPC message) and the largest variables
   *     document of a command, as the journal stores it (Zeebe's default: 4 MB); at most 16 MB,
   *     since JSON readers take strings of at most 20 million characters
   * @param maxRecordBytes the largest journal record (the events of one command), for the writer
   *     and the reader alike; at least four times {@code maxRequestBytes} (a stored document is
   *     escaped once more inside its event), at most 1 GiB
   */
  public record Limits(long maxRequestBytes, int maxRecordBytes) {

    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_RECORD_BYTES = Journal.DEFAULT_MAX_RECORD_BYTES;
    static final long MAX_REQUEST_BYTES_CEILING = 16L * 1024 * 1024;
    static final int MAX_RECORD_BYTES_CEILING = 1024 * 1024 * 1024;

    public Limits {
      if (maxRequestBytes < 1024 || maxRequestBytes > MAX_REQUEST_BYTES_CEILING) {
        throw new IllegalArgumentException(
            "the largest request must be between 1 KB and 16 MB, not "
                + maxRequestBytes
                + " bytes");
      }
      if (maxRecordBytes < 4 * maxRequestBytes || maxRecordBytes > MAX_RECORD_BYTES_CEILING) {
        throw new IllegalArgumentException(
            "the largest journal record must be at least four times the largest request ("
                + 4 * maxRequestBytes
                + " bytes) and at most 1 GiB, not "
                + maxRecordBytes
                + " bytes");
      }
    }

    public static Limits defaults() {
      return new Limits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_RECORD_BYTES);
    }
  }

  /** Without snapshot, queue or limit settings: the defaults. */
  public EngineConfig(
      Path dataDirectory,
      boolean clockControlled,
      boolean purgeEnabled,
      Duration defaultLongPollTimeout,
      InstantSource systemTime) {
    this(
        dataDirectory,
        clockControlled,
        purgeEnabled,
        defaultLongPollTimeout,
        systemTime,
        SnapshotPolicy.defaults(),
        DEFAULT_COMMAND_QUEUE_LIMIT,
        Limits.defaults(),
        EvaluationLimits.defaults(),
        false,
        HistoryRetention.defaults(),
        HistoryStoreFactory.EMBEDDED,
        DEFAULT_HISTORY_MAX_PENDING);
  }

  public static EngineConfig inMemory() {
    return new EngineConfig(null, true, true, Duration.ofSeconds(10), InstantSource.system());
  }

  public static EngineConfig durable(Path dataDirectory) {
    return new EngineConfig(
        dataDirectory, false, false, Duration.ofSeconds(10), InstantSource.system());
  }

  public EngineConfig withClockControlled(boolean controlled) {
    return with(c -> c.clockControlled = controlled);
  }

  public EngineConfig withPurgeEnabled(boolean enabled) {
    return with(c -> c.purgeEnabled = enabled);
  }

  public EngineConfig withSnapshots(SnapshotPolicy policy) {
    return with(c -> c.snapshots = policy);
  }

  public EngineConfig withCommandQueueLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the command queue limit must be positive, not " + limit);
    }
    return with(c -> c.commandQueueLimit = limit);
  }

  public EngineConfig withLimits(Limits newLimits) {
    return with(c -> c.limits = newLimits);
  }

  public EngineConfig withEvaluationLimits(EvaluationLimits newEvaluationLimits) {
    return with(c -> c.evaluationLimits = newEvaluationLimits);
  }

  public EngineConfig withExitOnFatalError(boolean exit) {
    return with(c -> c.exitOnFatalError = exit);
  }

  public EngineConfig withHistory(HistoryRetention retention) {
    return with(c -> c.history = retention);
  }

  public EngineConfig withHistoryStore(HistoryStoreFactory factory) {
    return with(c -> c.historyStore = factory);
  }

  public EngineConfig withHistoryMaxPending(int maxPending) {
    return with(c -> c.historyMaxPending = maxPending);
  }

  /** This configuration with one setting changed: every {@code with…} is this copy. */
  private EngineConfig with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The settings of a configuration, to change one and build the next. */
  private static final class Copy {
    private final Path dataDirectory;
    private boolean clockControlled;
    private boolean purgeEnabled;
    private final Duration defaultLongPollTimeout;
    private final InstantSource systemTime;
    private SnapshotPolicy snapshots;
    private int commandQueueLimit;
    private Limits limits;
    private EvaluationLimits evaluationLimits;
    private boolean exitOnFatalError;
    private HistoryRetention history;
    private HistoryStoreFactory historyStore;
    private int historyMaxPending;

    Copy(EngineConfig config) {
      dataDirectory = config.dataDirectory();
      clockControlled = config.clockControlled();
      purgeEnabled = config.purgeEnabled();
      defaultLongPollTimeout = config.defaultLongPollTimeout();
      systemTime = config.systemTime();
      snapshots = config.snapshots();
      commandQueueLimit = config.commandQueueLimit();
      limits = config.limits();
      evaluationLimits = config.evaluationLimits();
      exitOnFatalError = config.exitOnFatalError();
      history = config.history();
      historyStore = config.historyStore();
      historyMaxPending = config.historyMaxPending();
    }

    EngineConfig build() {
      return new EngineConfig(
          dataDirectory,
          clockControlled,
          purgeEnabled,
          defaultLongPollTimeout,
          systemTime,
          snapshots,
          commandQueueLimit,
          limits,
          evaluationLimits,
          exitOnFatalError,
          history,
          historyStore,
          historyMaxPending);
    }
  }
}
