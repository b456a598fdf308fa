package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timers, subscriptions and buffered messages are rebuilt from the journal after a restart. */
class EventRestartTest {

  @TempDir Path dataDirectory;

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  private EngineConfig config() {
    return new EngineConfig(
        dataDirectory, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW));
  }

  @Test
  void shouldKeepCycleTimersAndBufferedMessagesAcrossARestart() throws Exception {
    long reports;
    long bids;
    try (Engine engine = Engine.start(config())) {
      engine
          .deploy(
              deployFixture(
                  "timer-boundary-non-interrupting-cycle.bpmn", "message-intermediate-catch.bpmn"))
          .get();
      reports =
          engine
              .createProcessInstance(create("timer-boundary-non-interrupting-cycle", Map.of()))
              .get()
              .processInstanceKey();
      engine.addClockOffset(Duration.ofDays(70).toMillis()).get();
      engine
          .publishMessage(
              new PublishMessage(
                  "BidSubmitted",
                  "T1",
                  Duration.ofDays(1).toMillis(),
                  null,
                  Map.of("bid", 1),
                  null))
          .get();
    }

    try (Engine engine = Engine.start(config())) {
      assertThat(reportsOf(engine, reports)).isEqualTo(1);
      bids =
          engine
              .createProcessInstance(create("message-intermediate-catch", Map.of("tenderId", "T1")))
              .get()
              .processInstanceKey();
      assertThat(engine.readModel().processInstance(bids).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);

      engine.addClockOffset(Duration.ofDays(61).toMillis()).get();
      assertThat(reportsOf(engine, reports)).isEqualTo(2);
    }
  }

  @Test
  void shouldKeepTheExactDecimalsOfABufferedMessageAcrossARestart() throws Exception {
    BigDecimal amount = new BigDecimal("0.1000000000000000000001");
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("message-intermediate-catch.bpmn")).get();
      engine
          .publishMessage(
              new PublishMessage(
                  "BidSubmitted",
                  "T2",
                  Duration.ofDays(1).toMillis(),
                  null,
                  Map.of("amount", amount),
                  null))
          .get();
    }

    try (Engine engine = Engine.start(config())) {
      long bids =
          engine
              .createProcessInstance(create("message-intermediate-catch", Map.of("tenderId", "T2")))
              .get()
              .processInstanceKey();
      assertThat(engine.readModel().variables())
          .filteredOn(v -> v.processInstanceKey() == bids && v.name().equals("amount"))
          .extracting(v -> v.value())
          .as("the message's variable, replayed from the journal")
          .contains("0.1000000000000000000001");
    }
  }

  private static long reportsOf(Engine engine, long processInstanceKey) {
    return engine.readModel().elementInstancesOf(processInstanceKey).stream()
        .map(ElementInstanceRecord::elementId)
        .filter("Timer_OperatingReport"::equals)
        .count();
  }
}
