package io.civicflow.engine.web;

import io.civicflow.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicflow.engine.*}: how the embedded engine is started.
 *
 * @param dataDir where the journal lives ({@code civicflow.engine.data-dir}, default {@code
 *     ./data})
 * @param clock {@code civicflow.engine.clock.controlled}: whether the clock may be pinned and moved
 *     through {@code /actuator/clock} (Camunda's {@code zeebe.clock.controlled}); default false
 * @param purge {@code civicflow.engine.purge.enabled}: whether {@code /actuator/cluster/purge} may
 *     delete all data (test runtimes only); default false
 * @param longPollTimeout how long job activation waits when the request says 0 (default 10s)
 * @param embedded {@code civicflow.engine.embedded.enabled=false} turns the embedded engine off
 *     (when the application talks to a Camunda 8 cluster instead)
 * @param auth {@code civicflow.engine.auth.*}: HTTP Basic authentication of {@code /v2} and the
 *     management endpoints
 * @param snapshot {@code civicflow.engine.snapshot.every-records} (default 100000), {@code
 *     .every-megabytes} (default 64) of journal since the last snapshot, {@code .retained} (default
 *     2), {@code .on-stop} (default true: a snapshot when the engine stops, so the next start
 *     replays no journal)
 * @param grpc {@code civicflow.engine.grpc.*}: the gRPC gateway (Zeebe's gateway protocol)
 * @param commandQueueLimit {@code civicflow.engine.command-queue-limit}: client commands that may
 *     wait for the engine (default 5000); more are answered 503 {@code RESOURCE_EXHAUSTED}
 * @param limits {@code civicflow.engine.limits.*}: how large a request and a journal record may be
 * @param evaluation {@code civicflow.engine.evaluation.time-limit} (default 500ms), {@code
 *     .max-items} (default 1000000), {@code .max-string-length} (default 10000000): the budget of
 *     each FEEL or DMN evaluation ({@link io.civicflow.engine.feel.EvaluationLimits})
 * @param exitOnFatalError {@code civicflow.engine.exit-on-fatal-error} (default true): the process
 *     exits with status 70 when the processing thread or the journal writer dies (an {@code
 *     OutOfMemoryError}), so a supervisor restarts it
 */
@ConfigurationProperties("civicflow.engine")
public record EngineProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Clock clock,
    @DefaultValue Purge purge,
    @DefaultValue("10s") Duration longPollTimeout,
    @DefaultValue Embedded embedded,
    @DefaultValue Auth auth,
    @DefaultValue Snapshot snapshot,
    @DefaultValue("5000") int commandQueueLimit,
    @DefaultValue Grpc grpc,
    @DefaultValue Limits limits,
    @DefaultValue Evaluation evaluation,
    @DefaultValue("true") boolean exitOnFatalError,
    @DefaultValue History history) {

  /**
   * @param timeToLive {@code civicflow.engine.history.time-to-live}: how long history is kept after
   *     its root instance ended (ISO 8601, default {@code P15Y})
   * @param timeToLiveByProcess {@code civicflow.engine.history.time-to-live-by-process.<bpmn
   *     process id>}: another time to live for one process (test and demo processes shorter)
   * @param maxPending {@code civicflow.engine.history.max-pending}: how many ended root instances
   *     may wait in memory while the history store refuses writes (default 10000); beyond that
   *     client commands are answered 503 {@code RESOURCE_EXHAUSTED} until it catches up
   */
  public record History(
      @DefaultValue("P15Y") String timeToLive,
      java.util.Map<String, String> timeToLiveByProcess,
      @DefaultValue("10000") int maxPending) {}

  public record Clock(@DefaultValue("false") boolean controlled) {}

  public record Purge(@DefaultValue("false") boolean enabled) {}

  public record Evaluation(
      @DefaultValue("500ms") Duration timeLimit,
      @DefaultValue("1000000") long maxItems,
      @DefaultValue("10000000") long maxStringLength) {}

  public record Embedded(@DefaultValue("true") boolean enabled) {}

  public record Snapshot(
      @DefaultValue("100000") long everyRecords,
      @DefaultValue("64") long everyMegabytes,
      @DefaultValue("2") int retained,
      @DefaultValue("true") boolean onStop) {}

  /**
   * The same on both APIs (see {@link EngineConfig.Limits}).
   *
   * @param maxRequestSize {@code civicflow.engine.limits.max-request-size}: the largest REST body
   *     or gRPC message, and the largest variables document of a command as stored (default 4MB,
   *     Zeebe's; at most 16MB); larger is 413 {@code PAYLOAD_TOO_LARGE} over REST, {@code
   *     RESOURCE_EXHAUSTED} over gRPC
   * @param maxRecordSize {@code civicflow.engine.limits.max-record-size}: the largest journal
   *     record, the events of one command (default 256MB; at least four times the request size); a
   *     command whose events would be larger is refused
   */
  public record Limits(
      @DefaultValue("4MB") org.springframework.util.unit.DataSize maxRequestSize,
      @DefaultValue("256MB") org.springframework.util.unit.DataSize maxRecordSize) {

    public EngineConfig.Limits toEngineLimits() {
      return new EngineConfig.Limits(
          maxRequestSize.toBytes(), (int) Math.min(Integer.MAX_VALUE, maxRecordSize.toBytes()));
    }
  }

  /**
   * @param enabled {@code civicflow.engine.grpc.enabled}: on by default
   * @param host {@code civicflow.engine.grpc.host}: the address to listen on (default 127.0.0.1,
   *     like the REST API; 0.0.0.0 for every interface)
   * @param port {@code civicflow.engine.grpc.port}: default 26500 (Zeebe's); 0 picks a free port
   * @param tls {@code civicflow.engine.grpc.tls.certificate-chain} and {@code .private-key}: PEM
   *     files; both set → TLS, neither → plaintext
   */
  public record Grpc(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("127.0.0.1") String host,
      @DefaultValue("26500") int port,
      @DefaultValue Tls tls) {

    public record Tls(Path certificateChain, Path privateKey) {}

    /** The gateway's settings; its largest message is the request limit of both APIs. */
    public io.civicflow.engine.grpc.GrpcGateway.Settings toSettings(Limits limits) {
      return new io.civicflow.engine.grpc.GrpcGateway.Settings(
          host,
          port,
          Math.toIntExact(limits.maxRequestSize().toBytes()),
          tls.certificateChain(),
          tls.privateKey());
    }
  }

  /**
   * @param enabled {@code civicflow.engine.auth.enabled}: on by default; {@code false} lets every
   *     request through as an administrator (tests whose clients cannot authenticate)
   * @param usersFile {@code civicflow.engine.auth.users-file}: the users, their groups and BCrypt
   *     password hashes; a file path, or {@code classpath:…}. Default: the built-in demo users
   */
  public record Auth(
      @DefaultValue("true") boolean enabled, @DefaultValue(DEFAULT_USERS_FILE) String usersFile) {

    /** The demo users shipped in the engine jar (password {@code demo}, as in Camunda 8 Run). */
    public static final String DEFAULT_USERS_FILE =
        "classpath:io/civicflow/engine/web/auth/default-users.yaml";

    public boolean usesDefaultUsers() {
      return DEFAULT_USERS_FILE.equals(usersFile);
    }
  }

  /**
   * The engine configuration these properties describe. The real time source comes from the core's
   * own factory, so system time keeps entering the engine in one place only.
   */
  public EngineConfig toEngineConfig() {
    EngineConfig durable = EngineConfig.durable(dataDir);
    return new EngineConfig(
        durable.dataDirectory(),
        clock.controlled(),
        purge.enabled(),
        longPollTimeout,
        durable.systemTime(),
        new EngineConfig.SnapshotPolicy(
            snapshot.everyRecords(),
            snapshot.everyMegabytes() * 1024 * 1024,
            snapshot.retained(),
            snapshot.onStop()),
        commandQueueLimit,
        limits.toEngineLimits(),
        new io.civicflow.engine.feel.EvaluationLimits(
            evaluation.timeLimit(), evaluation.maxItems(), evaluation.maxStringLength()),
        exitOnFatalError,
        new io.civicflow.engine.history.HistoryRetention(
            history.timeToLive(), history.timeToLiveByProcess()),
        null,
        history.maxPending());
  }
}
