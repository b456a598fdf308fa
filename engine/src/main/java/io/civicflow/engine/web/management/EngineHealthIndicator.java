package io.civicflow.engine.web.management;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.Results.Topology;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The engine's health ({@code engine} in {@code /actuator/health}): up while its partition is
 * healthy.
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
    return health
        .withDetail("lastCompletedChangeId", topology.lastCompletedChangeId())
        .withDetail("version", String.valueOf(topology.version()))
        .build();
  }
}
