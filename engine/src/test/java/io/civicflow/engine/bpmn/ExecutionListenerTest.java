package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Job;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Execution listeners ({@code zeebe:executionListeners}, Camunda 8.6+): jobs of kind
 * EXECUTION_LISTENER the element waits for — start listeners after the input mappings and before
 * the element's work, end listeners after it and before the element is left.
 */
@ExtendWith(EngineExtension.class)
class ExecutionListenerTest {

  @Test
  void shouldRunStartAndEndListenersOfTheProcessAndAnElementInOrder(TestEngine engine) {
    engine.deploy("execution-listeners.bpmn");
    long pi = engine.start("execution-listeners", Map.of()).getProcessInstanceKey();

    // the process's start listener runs before anything inside it
    ActivatedJob processStart = engine.activateOne("el-process-start");
    assertThat(processStart.getKind()).isEqualTo(JobKind.EXECUTION_LISTENER);
    assertThat(processStart.getListenerEventType()).isEqualTo(ListenerEventType.START);
    assertThat(processStart.getElementId()).isEqualTo("execution-listeners");
    assertThat(engine.elements(pi)).containsExactly("execution-listeners=ACTIVE");
    complete(engine, processStart, Map.of("applicant", "社工机构"));

    // the task's start listeners, one after the other, after its input mappings
    ActivatedJob first = engine.activateOne("el-task-start-1");
    assertThat(first.getElementId()).isEqualTo("Task_Check");
    assertThat(first.getRetries()).isEqualTo(2);
    assertThat(first.getVariablesAsMap()).containsEntry("who", "社工机构");
    assertThat(first.getCustomHeaders()).containsEntry("department", "民政局");
    assertThat(engine.activateNow("el-task-start-2")).isEmpty();
    complete(engine, first, Map.of("limit", 100));
    ActivatedJob second = engine.activateOne("el-task-start-2");
    assertThat(second.getVariablesAsMap()).containsEntry("limit", 100);
    assertThat(engine.activateNow("el-check")).as("the task's own job waits").isEmpty();
    complete(engine, second, Map.of());

    // the task's work, then its end listener, then the process's
    ActivatedJob work = engine.activateOne("el-check");
    assertThat(work.getKind()).isEqualTo(JobKind.BPMN_ELEMENT);
    assertThat(work.getVariablesAsMap()).containsEntry("limit", 100);
    complete(engine, work, Map.of("score", 90));
    ActivatedJob taskEnd = engine.activateOne("el-task-end");
    assertThat(taskEnd.getListenerEventType()).isEqualTo(ListenerEventType.END);
    assertThat(taskEnd.getVariablesAsMap()).containsEntry("score", 90);
    assertThat(engine.elements(pi))
        .contains("Task_Check=ACTIVE")
        .doesNotContain("EndEvent_1=COMPLETED");
    complete(engine, taskEnd, Map.of("checked", true));
    ActivatedJob processEnd = engine.activateOne("el-process-end");
    assertThat(processEnd.getVariablesAsMap()).containsEntry("checked", true);
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    complete(engine, processEnd, Map.of());

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.variables(pi))
        .containsEntry("applicant", "\"社工机构\"")
        .containsEntry("checked", "true")
        .containsEntry("score", "90")
        .doesNotContainKey("limit"); // a start listener's variables are local to the element
    List<Job> endListeners =
        engine
            .client()
            .newJobSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(pi)
                        .kind(JobKind.EXECUTION_LISTENER)
                        .listenerEventType(ListenerEventType.END))
            .send()
            .join()
            .items();
    assertThat(endListeners)
        .extracting(Job::getType, Job::getState)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("el-task-end", JobState.COMPLETED),
            org.assertj.core.groups.Tuple.tuple("el-process-end", JobState.COMPLETED));
  }

  @Test
  void shouldRunTheProcessStartListenerBeforeAMessageStartEvent(TestEngine engine) {
    engine.deploy("execution-listener-message-start.bpmn");
    engine
        .client()
        .newPublishMessageCommand()
        .messageName("el-apply")
        .correlationKey("")
        .variables(Map.of("applicant", "社工机构"))
        .send()
        .join();

    ActivatedJob register = engine.activateOne("el-register");
    long pi = register.getProcessInstanceKey();
    assertThat(register.getElementId()).isEqualTo("execution-listener-message-start");
    assertThat(engine.elements(pi)).doesNotContain("Start_Applied=COMPLETED");
    assertThat(engine.activateNow("el-review")).isEmpty();
    complete(engine, register, Map.of());

    ActivatedJob review = engine.activateOne("el-review");
    assertThat(review.getVariablesAsMap()).containsEntry("applicant", "社工机构");
    complete(engine, review, Map.of());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldLetAStartListenerSetTheVariableAGatewayDecidesOn(TestEngine engine) {
    engine.deploy("execution-listener-gateway.bpmn");
    long pi = engine.start("execution-listener-gateway", Map.of()).getProcessInstanceKey();

    complete(engine, engine.activateOne("el-route"), Map.of("amount", 2_000_000));

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .contains("End_Large=COMPLETED")
        .doesNotContain("End_Small=COMPLETED");
  }

  @Test
  void shouldOpenAnIncidentWhenAListenerJobHasNoRetriesLeftAndGoOnAfterIt(TestEngine engine) {
    engine.deploy("execution-listener-on-task.bpmn");
    long pi = engine.start("execution-listener-on-task", Map.of()).getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("el-fragile");
    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("登记系统不可用").send().join();

    var incident = engine.incidents(pi).get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.EXECUTION_LISTENER_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("登记系统不可用");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());
    assertThat(incident.getElementId()).isEqualTo("Task_Plain");

    engine.client().newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    complete(engine, engine.activateOne("el-fragile"), Map.of());

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRefuseABpmnErrorFromAListenerJob(TestEngine engine) {
    engine.deploy("execution-listener-on-task.bpmn");
    engine.start("execution-listener-on-task", Map.of());
    ActivatedJob job = engine.activateOne("el-fragile");

    Refusal refusal =
        Refusal.of(
            () -> engine.client().newThrowErrorCommand(job.getKey()).errorCode("E").send().join());

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.detail()).contains("execution listener");
  }

  @Test
  void shouldCancelTheListenerJobWhenTheInstanceIsCanceled(TestEngine engine) {
    engine.deploy("execution-listener-on-task.bpmn");
    long pi = engine.start("execution-listener-on-task", Map.of()).getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("el-fragile");

    engine.client().newCancelInstanceCommand(pi).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(
            engine
                .client()
                .newJobSearchRequest()
                .filter(f -> f.jobKey(job.getKey()))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(j -> assertThat(j.getState()).isEqualTo(JobState.CANCELED));
  }

  @Test
  void shouldRejectAStartListenerOnAStartEventAtDeploy(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("execution-listener-on-start-event.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail())
        .contains("StartEvent_Listened")
        .contains("Execution listeners of type 'start' are not supported by start events");
  }

  private static void complete(TestEngine engine, ActivatedJob job, Map<String, Object> variables) {
    engine.client().newCompleteCommand(job.getKey()).variables(variables).send().join();
  }
}
