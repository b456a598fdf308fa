package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Canceling task listeners (Camunda 8.8, {@code eventType="canceling"}): a Camunda user task
 * terminated by an interrupting boundary event, an event sub-process, a modification or the
 * instance's cancellation enters {@code CANCELING}; its canceling listeners run one job after the
 * other, and only then is the task canceled and the termination goes on. Listener jobs are
 * completed over the API under test (REST or gRPC).
 */
@ExtendWith(EngineExtension.class)
class CancelingTaskListenerTest {

  private static UserTask task(CamundaClient client, long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .get(0);
  }

  @Test
  void shouldRunTheCancelingListenersBeforeAnInterruptingBoundaryEventGoesOn(TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn");
    long pi = engine.start("task-listener-canceling", Map.of()).getProcessInstanceKey();
    long taskKey = task(engine.client(), pi).getUserTaskKey();

    engine.increaseTime(Duration.ofHours(2));

    ActivatedJob first = engine.activateOne("tl-canceling");
    assertThat(first.getKind()).isEqualTo(JobKind.TASK_LISTENER);
    assertThat(first.getListenerEventType()).isEqualTo(ListenerEventType.CANCELING);
    assertThat(first.getElementId()).isEqualTo("Task_Watch");
    assertThat(first.getUserTask().getUserTaskKey()).isEqualTo(taskKey);
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELING);
    // the task is still there, its boundary event waits for the termination to end
    assertThat(engine.elements(pi))
        .contains("Task_Watch=ACTIVE")
        .doesNotContain("end_expired=COMPLETED");
    Refusal busy =
        Refusal.of(() -> engine.client().newCompleteUserTaskCommand(taskKey).send().join());
    assertThat(busy.code()).isEqualTo(409);

