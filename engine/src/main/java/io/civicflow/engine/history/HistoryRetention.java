package io.civicflow.engine.history;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.HashMap;
import java.util.Map;

/**
 * How long history is kept after its root process instance ended: {@code timeToLive} for every
 * process (ISO 8601: a period such as {@code P15Y}, {@code P30D}, or a duration such as {@code
 * PT1H}), or the one {@code byProcess} names for a BPMN process id. Counted on the engine clock
 * (Camunda's history cleanup: a time to live per process definition). Every value is parsed (and
 * refused, naming its property) once, when the engine is configured.
 */
public final class HistoryRetention {

  /** Procurement records are kept at least 15 years. */
  public static final String DEFAULT_TIME_TO_LIVE = "P15Y";

  private final TemporalAmount timeToLive;
  private final Map<String, TemporalAmount> byProcess = new HashMap<>();
  private final String description;

  public HistoryRetention(String timeToLive, Map<String, String> byProcess) {
    String ttl = timeToLive == null || timeToLive.isBlank() ? DEFAULT_TIME_TO_LIVE : timeToLive;
    Map<String, String> perProcess = byProcess == null ? Map.of() : byProcess;
    this.timeToLive = parse("time-to-live", ttl);
    perProcess.forEach(
        (id, value) -> this.byProcess.put(id, parse("time-to-live-by-process." + id, value)));
    this.description = ttl + (perProcess.isEmpty() ? "" : ", by process " + perProcess);
  }

  public static HistoryRetention defaults() {
    return new HistoryRetention(DEFAULT_TIME_TO_LIVE, Map.of());
  }

  /** When history of a root instance of this process that ended at {@code endMillis} expires. */
  public long expiresAt(String bpmnProcessId, long endMillis) {
    TemporalAmount ttl =
        bpmnProcessId == null ? timeToLive : byProcess.getOrDefault(bpmnProcessId, timeToLive);
    try {
      return Instant.ofEpochMilli(endMillis)
          .atOffset(ZoneOffset.UTC)
          .plus(ttl)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "history kept " + description;
  }

  private static TemporalAmount parse(String property, String value) {
    try {
      TemporalAmount amount = value.contains("T") ? Duration.parse(value) : Period.parse(value);
      if (amount instanceof Duration d ? d.isNegative() : ((Period) amount).isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return amount;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "civicflow.engine.history."
              + property
              + " must be an ISO 8601 period or duration such as P15Y, P30D or PT1H, not '"
              + value
              + "'",
          e);
    }
  }
}
