package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class UserTaskTest {

  private static UserTask task(CamundaClient client, long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .get(0);
  }

  private static ProcessInstanceEvent startReview(TestEngine engine, Object urgency) {
    engine.deploy("user-task-with-assignment.bpmn");
    return engine.start(
        "user-task-with-assignment",
        Map.of("reviewer", "zhang", "dueAt", "2025-09-01T08:00:00+08:00", "urgency", urgency));
  }

  @Test
  void shouldCreateTheTaskWithAssignmentScheduleAndPriorityEvaluatedOnActivation(TestEngine engine)
      throws Exception {
    ProcessInstanceEvent instance = startReview(engine, 8);

    UserTask task = task(engine.client(), instance.getProcessInstanceKey());
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getElementId()).isEqualTo("Task_Review");
    assertThat(task.getName()).isEqualTo("Review the report");
    assertThat(task.getBpmnProcessId()).isEqualTo("user-task-with-assignment");
    assertThat(task.getProcessName()).isEqualTo("Review");
    assertThat(task.getAssignee()).isEqualTo("zhang");
    assertThat(task.getCandidateGroups()).containsExactly("district-office", "bureau");
    assertThat(task.getCandidateUsers()).containsExactly("wang", "li");
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(task.getCustomHeaders()).containsEntry("area", "evaluation");
    assertThat(task.getCreationDate()).isNotNull();
    // one canonical date format: UTC with milliseconds
    String json = get(engine, "/v2/user-tasks/" + task.getUserTaskKey());
    assertThat(json)
        .contains("\"dueDate\":\"2025-09-01T00:00:00.000Z\"")
        .contains("\"followUpDate\":\"2025-08-25T01:00:00.000Z\"")
        .contains("\"state\":\"CREATED\"");
  }

  @Test
  void shouldOpenAnIncidentWhenAnExpressionHasTheWrongType(TestEngine engine) {
    ProcessInstanceEvent instance = startReview(engine, "high");

    Incident incident =
        engine
            .client()
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(incident.getElementId()).isEqualTo("Task_Review");
    assertThat(
            engine
                .client()
                .newUserTaskSearchRequest()
                .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void shouldCompleteWithVariablesPropagatedToTheProcess(TestEngine engine) {
    ProcessInstanceEvent instance = startReview(engine, 5);
    UserTask task = task(engine.client(), instance.getProcessInstanceKey());

    engine
        .client()
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("approved", true))
        .send()
        .join();

    UserTask completed = engine.client().newUserTaskGetRequest(task.getUserTaskKey()).send().join();
    assertThat(completed.getState()).isEqualTo(UserTaskState.COMPLETED);
    assertThat(completed.getCompletionDate()).isNotNull();
    assertThat(
            engine
                .client()
                .newProcessInstanceGetRequest(instance.getProcessInstanceKey())
                .send()
                .join()
                .getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    List<Variable> variables =
        engine
            .client()
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()).name("approved"))
            .send()
            .join()
            .items();
    assertThat(variables)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getValue()).isEqualTo("true");
              assertThat(v.getScopeKey()).isEqualTo(instance.getProcessInstanceKey());
            });
  }

  @Test
  void shouldKeepCompletionVariablesLocalWhenTheTaskHasOutputMappings(TestEngine engine) {
    engine.deploy("user-task-with-output-mapping.bpmn");
    ProcessInstanceEvent instance =
        engine.start("user-task-with-output-mapping", Map.of("applicant", "阳光社工"));
    UserTask task = task(engine.client(), instance.getProcessInstanceKey());
    assertThat(
            engine
                .client()
                .newUserTaskVariableSearchRequest(task.getUserTaskKey())
                .send()
                .join()
                .items())
        .extracting(Variable::getName)
        .containsExactlyInAnyOrder("applicant", "who");

    engine
        .client()
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("approved", false))
        .send()
        .join();

    List<Variable> root =
        engine
            .client()
            .newVariableSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(instance.getProcessInstanceKey())
                        .scopeKey(instance.getProcessInstanceKey()))
            .send()
            .join()
            .items();
    assertThat(root)
        .extracting(Variable::getName)
        .containsExactlyInAnyOrder("applicant", "decision");
  }

  @Test
  void shouldAssignClaimUnassignAndUpdateLikeCamunda(TestEngine engine) {
    ProcessInstanceEvent instance = startReview(engine, 5);
    CamundaClient client = engine.client();
    long key = task(client, instance.getProcessInstanceKey()).getUserTaskKey();

    client.newAssignUserTaskCommand(key).assignee("li").send().join();
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isEqualTo("li");

    Refusal conflict =
        Refusal.of(
            () ->
                client
                    .newAssignUserTaskCommand(key)
                    .assignee("wang")
                    .allowOverride(false)
                    .send()
                    .join());
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.title()).isEqualTo("INVALID_STATE");

    client.newUnassignUserTaskCommand(key).send().join();
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isNull();

    client
        .newUpdateUserTaskCommand(key)
        .dueDate("2025-10-01T12:00:00+08:00")
        .candidateGroups("bureau")
        .priority(95)
        .send()
        .join();
    UserTask updated = client.newUserTaskGetRequest(key).send().join();
    assertThat(updated.getCandidateGroups()).containsExactly("bureau");
    assertThat(updated.getPriority()).isEqualTo(95);
    assertThat(updated.getDueDate()).isEqualTo("2025-10-01T04:00:00.000Z");
    assertThat(updated.getCandidateUsers()).containsExactly("wang", "li");

    client.newUpdateUserTaskCommand(key).clearDueDate().clearCandidateGroups().send().join();
    UserTask cleared = client.newUserTaskGetRequest(key).send().join();
    assertThat(cleared.getDueDate()).isNull();
    assertThat(cleared.getCandidateGroups()).isEmpty();
    assertThat(cleared.getPriority()).isEqualTo(95);

    Refusal badPriority =
        Refusal.of(() -> client.newUpdateUserTaskCommand(key).priority(101).send().join());
    assertThat(badPriority.code()).isEqualTo(400);
  }

  @Test
  void shouldAnswerNotFoundForACompletedTask(TestEngine engine) {
    ProcessInstanceEvent instance = startReview(engine, 5);
    long key = task(engine.client(), instance.getProcessInstanceKey()).getUserTaskKey();
    engine.client().newCompleteUserTaskCommand(key).send().join();

    Refusal again = Refusal.of(() -> engine.client().newCompleteUserTaskCommand(key).send().join());
    assertThat(again.code()).isEqualTo(404);
    assertThat(again.title()).isEqualTo("NOT_FOUND");
    Refusal assign =
        Refusal.of(
            () -> engine.client().newAssignUserTaskCommand(key).assignee("li").send().join());
    assertThat(assign.code()).isEqualTo(404);
  }

  @Test
  void shouldCancelTheTaskWhenTheInstanceIsCanceled(TestEngine engine) {
    ProcessInstanceEvent instance = startReview(engine, 5);
    long key = task(engine.client(), instance.getProcessInstanceKey()).getUserTaskKey();

    engine.client().newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();

    assertThat(engine.client().newUserTaskGetRequest(key).send().join().getState())
        .isEqualTo(UserTaskState.CANCELED);
  }

  @Test
  void shouldSearchByStateCandidatesVariablesAndSortByPriority(TestEngine engine) {
    ProcessInstanceEvent low = startReview(engine, 2);
    ProcessInstanceEvent high =
        engine.start(
            "user-task-with-assignment",
            Map.of("reviewer", "li", "dueAt", "2025-09-02T08:00:00Z", "urgency", 9));
    CamundaClient client = engine.client();

    List<UserTask> byGroup =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.candidateGroup("bureau").state(UserTaskState.CREATED))
            .sort(s -> s.priority().desc())
            .send()
            .join()
            .items();
    assertThat(byGroup)
        .extracting(UserTask::getProcessInstanceKey)
        .containsExactly(high.getProcessInstanceKey(), low.getProcessInstanceKey());

    List<UserTask> byVariable =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceVariables(Map.of("reviewer", "\"li\"")))
            .send()
            .join()
            .items();
    assertThat(byVariable)
        .extracting(UserTask::getProcessInstanceKey)
        .containsExactly(high.getProcessInstanceKey());

    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.assignee("nobody"))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateUser("wang"))
                .send()
                .join()
                .items())
        .hasSize(2);
  }

  /**
   * The console's task list (workers/src/main/console/src/tasklist.js) counts a view as the
   * totalItems of disjoint searches, one per way of being entitled, with {@code page.limit} 0: the
   * assignee's, and the candidates' with {@code assignee $neq} the user — so a task assigned to the
   * user and offered to them as well is counted once. Due-date ranges and the instance's variables
   * narrow each search.
   */
  @Test
  void shouldCountDisjointEntitlementSearchesWithALimitOfZero(TestEngine engine) {
    startReview(engine, 1); // zhang's, offered to wang and li too; due 1 September
    engine.start(
        "user-task-with-assignment",
        Map.of("reviewer", "li", "dueAt", "2025-09-03T08:00:00Z", "urgency", 2));
    engine.start(
        "user-task-with-assignment",
        Map.of("reviewer", "li", "dueAt", "2025-09-05T08:00:00Z", "urgency", 3));
    CamundaClient client = engine.client();

    long assigned =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.state(UserTaskState.CREATED).assignee("li"))
            .page(p -> p.limit(0))
            .send()
            .join()
            .page()
            .totalItems();
    var candidate =
        client
            .newUserTaskSearchRequest()
            .filter(
                f -> f.state(UserTaskState.CREATED).candidateUser("li").assignee(a -> a.neq("li")))
            .page(p -> p.limit(0))
            .send()
            .join();
    assertThat(candidate.items()).isEmpty();
    assertThat(assigned).isEqualTo(2);
    assertThat(candidate.page().totalItems()).isEqualTo(1);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateUser("li"))
                .send()
                .join()
                .page()
                .totalItems())
        .isEqualTo(assigned + candidate.page().totalItems());

    // li's overdue on 4 September: the one due on the 3rd (zhang's is not li's)
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(
                    f ->
                        f.assignee("li")
                            .dueDate(
                                d -> d.lt(java.time.OffsetDateTime.parse("2025-09-04T00:00:00Z"))))
                .send()
                .join()
                .items())
        .extracting(task -> task.getDueDate().toInstant().toString())
        .containsExactly("2025-09-03T08:00:00Z");
    // unassigned: none of them; by a variable of the instance: zhang's
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateUser("li").assignee(a -> a.exists(false)))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(
                    f ->
                        f.candidateUser("li")
                            .assignee(a -> a.neq("li"))
                            .processInstanceVariables(Map.of("reviewer", "\"zhang\"")))
                .send()
                .join()
                .items())
        .extracting(UserTask::getAssignee)
        .containsExactly("zhang");
  }

  @Test
  void shouldRunAUserTaskWithoutZeebeUserTaskAsAJob(TestEngine engine) {
    engine.deploy("user-task-job-based.bpmn");
    ProcessInstanceEvent instance =
        engine.start("user-task-job-based", Map.of("reviewer", "zhang"));

    ActivatedJob job =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType("io.camunda.zeebe:userTask")
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs()
            .get(0);
    assertThat(job.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:assignee", "zhang")
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"bureau\"]")
        .containsEntry("io.camunda.zeebe:formKey", "custom:legacy-form");
    engine.client().newCompleteCommand(job).variables(Map.of("done", true)).send().join();

    assertThat(
            engine
                .client()
                .newProcessInstanceGetRequest(instance.getProcessInstanceKey())
                .send()
                .join()
                .getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }

  static String get(TestEngine engine, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(engine.restAddress() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
