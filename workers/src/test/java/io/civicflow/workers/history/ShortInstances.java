package io.civicflow.workers.history;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.Engine;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Results.ActivatedJob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Short instances for the history-store tests: start → one service task ({@code jobType}) → end,
 * created and completed through the engine's own API.
 */
record ShortInstances(String processId, String jobType) {

  Deploy deployment() {
    String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId)
                .startEvent()
                .serviceTask("Task_Check", t -> t.zeebeJobType(jobType))
                .endEvent()
                .done());
    return new Deploy(
        List.of(new DeployResource(processId + ".bpmn", xml.getBytes(StandardCharsets.UTF_8))),
        null);
  }

  /** Creates {@code count} instances and completes their jobs: they end. */
  List<Long> createAndComplete(Engine engine, int count) throws Exception {
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(create(engine, i));
    }
    for (ActivatedJob job :
        engine
            .activateJobs(
                new ActivateJobs(jobType, "test", 60_000, 10, List.of(), 1_000, List.of()))
            .get()) {
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 1))).get();
    }
    return keys;
  }

  /** An instance with the variable {@code case} = {@code KS-<i>}, waiting at its job. */
  long create(Engine engine, int i) throws Exception {
    return engine
        .createProcessInstance(
            new CreateProcessInstance(
                processId,
                null,
                null,
                Map.of("case", "KS-" + i),
                List.of(),
                List.of(),
                false,
                List.of(),
                0,
                null))
        .get()
        .processInstanceKey();
  }
}
