package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Process instance migration (docs.camunda.io, "Process instance migration"): a waiting instance
 * continues on the target version; every refusal leaves it as it was.
 */
@ExtendWith(EngineExtension.class)
class ProcessInstanceMigrationTest {

  /** A process id no other test (or run over the other API) deploys. */
  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long deploy(TestEngine engine, BpmnModelInstance model) {
    return engine
        .client()
        .newDeployResourceCommand()
        .addProcessModel(model, "model.bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private static long start(TestEngine engine, String processId, Map<String, Object> variables) {
    return engine.start(processId, variables).getProcessInstanceKey();
  }

  private static void migrate(
      TestEngine engine, long processInstanceKey, long target, String... sourceTargetPairs) {
    var step =
        engine.client().newMigrateProcessInstanceCommand(processInstanceKey).migrationPlan(target);
    var last = step.addMappingInstruction(sourceTargetPairs[0], sourceTargetPairs[1]);
    for (int i = 2; i < sourceTargetPairs.length; i += 2) {
      last = last.addMappingInstruction(sourceTargetPairs[i], sourceTargetPairs[i + 1]);
    }
    last.send().join();
  }

  private static ProcessInstance instance(CamundaClient client, long key) {
    return client.newProcessInstanceGetRequest(key).send().join();
  }

  private static UserTask userTask(
      CamundaClient client, long processInstanceKey, String elementId) {
    List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).elementId(elementId))
            .send()
            .join()
            .items();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  @Test
  void shouldContinueAWaitingUserTaskOnTheNewVersion(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-user-task");
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent("start")
            .userTask("review")
            .zeebeUserTask()
            .zeebeAssignee("agency1")
            .endEvent("end")
            .done());
    long pi = start(engine, id, Map.of("round", "Kunshan"));
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .userTask("review")
                .zeebeUserTask()
                .userTask("approve")
                .zeebeUserTask()
                .endEvent("end")
                .done());

    migrate(engine, pi, v2, "review", "review");

    ProcessInstance migrated = instance(client, pi);
    assertThat(migrated.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(migrated.getProcessDefinitionVersion()).isEqualTo(2);
    UserTask review = userTask(client, pi, "review");
    assertThat(review.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(review.getAssignee()).isEqualTo("agency1"); // the task itself is unchanged
    ElementInstance element = Elements.of(client, pi, "review").get(0);
    assertThat(element.getProcessDefinitionKey()).isEqualTo(v2);

    client.newCompleteUserTaskCommand(review.getUserTaskKey()).send().join();
    assertThat(Elements.stateOf(client, pi, "approve")).isEqualTo(ElementInstanceState.ACTIVE);
    client
        .newCompleteUserTaskCommand(userTask(client, pi, "approve").getUserTaskKey())
        .send()
        .join();
    assertThat(instance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.variables(pi)).containsEntry("round", "\"Kunshan\"");
  }

  @Test
  void shouldCompleteAnActivatedJobOnTheNewVersion(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-job");
    String type = id + "-work";
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(type))
            .endEvent()
            .done());
    long pi = start(engine, id, Map.of());
    ActivatedJob job = engine.activateOne(type);
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(type))
                .serviceTask("check", t -> t.zeebeJobType(id + "-check"))
                .endEvent()
                .done());

    migrate(engine, pi, v2, "work", "work");

    var searched =
        client.newJobSearchRequest().filter(f -> f.jobKey(job.getKey())).send().join().items();
    assertThat(searched.get(0).getProcessDefinitionKey()).isEqualTo(v2);
    client.newCompleteCommand(job.getKey()).send().join(); // the job activated before still counts
    ActivatedJob check = engine.activateOne(id + "-check");
    assertThat(check.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(check.getProcessDefinitionVersion()).isEqualTo(2);
    client.newCompleteCommand(check.getKey()).send().join();
    assertThat(instance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldKeepATimerAndFireItOnTheNewVersion(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-timer");
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("wait")
            .timerWithDuration("PT1H")
            .endEvent()
            .done());
    long pi = start(engine, id, Map.of());
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent("wait")
                .timerWithDuration("PT1H")
                .userTask("report")
                .zeebeUserTask()
                .endEvent()
                .done());

    migrate(engine, pi, v2, "wait", "wait");
    engine.increaseTime(Duration.ofMinutes(61));

    assertThat(Elements.stateOf(client, pi, "wait")).isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.stateOf(client, pi, "report")).isEqualTo(ElementInstanceState.ACTIVE);
  }

  @Test
  void shouldKeepAMessageSubscriptionAndCorrelateOnTheNewVersion(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-message");
    String message = id + "-bid";
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("bid")
            .message(m -> m.name(message).zeebeCorrelationKeyExpression("tenderId"))
            .endEvent()
            .done());
    long pi = start(engine, id, Map.of("tenderId", "KS-7"));
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent("bid")
                .message(m -> m.name(message).zeebeCorrelationKeyExpression("tenderId"))
                .userTask("open")
                .zeebeUserTask()
                .endEvent()
                .done());

    migrate(engine, pi, v2, "bid", "bid");

    var subscriptions =
        client
            .newMessageSubscriptionSearchRequest()
            .filter(f -> f.processInstanceKey(pi))
            .send()
            .join()
            .items();
    assertThat(subscriptions).hasSize(1);
    assertThat(subscriptions.get(0).getProcessDefinitionKey()).isEqualTo(v2);
    client.newPublishMessageCommand().messageName(message).correlationKey("KS-7").send().join();
    assertThat(Elements.stateOf(client, pi, "open")).isEqualTo(ElementInstanceState.ACTIVE);
  }

  @Test
  void shouldMigrateAMultiInstanceBodyWithItsInstances(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-multi");
    String type = id + "-score";
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "score",
                t ->
                    t.zeebeJobType(type)
                        .multiInstance(
                            mi ->
                                mi.parallel()
                                    .zeebeInputCollectionExpression("experts")
                                    .zeebeInputElement("expert")))
            .endEvent()
            .done());
    long pi = start(engine, id, Map.of("experts", List.of("expert1", "expert2")));
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                    "score",
                    t ->
                        t.zeebeJobType(type)
                            .multiInstance(
                                mi ->
                                    mi.parallel()
                                        .zeebeInputCollectionExpression("experts")
                                        .zeebeInputElement("expert")))
                .userTask("rank")
                .zeebeUserTask()
                .endEvent()
                .done());

    migrate(engine, pi, v2, "score", "score");

    List<ActivatedJob> jobs = engine.activateNow(type);
    assertThat(jobs).hasSize(2);
    assertThat(jobs).allSatisfy(j -> assertThat(j.getProcessDefinitionKey()).isEqualTo(v2));
    for (ActivatedJob job : jobs) {
      client.newCompleteCommand(job.getKey()).send().join();
    }
    assertThat(Elements.stateOf(client, pi, "rank")).isEqualTo(ElementInstanceState.ACTIVE);
  }

  @Test
  void shouldMigrateACallActivityWhileItsChildRuns(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-parent");
    String child = unique("mig-child");
    deploy(
        engine,
        Bpmn.createExecutableProcess(child)
            .startEvent()
            .userTask("childTask")
            .zeebeUserTask()
            .endEvent()
            .done());
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(child))
            .endEvent()
            .done());
    long pi = start(engine, id, Map.of());
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(child))
                .userTask("afterCall")
                .zeebeUserTask()
                .endEvent()
                .done());

    migrate(engine, pi, v2, "call", "call");

    long childInstance =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(pi))
            .send()
            .join()
            .items()
            .get(0)
            .getProcessInstanceKey();
    client
        .newCompleteUserTaskCommand(userTask(client, childInstance, "childTask").getUserTaskKey())
        .send()
        .join();
    assertThat(Elements.stateOf(client, pi, "afterCall")).isEqualTo(ElementInstanceState.ACTIVE);
  }

  @Test
  void shouldAddABoundaryTimerOfTheNewVersionAndDropOneItNoLongerHas(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-boundary");
    deploy(
        engine,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask("evaluate")
            .zeebeUserTask()
            .boundaryEvent("oldDeadline", b -> b.timerWithDuration("PT1H").endEvent("lateOld"))
            .moveToActivity("evaluate")
            .endEvent()
            .done());
    long pi = start(engine, id, Map.of());
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("evaluate")
                .zeebeUserTask()
                .boundaryEvent("newDeadline", b -> b.timerWithDuration("PT10H").endEvent("late"))
                .moveToActivity("evaluate")
                .endEvent()
                .done());

    migrate(engine, pi, v2, "evaluate", "evaluate");

    engine.increaseTime(Duration.ofHours(2)); // the old one hour deadline is gone
    assertThat(Elements.stateOf(client, pi, "evaluate")).isEqualTo(ElementInstanceState.ACTIVE);
    engine.increaseTime(Duration.ofHours(9)); // the new one, counted from the migration
    assertThat(Elements.stateOf(client, pi, "late")).isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(instance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ refusals

  /** A v1 instance waiting at a user task, and a v2 the refusals are tried against. */
  private record Waiting(String id, long v1, long pi) {}

  private static Waiting waitingAtReview(TestEngine engine) {
    String id = unique("mig-refused");
    long v1 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .userTask("review")
                .zeebeUserTask()
                .endEvent()
                .done());
    return new Waiting(id, v1, start(engine, id, Map.of()));
  }

  private static void assertUnchanged(TestEngine engine, Waiting waiting) {
    CamundaClient client = engine.client();
    assertThat(instance(client, waiting.pi()).getProcessDefinitionKey()).isEqualTo(waiting.v1());
    UserTask review = userTask(client, waiting.pi(), "review");
    assertThat(review.getProcessDefinitionKey()).isEqualTo(waiting.v1());
    client.newCompleteUserTaskCommand(review.getUserTaskKey()).send().join();
    assertThat(instance(client, waiting.pi()).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRefuseAnActiveElementWithoutAMapping(TestEngine engine) {
    Waiting waiting = waitingAtReview(engine);
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(waiting.id())
                .startEvent("start")
                .userTask("check")
                .zeebeUserTask()
                .endEvent()
                .done());

    Refusal refusal = Refusal.of(() -> migrate(engine, waiting.pi(), v2, "start", "check"));

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.title()).isEqualTo("INVALID_STATE");
    assertThat(refusal.detail())
        .contains("no mapping instruction defined for active element with id 'review'");
    assertUnchanged(engine, waiting);
  }

  @Test
  void shouldRefuseAnElementMappedToAnotherType(TestEngine engine) {
    Waiting waiting = waitingAtReview(engine);
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(waiting.id())
                .startEvent()
                .serviceTask("review", t -> t.zeebeJobType("review"))
                .endEvent()
                .done());

    Refusal refusal = Refusal.of(() -> migrate(engine, waiting.pi(), v2, "review", "review"));

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.detail())
        .contains("active element with id 'review' and type 'USER_TASK'")
        .contains("different type 'SERVICE_TASK'");
    assertUnchanged(engine, waiting);
  }

  @Test
  void shouldRefuseACatchEventMappedToAnotherEventType(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-event-type");
    long v1 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent("wait")
                .timerWithDuration("PT1H")
                .endEvent()
                .done());
    long pi = start(engine, id, Map.of("key", "k"));
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent("wait")
                .message(m -> m.name(id + "-m").zeebeCorrelationKeyExpression("key"))
                .endEvent()
                .done());

    Refusal refusal = Refusal.of(() -> migrate(engine, pi, v2, "wait", "wait"));

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.detail())
        .contains("event type 'TIMER'")
        .contains("different event type 'MESSAGE'");
    assertThat(instance(client, pi).getProcessDefinitionKey()).isEqualTo(v1);
    engine.increaseTime(Duration.ofMinutes(61)); // the timer of version 1 still fires
    assertThat(instance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRefuseAnElementMovedIntoAnotherFlowScope(TestEngine engine) {
    Waiting waiting = waitingAtReview(engine);
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(waiting.id())
                .startEvent()
                .subProcess("stage")
                .embeddedSubProcess()
                .startEvent()
                .userTask("review")
                .zeebeUserTask()
                .endEvent()
                .subProcessDone()
                .endEvent()
                .done());

    Refusal refusal = Refusal.of(() -> migrate(engine, waiting.pi(), v2, "review", "review"));

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.detail()).contains("the flow scope of active element with id 'review'");
    assertUnchanged(engine, waiting);
  }

  @Test
  void shouldRefuseAnUnknownTargetAndUnknownElements(TestEngine engine) {
    Waiting waiting = waitingAtReview(engine);

    Refusal noTarget = Refusal.of(() -> migrate(engine, waiting.pi(), 42L, "review", "review"));
    assertThat(noTarget.code()).isEqualTo(404);
    assertThat(noTarget.detail()).contains("no process definition found with key '42'");

    Refusal noInstance = Refusal.of(() -> migrate(engine, 43L, waiting.v1(), "review", "review"));
    assertThat(noInstance.code()).isEqualTo(404);

    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(waiting.id())
                .startEvent()
                .userTask("review")
                .zeebeUserTask()
                .userTask("more")
                .zeebeUserTask()
                .endEvent()
                .done());
    Refusal noSource = Refusal.of(() -> migrate(engine, waiting.pi(), v2, "reviw", "review"));
    assertThat(noSource.code()).isEqualTo(400);
    assertThat(noSource.detail()).contains("non-existing source element id 'reviw'");
    Refusal noTargetElement =
        Refusal.of(() -> migrate(engine, waiting.pi(), v2, "review", "revue"));
    assertThat(noTargetElement.code()).isEqualTo(400);
    assertThat(noTargetElement.detail()).contains("non-existing target element id 'revue'");
    Refusal duplicate =
        Refusal.of(() -> migrate(engine, waiting.pi(), v2, "review", "review", "review", "more"));
    assertThat(duplicate.code()).isEqualTo(400);
    assertThat(duplicate.detail()).contains("duplicate source element ids 'review'");
    assertUnchanged(engine, waiting);
  }

  @Test
  void shouldRefuseAJoinInFlightUnlessTheSameJoinIsThere(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mig-join");
    BpmnModelInstance v1Model =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("fork")
            .userTask("a")
            .zeebeUserTask()
            .sequenceFlowId("a-join")
            .parallelGateway("join")
            .endEvent()
            .moveToNode("fork")
            .manualTask("b")
            .sequenceFlowId("b-join")
            .connectTo("join")
            .done();
    long v1 = deploy(engine, v1Model);
    long pi = start(engine, id, Map.of()); // b passed: one token waits at the join
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .parallelGateway("fork")
                .userTask("a")
                .zeebeUserTask()
                .parallelGateway("join2")
                .endEvent()
                .moveToNode("fork")
                .manualTask("b")
                .connectTo("join2")
                .done());

    Refusal refusal = Refusal.of(() -> migrate(engine, pi, v2, "a", "a"));

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.detail()).contains("the joining gateway 'join' has a join in flight");
    assertThat(instance(client, pi).getProcessDefinitionKey()).isEqualTo(v1);

    // the same model again (a new version: other content) takes the token waiting at the join
    long v3 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .name("v3")
                .startEvent()
                .parallelGateway("fork")
                .userTask("a")
                .zeebeUserTask()
                .sequenceFlowId("a-join")
                .parallelGateway("join")
                .endEvent()
                .moveToNode("fork")
                .manualTask("b")
                .sequenceFlowId("b-join")
                .connectTo("join")
                .done());
    migrate(engine, pi, v3, "a", "a", "join", "join");
    client.newCompleteUserTaskCommand(userTask(client, pi, "a").getUserTaskKey()).send().join();
    assertThat(instance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(instance(client, pi).getProcessDefinitionKey()).isEqualTo(v3);
  }
}
