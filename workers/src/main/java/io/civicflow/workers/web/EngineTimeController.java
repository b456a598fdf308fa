package io.civicflow.workers.web;

import java.time.Instant;
import java.time.InstantSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/time}: the engine's time for the console, so that "overdue" and "due this week"
 * in the task list are measured against the clock the engine set the due dates by (the embedded
 * engine's clock, which the demo and the tests move; the system clock on a Camunda 8 cluster), not
 * the browser's. Any signed-in user may ask.
 */
@RestController
public class EngineTimeController {

  private final InstantSource engineTime;

  public EngineTimeController(InstantSource engineTime) {
    this.engineTime = engineTime;
  }

  /** The engine's time, ISO-8601 and in epoch milliseconds. */
  public record EngineTime(String now, long epochMilli) {}

  @GetMapping("/api/time")
  public EngineTime now() {
    long millis = engineTime.millis();
    return new EngineTime(Instant.ofEpochMilli(millis).toString(), millis);
  }
}
