package io.civicflow.workers.outbox;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import io.civicflow.workers.calendar.ProcessTime;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code notify.task-assigned}: the {@code assigning} user task listener of a task given to one
 * person (an expert's score sheet, a social worker's case or visit) tells that person, through the
 * same outbox as {@code notify.send} (inbox and mail), that the task is theirs and by when. The
 * task's header {@code assignedNotice} is the title (the task's name as officials read it). A claim
 * (the person took it themselves) and an unassignment notify nobody. The listener never corrects or
 * denies: the assignment goes on as proposed, and a retried job posts nothing new (the message id
 * is the listener job's key).
 */
@Component
public class TaskAssignedWorker {

  static final String TOPIC = "notify.task-assigned";
  static final String TITLE_HEADER = "assignedNotice";

  private static final Logger log = LoggerFactory.getLogger(TaskAssignedWorker.class);

  private final Notifications notifications;
  private final InstantSource engineTime;

  /**
   * @param engineTime when the assignment happens (a listener job has no input mapping for {@code
   *     now})
   */
  public TaskAssignedWorker(Notifications notifications, InstantSource engineTime) {
    this.notifications = notifications;
    this.engineTime = engineTime;
  }

  @JobWorker(
      type = TOPIC,
      fetchVariables = {"contractNo", "projectNo", "orgId", "orderNo", "caseNo"})
  public void notifyAssignee(ActivatedJob job) {
    UserTaskProperties task = job.getUserTask();
    String assignee = task == null ? null : task.getAssignee();
    if (assignee == null || assignee.isBlank() || "claim".equals(task.getAction())) {
      log.debug(
          "task {} of {}: no one to tell (assignee {}, action {})",
          job.getElementId(),
          job.getProcessInstanceKey(),
          assignee,
          task == null ? null : task.getAction());
      return;
    }
    Map<String, Object> variables = job.getVariablesAsMap();
    String title = job.getCustomHeaders().getOrDefault(TITLE_HEADER, "您有一项新的待办任务");
    OffsetDateTime due = task.getDueDate();
    String body =
        NotifyWorker.withDeadline("此项任务已指派给您，请登录系统办理。", due == null ? null : due.toString());
    notifications.send(
        TOPIC,
        job.getKey(),
        businessKey(variables),
        RecipientDirectory.USER_PREFIX + assignee,
        title,
        body,
        engineTime.instant().atZone(ProcessTime.ZONE));
  }

  /** As {@code notify.send}: the contract, the project, the organisation, the order or the case. */
  private static String businessKey(Map<String, Object> variables) {
    for (String name : new String[] {"contractNo", "projectNo", "orgId", "orderNo", "caseNo"}) {
      String value = text(variables.get(name));
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        TOPIC + " needs a contractNo, projectNo, orgId, orderNo or caseNo in the task's scope");
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
