package io.civicflow.engine.web.management;

import io.civicflow.engine.Engine;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.Results.Topology;
import io.civicflow.engine.history.HistoryExportStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The engine's health ({@code engine} in {@code /actuator/health}): up while its partition is
 * healthy; with {@code historyExport}: the ended instances waiting in memory for the history store
 * ({@code pendingRoots}, {@code oldestPendingAgeMillis} on the engine clock, {@code
 * storeRefusesWrites}, {@code lastError}) and whether the store answered its last read ({@code
 * storeReadable}, {@code lastReadError}: searches that need history are answered 503 meanwhile). A
 * lagging export leaves the engine up: it keeps processing, and refuses commands (503) only beyond
 * {@code civicflow.engine.history.max-pending}.
 */
public class EngineHealthIndicator implements HealthIndicator {

  private final EngineApi engine;

  public EngineHealthIndicator(EngineApi engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    Topology topology = engine.topology();
    Health.Builder health = topology.healthy() ? Health.up() : Health.down();
    health
        .withDetail("lastCompletedChangeId", topology.lastCompletedChangeId())
        .withDetail("version", String.valueOf(topology.version()));
    if (engine instanceof Engine local) {
      HistoryExportStatus export = local.historyExport();
      Map<String, Object> lag = new LinkedHashMap<>();
      lag.put("pendingRoots", export.pendingRoots());
      lag.put(
          "oldestPendingAgeMillis",
          export.oldestPendingSince() < 0
              ? 0
              : Math.max(0, local.clock().epochMilli() - export.oldestPendingSince()));
      lag.put("storeRefusesWrites", export.failing());
      if (export.error() != null) {
        lag.put("lastError", export.error());
      }
      lag.put("storeReadable", export.readError() == null);
      if (export.readError() != null) {
        lag.put("lastReadError", export.readError());
      }
      health.withDetail("historyExport", lag);
    }
    return health.build();
  }
}
