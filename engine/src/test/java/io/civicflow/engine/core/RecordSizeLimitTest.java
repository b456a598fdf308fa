package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A command whose events would not fit in one journal record is refused, all or nothing, and the
 * engine serves on. Limits scaled down (2 KB requests, 8 KB records) so a small creation produces a
 * batch over the maximum: 100 variables of a few bytes each are 100 events.
 */
class RecordSizeLimitTest {

  @Test
  void aCommandWhoseEventsExceedTheMaximumRecordIsRefusedAndNothingIsWritten() throws Exception {
    EngineConfig config =
        EngineConfig.inMemory().withLimits(new EngineConfig.Limits(2 * 1024, 8 * 1024));
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("single-service-task.bpmn")).get();
      Map<String, Object> many = new LinkedHashMap<>();
      for (int i = 0; i < 100; i++) {
        many.put("v" + i, i);
      }

      Throwable refused =
          catchThrowable(
              () -> engine.createProcessInstance(create("single-service-task", many)).get());

      assertThat(refused).isInstanceOf(ExecutionException.class);
      assertThat(refused.getCause()).isInstanceOf(EngineRejection.class);
      EngineRejection rejection = (EngineRejection) refused.getCause();
      assertThat(rejection.type()).isEqualTo(RejectionType.PAYLOAD_TOO_LARGE);
      assertThat(rejection.getMessage()).contains("max-record-size");
      assertThat(engine.readModel().processInstances()).isEmpty();

      long created =
          engine
              .createProcessInstance(create("single-service-task", Map.of("few", 1)))
              .get()
              .processInstanceKey();
      assertThat(engine.readModel().processInstances())
          .extracting(i -> i.processInstanceKey())
          .containsExactly(created);
    }
  }
}
