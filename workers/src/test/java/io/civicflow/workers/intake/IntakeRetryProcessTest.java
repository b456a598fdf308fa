package io.civicflow.workers.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code intake.correlate} delivered again after it delivered (its lock ran out, or the worker died
 * before completing the job — even right after publishing, before it recorded anything): the
 * contract waiting for complaints gets the complaint once, and the retried job completes with the
 * instance the first delivery reached. Real engine, real client, the worker's own methods; the job
 * type is the test's own, so the application's worker leaves it alone.
 */
@EmbeddedEngineProcessTest
class IntakeRetryProcessTest {

  private static final String JOB_TYPE = "intake.correlate.retry-test";

  @Autowired private CamundaClient client;

  @Test
  void aRetriedCorrelationDeliversTheComplaintOnce() {
    Scenario it = contractWaitingForComplaints();
    IntakeWorker worker = new IntakeWorker(client);

    // the first delivery publishes and records, then its lock runs out: the job is offered again
    ActivatedJob first = activate();
    IntakeWorker.Output correlated =
        worker.correlate(first, first.getVariablesAsType(IntakeWorker.Input.class));
    assertThat(correlated.correlatedWith()).isEqualTo(String.valueOf(it.contract()));
    client.newFailCommand(first.getKey()).retries(4).errorMessage("lock ran out").send().join();

    ActivatedJob again = activate();
    assertThat(again.getKey()).isEqualTo(first.getKey());
    IntakeWorker.Output output =
        worker.correlate(again, again.getVariablesAsType(IntakeWorker.Input.class));
    client.newCompleteCommand(again.getKey()).variables(output).send().join();

    assertThat(output).isEqualTo(correlated);
    it.deliveredOnce();
  }

  @Test
  void aWorkerThatDiesRightAfterPublishingLeavesOneDeliveryToTheNext() {
    Scenario it = contractWaitingForComplaints();

    // the first worker publishes the complaint and dies at once: nothing recorded, job not done
    ActivatedJob first = activate();
    IntakeWorker dying = new IntakeWorker(client);
    IntakeWorker.Input input = first.getVariablesAsType(IntakeWorker.Input.class);
    dying.deliver(first, input, dying.waiting(input));
    await().until(() -> count(it.contract(), "handleComplaint"), n -> n == 1);
    assertThat(first.getVariablesAsMap()).doesNotContainKey(IntakeWorker.RECORD);
    client.newFailCommand(first.getKey()).retries(4).errorMessage("worker died").send().join();

    // a second worker takes the job again, delivers under the same message id and completes it
    ActivatedJob again = activate();
    assertThat(again.getKey()).isEqualTo(first.getKey());
    IntakeWorker.Output output =
        new IntakeWorker(client)
            .correlate(again, again.getVariablesAsType(IntakeWorker.Input.class));
    client.newCompleteCommand(again.getKey()).variables(output).send().join();

    assertThat(output.correlatedWith()).isEqualTo(String.valueOf(it.contract()));
    it.deliveredOnce();
  }

  /** A running contract that takes complaints, and an intake about to forward one to it. */
  private record Scenario(IntakeRetryProcessTest test, long contract, long intake) {
    void deliveredOnce() {
      await()
          .until(
              () -> test.client.newProcessInstanceGetRequest(intake).send().join().getState(),
              state -> state == ProcessInstanceState.COMPLETED);
      assertThat(test.count(contract, "complaintFiled"))
          .as("the complaint arrived once")
          .isEqualTo(1);
      assertThat(test.count(contract, "handleComplaint")).isEqualTo(1);
      test.client.newCancelInstanceCommand(contract).send().join();
    }
  }

  private Scenario contractWaitingForComplaints() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String projectNo = "KSCG-2018-T" + suffix;
    String contractId = "intake-target-" + suffix;
    String intakeId = "intake-retry-" + suffix;
    // a contract that takes any number of complaints while it runs (as service-contract does)
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(contractId)
                .startEvent()
                .userTask("deliver")
                .zeebeUserTask()
                .boundaryEvent(
                    "complaintFiled",
                    b ->
                        b.cancelActivity(false)
                            .message(
                                m ->
                                    m.name("ComplaintFiled")
                                        .zeebeCorrelationKeyExpression("projectNo"))
                            .userTask("handleComplaint")
                            .zeebeUserTask()
                            .endEvent())
                .moveToActivity("deliver")
                .endEvent()
                .done(),
            contractId + ".bpmn")
        .addProcessModel(
            Bpmn.createExecutableProcess(intakeId)
                .startEvent()
                .serviceTask(
                    "forward",
                    t ->
                        t.zeebeJobType(JOB_TYPE)
                            .zeebeJobRetries("5")
                            .zeebeInputExpression("\"ComplaintFiled\"", "messageName")
                            .zeebeInputExpression("projectNo", "projectNo")
                            .zeebeInputExpression("{complaint: {content: content}}", "message"))
                .endEvent()
                .done(),
            intakeId + ".bpmn")
        .send()
        .join();
    long contract =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(contractId)
            .latestVersion()
            .variables(Map.of("projectNo", projectNo))
            .send()
            .join()
            .getProcessInstanceKey();
    await().until(() -> count(contract, "deliver"), n -> n == 1);
    long intake =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(intakeId)
            .latestVersion()
            .variables(Map.of("projectNo", projectNo, "content", "社工上门服务时间多次变更"))
            .send()
            .join()
            .getProcessInstanceKey();
    return new Scenario(this, contract, intake);
  }

  private ActivatedJob activate() {
    List<ActivatedJob> jobs =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .newActivateJobsCommand()
                        .jobType(JOB_TYPE)
                        .maxJobsToActivate(1)
                        .timeout(Duration.ofMinutes(1))
                        .requestTimeout(Duration.ofSeconds(1))
                        .send()
                        .join()
                        .getJobs(),
                found -> !found.isEmpty());
    return jobs.get(0);
  }

  private long count(long processInstanceKey, String elementId) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).elementId(elementId))
        .send()
        .join()
        .items()
        .size();
  }
}
