package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Who completed a user task, as the engine recorded it: the assignee of the latest completed task
 * of one element in one process instance. Separation of duties rests on this, never on what a form
 * says about its own author (Tasklist assigns a task to the official who completes it).
 */
public class CompletedTasks {

  private final CamundaClient client;

  public CompletedTasks(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The assignee of the latest completed task {@code elementId} of {@code processInstanceKey};
   * empty when it was completed without an assignee.
   *
   * @throws IllegalStateException if no such task is completed yet (the job is retried)
   */
  public Optional<String> assigneeOf(long processInstanceKey, String elementId) {
    UserTask task =
        client
            .newUserTaskSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(processInstanceKey)
                        .elementId(elementId)
                        .state(UserTaskState.COMPLETED))
            .send()
            .join()
            .items()
            .stream()
            .max(Comparator.comparingLong(UserTask::getUserTaskKey))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No completed task "
                            + elementId
                            + " in process instance "
                            + processInstanceKey));
    String assignee = task.getAssignee();
    return assignee == null || assignee.isBlank() ? Optional.empty() : Optional.of(assignee);
  }
}