    engine.client().newCompleteCommand(first).send().join();
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELING);
    ActivatedJob second = engine.activateOne("tl-canceling-audit");
    assertThat(second.getListenerEventType()).isEqualTo(ListenerEventType.CANCELING);
    engine.client().newCompleteCommand(second).send().join();

    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(engine.elements(pi))
        .contains("Task_Watch=TERMINATED", "Boundary_Deadline=COMPLETED", "end_expired=COMPLETED");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldHoldTheCancellationOfTheInstanceUntilTheListenersAreDone(TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn");
    long pi = engine.start("task-listener-canceling", Map.of()).getProcessInstanceKey();

    // answered when the instance is terminated, as Camunda's cancellation waits for listeners
    io.camunda.client.api.CamundaFuture<?> cancellation =
        engine.client().newCancelInstanceCommand(pi).send();

    ActivatedJob first = engine.activateOne("tl-canceling");
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELING);
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(cancellation.isDone()).isFalse();
    engine.client().newCompleteCommand(first).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling-audit")).send().join();
    cancellation.join();

    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(
            engine
                .client()
                .newJobSearchRequest()
                .filter(
                    f -> f.processInstanceKey(pi).listenerEventType(ListenerEventType.CANCELING))
                .send()
                .join()
                .items())
        .hasSize(2);
  }

  @Test
  void shouldHoldTheCancellationOfACallingInstanceUntilTheCalledTasksListenersAreDone(
      TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn", "task-listener-canceling-caller.bpmn");
    long root = engine.start("task-listener-canceling-caller", Map.of()).getProcessInstanceKey();
    io.camunda.client.api.CamundaFuture<?> cancellation =
        engine.client().newCancelInstanceCommand(root).send();
    ActivatedJob listener = engine.activateOne("tl-canceling");
    long child = listener.getProcessInstanceKey();
    assertThat(child).isNotEqualTo(root);
    assertThat(task(engine.client(), child).getState()).isEqualTo(UserTaskState.CANCELING);
    assertThat(engine.state(root)).isEqualTo(ProcessInstanceState.ACTIVE);

    engine.client().newCompleteCommand(listener).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling-audit")).send().join();
    cancellation.join();

    assertThat(engine.state(child)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(engine.state(root)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(engine.elements(root)).contains("Call_Watch=TERMINATED");
  }

  @Test
  void shouldActivateAnInterruptingEventSubProcessOnlyAfterTheListeners(TestEngine engine) {
    engine.deploy("task-listener-canceling-event-sub-process.bpmn");
    long pi =
        engine
            .start("task-listener-canceling-esp", Map.of("caseId", "MZ-26"))
            .getProcessInstanceKey();

    engine
        .client()
        .newPublishMessageCommand()
        .messageName("withdrawn")
        .correlationKey("MZ-26")
        .send()
        .join();

    ActivatedJob listener = engine.activateOne("tl-canceling");
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELING);
    assertThat(engine.elements(pi)).doesNotContain("start_withdrawn=COMPLETED");
    engine.client().newCompleteCommand(listener).send().join();

    assertThat(engine.elements(pi))
        .contains(
            "Task_Watch=TERMINATED",
            "EventSub_Withdrawn=COMPLETED",
            "start_withdrawn=COMPLETED",
            "end_withdrawn=COMPLETED");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRunTheListenersWhenAModificationTerminatesTheTask(TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn");
    long pi = engine.start("task-listener-canceling", Map.of()).getProcessInstanceKey();
    long elementInstanceKey = task(engine.client(), pi).getElementInstanceKey();

    engine
        .client()
        .newModifyProcessInstanceCommand(pi)
        .activateElement("end_expired")
        .and()
        .terminateElement(elementInstanceKey)
        .send()
        .join();

    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELING);
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling")).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling-audit")).send().join();

    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldTerminateTheScopeWhenAModificationTerminatesItsLastHeldTask(TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn");
    long pi = engine.start("task-listener-canceling", Map.of()).getProcessInstanceKey();
    long elementInstanceKey = task(engine.client(), pi).getElementInstanceKey();

    engine
        .client()
        .newModifyProcessInstanceCommand(pi)
        .terminateElement(elementInstanceKey)
        .send()
        .join();

    // nothing else is left in the process: it is terminated with the task, once the listeners ran
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling")).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling-audit")).send().join();

    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.TERMINATED);
  }

  @Test
  void shouldCompleteAMultiInstanceBodyOnceTheListenersOfTheTaskItsConditionCanceledRan(
      TestEngine engine) {
    engine.deploy("task-listener-canceling-multi-instance.bpmn");
    long pi =
        engine
            .start("task-listener-canceling-multi-instance", Map.of("signers", List.of("甲", "乙")))
            .getProcessInstanceKey();
    List<UserTask> tasks =
        engine
            .client()
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(pi))
            .send()
            .join()
            .items();
    assertThat(tasks).hasSize(2);

    engine.client().newCompleteUserTaskCommand(tasks.get(0).getUserTaskKey()).send().join();

    // the completion condition holds: the other task is canceled, the body waits for its listener
    assertThat(
            engine
                .client()
                .newUserTaskGetRequest(tasks.get(1).getUserTaskKey())
                .send()
                .join()
                .getState())
        .isEqualTo(UserTaskState.CANCELING);
    assertThat(engine.activateNow("tl-mi-after")).isEmpty();
    engine.client().newCompleteCommand(engine.activateOne("tl-mi-canceling")).send().join();

    assertThat(
            engine
                .client()
                .newUserTaskGetRequest(tasks.get(1).getUserTaskKey())
                .send()
                .join()
                .getState())
        .isEqualTo(UserTaskState.CANCELED);
    assertThat(engine.activateOne("tl-mi-after").getElementId()).isEqualTo("Task_After");
    assertThat(engine.elements(pi)).contains("Task_Sign=COMPLETED", "Task_Sign=TERMINATED");
  }

  @Test
  void shouldRefuseADenialOrCorrectionsFromACancelingListener(TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn");
    long pi = engine.start("task-listener-canceling", Map.of()).getProcessInstanceKey();
    engine.client().newCancelInstanceCommand(pi).send(); // answered when terminated
    ActivatedJob listener = engine.activateOne("tl-canceling");

    Refusal deny =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCompleteCommand(listener)
                    .withResult(r -> r.forUserTask().deny(true).deniedReason("还在核查"))
                    .send()
                    .join());
    Refusal correct =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCompleteCommand(listener)
                    .withResult(r -> r.forUserTask().correctAssignee("civil1"))
                    .send()
                    .join());

    assertThat(deny.code()).isEqualTo(400);
    assertThat(deny.detail()).contains("canceling");
    assertThat(correct.code()).isEqualTo(400);
    assertThat(correct.detail()).contains("canceling");
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELING);
  }

  @Test
  void shouldOpenAnIncidentWhenACancelingListenerFailsAndGoOnAfterIt(TestEngine engine) {
    engine.deploy("task-listener-canceling.bpmn");
    long pi = engine.start("task-listener-canceling", Map.of()).getProcessInstanceKey();
    engine.client().newCancelInstanceCommand(pi).send(); // answered when terminated

    ActivatedJob listener = engine.activateOne("tl-canceling");
    engine.client().newFailCommand(listener).retries(0).errorMessage("审计服务不可用").send().join();

    List<Incident> incidents = engine.incidents(pi);
    assertThat(incidents)
        .extracting(Incident::getErrorType, Incident::getElementId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                IncidentErrorType.TASK_LISTENER_NO_RETRIES, "Task_Watch"));
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);

    engine.client().newUpdateRetriesCommand(listener.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling")).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-canceling-audit")).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.TERMINATED);
  }
}
