package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.Job;
import io.camunda.client.api.search.response.UserTask;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * User task listeners ({@code zeebe:taskListeners}, Camunda 8.8): a transition of a Camunda user
 * task waits in its transitional state for its listeners' jobs (kind TASK_LISTENER), which may deny
 * it or correct the task's data through a job result; the command is answered when the transition
 * ends. Listener jobs are completed over the API under test (REST or gRPC); user-task commands are
 * REST in Camunda, and so here.
 */
@ExtendWith(EngineExtension.class)
class TaskListenerTest {

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
  void shouldLetAnAssigningListenerDenyAnAssignment(TestEngine engine) {
    engine.deploy("task-listener-assigning.bpmn");
    long pi = engine.start("task-listener-assigning", Map.of()).getProcessInstanceKey();
    long taskKey = task(engine.client(), pi).getUserTaskKey();

    CamundaFuture<?> assignment =
        engine.client().newAssignUserTaskCommand(taskKey).assignee("provider1").send();

    ActivatedJob listener = engine.activateOne("tl-check-assignee");
    assertThat(listener.getKind()).isEqualTo(JobKind.TASK_LISTENER);
    assertThat(listener.getListenerEventType()).isEqualTo(ListenerEventType.ASSIGNING);
    assertThat(listener.getElementId()).isEqualTo("Task_Review");
    assertThat(listener.getRetries()).isEqualTo(2);
    assertThat(listener.getCustomHeaders()).containsEntry("department", "民政局");
    assertThat(listener.getUserTask().getUserTaskKey()).isEqualTo(taskKey);
    assertThat(listener.getUserTask().getAssignee()).isEqualTo("provider1");
    assertThat(listener.getUserTask().getAction()).isEqualTo("assign");
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("assignee");
    assertThat(listener.getUserTask().getCandidateGroups()).containsExactly("district-office");
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.ASSIGNING);
    Refusal busy =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newAssignUserTaskCommand(taskKey)
                    .assignee("district1")
                    .send()
                    .join());
    assertThat(busy.code()).isEqualTo(409);
    assertThat(busy.detail()).contains("ASSIGNING");

    engine
        .client()
        .newCompleteCommand(listener)
        .withResult(r -> r.forUserTask().deny(true).deniedReason("服务机构不能审核自己的申请"))
        .send()
        .join();

    Refusal denied = Refusal.of(assignment::join);
    assertThat(denied.code()).isEqualTo(409);
    assertThat(denied.title()).isEqualTo("INVALID_STATE");
    assertThat(denied.detail()).contains("denied").contains("服务机构不能审核自己的申请");
    UserTask task = task(engine.client(), pi);
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getAssignee()).isNull();
  }

  @Test
  void shouldLetAnAssigningListenerCorrectTheCandidateGroups(TestEngine engine) {
    engine.deploy("task-listener-assigning.bpmn");
    long pi = engine.start("task-listener-assigning", Map.of()).getProcessInstanceKey();
    long taskKey = task(engine.client(), pi).getUserTaskKey();

    CamundaFuture<?> assignment =
        engine.client().newAssignUserTaskCommand(taskKey).assignee("district1").send();
    ActivatedJob listener = engine.activateOne("tl-check-assignee");
    engine
        .client()
        .newCompleteCommand(listener)
        .withResult(
            r ->
                r.forUserTask()
                    .correctCandidateGroups(List.of("district-office", "civil-affairs"))
                    .correctPriority(80))
        .send()
        .join();
    assignment.join();

    UserTask task = task(engine.client(), pi);
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getAssignee()).isEqualTo("district1");
    assertThat(task.getCandidateGroups()).containsExactly("district-office", "civil-affairs");
    assertThat(task.getPriority()).isEqualTo(80);
    List<Job> jobs =
        engine
            .client()
            .newJobSearchRequest()
            .filter(f -> f.processInstanceKey(pi).kind(JobKind.TASK_LISTENER))
            .send()
            .join()
            .items();
    assertThat(jobs)
        .extracting(Job::getType, Job::getListenerEventType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tl-check-assignee", ListenerEventType.ASSIGNING));
  }

  @Test
  void shouldRunCreatingAssigningAndCompletingListenersBeforeTheirTransitions(TestEngine engine) {
    engine.deploy("task-listener-lifecycle.bpmn");
    long pi =
        engine
            .start("task-listener-lifecycle", Map.of("reviewer", "civil1"))
            .getProcessInstanceKey();

    // created: the creating listener sees the first assignee, the task waits in CREATING
    ActivatedJob creating = engine.activateOne("tl-creating");
    assertThat(creating.getListenerEventType()).isEqualTo(ListenerEventType.CREATING);
    assertThat(creating.getUserTask().getAssignee()).isEqualTo("civil1");
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CREATING);
    engine.client().newCompleteCommand(creating).send().join();

    // then assigned, through the assigning listener
    ActivatedJob assigning = engine.activateOne("tl-assigning");
    assertThat(assigning.getUserTask().getAssignee()).isEqualTo("civil1");
    assertThat(task(engine.client(), pi).getAssignee()).isNull();
    engine
        .client()
        .newCompleteCommand(assigning)
        .withResult(r -> r.forUserTask().correctAssignee("district1"))
        .send()
        .join();
    assertThat(task(engine.client(), pi).getAssignee()).isEqualTo("district1");

    // completing: both listeners, in order, before the task and its element complete
    CamundaFuture<?> completion =
        engine
            .client()
            .newCompleteUserTaskCommand(task(engine.client(), pi).getUserTaskKey())
            .variables(Map.of("approved", true))
            .send();
    ActivatedJob first = engine.activateOne("tl-completing-1");
    assertThat(first.getUserTask().getAction()).isEqualTo("complete");
    assertThat(engine.activateNow("tl-completing-2")).isEmpty();
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.COMPLETING);
    assertThat(engine.elements(pi)).contains("Task_Approve=ACTIVE");
    assertThat(engine.variables(pi)).doesNotContainKey("approved");
    engine.client().newCompleteCommand(first).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-completing-2")).send().join();
    completion.join();

    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.COMPLETED);
    assertThat(engine.variables(pi)).containsEntry("approved", "true");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldLetACompletingListenerDenyTheCompletion(TestEngine engine) {
    engine.deploy("task-listener-lifecycle.bpmn");
    long pi =
        engine.start("task-listener-lifecycle", Map.of("reviewer", "")).getProcessInstanceKey();
    engine.client().newCompleteCommand(engine.activateOne("tl-creating")).send().join();
    long taskKey = task(engine.client(), pi).getUserTaskKey();

    CamundaFuture<?> completion =
        engine
            .client()
            .newCompleteUserTaskCommand(taskKey)
            .variables(Map.of("approved", true))
            .send();
    engine
        .client()
        .newCompleteCommand(engine.activateOne("tl-completing-1"))
        .withResult(r -> r.forUserTask().deny(true, "缺少签字"))
        .send()
        .join();

    assertThat(Refusal.of(completion::join).detail()).contains("缺少签字");
    assertThat(engine.activateNow("tl-completing-2")).isEmpty();
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(engine.variables(pi)).doesNotContainKey("approved");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void shouldRunUpdatingListenersWithTheChangedAttributes(TestEngine engine) {
    engine.deploy("task-listener-lifecycle.bpmn");
    long pi =
        engine.start("task-listener-lifecycle", Map.of("reviewer", "")).getProcessInstanceKey();
    engine.client().newCompleteCommand(engine.activateOne("tl-creating")).send().join();
    long taskKey = task(engine.client(), pi).getUserTaskKey();

    CamundaFuture<?> update = engine.client().newUpdateUserTaskCommand(taskKey).priority(90).send();
    ActivatedJob updating = engine.activateOne("tl-updating");
    assertThat(updating.getUserTask().getPriority()).isEqualTo(90);
    assertThat(updating.getUserTask().getChangedAttributes()).containsExactly("priority");
    assertThat(task(engine.client(), pi).getPriority()).isEqualTo(50);
    engine.client().newCompleteCommand(updating).send().join();
    update.join();

    assertThat(task(engine.client(), pi).getPriority()).isEqualTo(90);
  }

  @Test
  void shouldOpenAnIncidentWhenAListenerJobHasNoRetriesLeftAndGoOnAfterIt(TestEngine engine) {
    engine.deploy("task-listener-assigning.bpmn");
    long pi = engine.start("task-listener-assigning", Map.of()).getProcessInstanceKey();
    long taskKey = task(engine.client(), pi).getUserTaskKey();
    CamundaFuture<?> assignment =
        engine.client().newAssignUserTaskCommand(taskKey).assignee("district1").send();

    ActivatedJob listener = engine.activateOne("tl-check-assignee");
    engine
        .client()
        .newFailCommand(listener.getKey())
        .retries(0)
        .errorMessage("人员库不可用")
        .send()
        .join();

    List<Incident> incidents = engine.incidents(pi);
    assertThat(incidents)
        .extracting(Incident::getErrorType, Incident::getErrorMessage, Incident::getJobKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                IncidentErrorType.TASK_LISTENER_NO_RETRIES, "人员库不可用", listener.getKey()));
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.ASSIGNING);

    engine.client().newUpdateRetriesCommand(listener.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();
    engine.client().newCompleteCommand(engine.activateOne("tl-check-assignee")).send().join();
    assignment.join();

    assertThat(task(engine.client(), pi).getAssignee()).isEqualTo("district1");
  }

  @Test
  void shouldRefuseWhatATaskListenerJobCannotDo(TestEngine engine) {
    engine.deploy("task-listener-lifecycle.bpmn");
    engine.start("task-listener-lifecycle", Map.of("reviewer", "")).getProcessInstanceKey();
    ActivatedJob creating = engine.activateOne("tl-creating");

    Refusal deny =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCompleteCommand(creating)
                    .withResult(r -> r.forUserTask().deny(true))
                    .send()
                    .join());
    assertThat(deny.code()).isEqualTo(400);
    assertThat(deny.detail()).contains("creating");
    Refusal withVariables =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCompleteCommand(creating)
                    .variables(Map.of("x", 1))
                    .send()
                    .join());
    assertThat(withVariables.code()).isEqualTo(400);
    Refusal error =
        Refusal.of(
            () -> engine.client().newThrowErrorCommand(creating).errorCode("E").send().join());
    assertThat(error.code()).isEqualTo(409);
    assertThat(error.detail()).contains("task listener");
  }

  @Test
  void shouldCancelTheListenerJobAndRefuseTheWaitingCommandWhenTheInstanceIsCanceled(
      TestEngine engine) {
    engine.deploy("task-listener-assigning.bpmn");
    long pi = engine.start("task-listener-assigning", Map.of()).getProcessInstanceKey();
    long taskKey = task(engine.client(), pi).getUserTaskKey();
    CamundaFuture<?> assignment =
        engine.client().newAssignUserTaskCommand(taskKey).assignee("district1").send();
    ActivatedJob listener = engine.activateOne("tl-check-assignee");

    engine.client().newCancelInstanceCommand(pi).send().join();

    assertThat(Refusal.of(assignment::join).code()).isEqualTo(409);
    assertThat(task(engine.client(), pi).getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(Refusal.of(() -> engine.client().newCompleteCommand(listener).send().join()).code())
        .isEqualTo(404);
  }
}
