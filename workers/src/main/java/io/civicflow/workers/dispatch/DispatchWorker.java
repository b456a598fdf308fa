package io.civicflow.workers.dispatch;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.camunda.CompletedTasks;
import io.civicflow.workers.dispatch.AssigneeResolution.Resolved;
import io.civicflow.workers.dispatch.ServiceRequests.Dispatched;
import io.civicflow.workers.dispatch.ServiceRequests.Lapsed;
import io.civicflow.workers.dispatch.ServiceRequests.Registered;
import io.civicflow.workers.outbox.Notifications;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The {@code dispatch.*} jobs of service-dispatch. */
@Component
public class DispatchWorker {

  /** The topic of an SLA breach's notification. */
  public static final String BREACH_TOPIC = "notify.sla-breach";

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ServiceRequests requests;
  private final DispatchSlas slas;
  private final AssigneeResolution assignees;
  private final Notifications notifications;
  private final CompletedTasks completedTasks;

  public DispatchWorker(
      ServiceRequests requests,
      DispatchSlas slas,
      AssigneeResolution assignees,
      Notifications notifications,
      CompletedTasks completedTasks) {
    this.requests = requests;
    this.slas = slas;
    this.assignees = assignees;
    this.notifications = notifications;
    this.completedTasks = completedTasks;
  }

  /** The service-request start form. */
  public record RequestInput(
      ReporterType reporterType,
      String residentName,
      String residentCategory,
      String community,
      String description,
      Urgency urgency,
      String now) {}

  @JobWorker(type = "dispatch.register-request")
  public Registered register(@VariablesAsType RequestInput input, @JobKey long jobKey) {
    return requests.register(
        input.reporterType(),
        input.residentName(),
        input.residentCategory(),
        input.community(),
        input.description(),
        input.urgency() == null ? Urgency.NORMAL : input.urgency(),
        jobKey,
        ProcessTime.parse(input.now()));
  }

  /**
   * @param sla the result of the decision {@code dispatch-sla}
   * @param slaSteps the steps whose deadlines start now ({@link SlaStep} names)
   */
  public record ScheduleInput(Map<String, String> sla, List<SlaStep> slaSteps, String now) {}

  /** {@code dispatch.schedule-sla}: each step's deadline variable, counted from now. */
  @JobWorker(type = "dispatch.schedule-sla")
  public Map<String, Object> scheduleSla(@VariablesAsType ScheduleInput input) {
    if (input.sla() == null || input.slaSteps() == null || input.slaSteps().isEmpty()) {
      throw new IllegalArgumentException(
          "dispatch.schedule-sla needs the decision's sla and the slaSteps to schedule");
    }
    ZonedDateTime now = ProcessTime.parse(input.now());
    Map<String, Object> deadlines = new LinkedHashMap<>();
    for (SlaStep step : input.slaSteps()) {
      deadlines.put(
          step.deadlineVariable(),
          ProcessTime.format(slas.deadline(input.sla().get(step.ruleName()), now)));
    }
    return deadlines;
  }

  public record DispatchInput(
      String orderNo,
      String station,
      Map<String, String> sla,
      List<DispatchLeg> dispatchHistory,
      String now) {}

  /**
   * {@code dispatch.record-dispatch}: the order went to the chosen station; who dispatched it is
   * the assignee of the completed 服务中心派单 task, as the engine recorded it.
   */
  @JobWorker(type = "dispatch.record-dispatch")
  public Dispatched recordDispatch(
      ActivatedJob job, @VariablesAsType DispatchInput input, @JobKey long jobKey) {
    String dispatcher =
        completedTasks.assigneeOf(job.getProcessInstanceKey(), "Task_Dispatch").orElse(null);
    return requests.recordDispatch(
        input.orderNo(),
        input.station(),
        dispatcher,
        input.sla() == null ? null : input.sla().get(SlaStep.ACCEPT.ruleName()),
        input.dispatchHistory(),
        jobKey,
        ProcessTime.parse(input.now()));
  }

  public record AcceptanceInput(
      String orderNo, String acceptedBy, List<DispatchLeg> dispatchHistory, String now) {}

  public record Accepted(String acceptedBy, List<DispatchLeg> dispatchHistory) {}

  /**
   * {@code dispatch.record-acceptance}: the station accepted; who is the assignee of the completed
   * 社工站接单 task (the name typed in the form when it was completed unassigned).
   */
  @JobWorker(type = "dispatch.record-acceptance")
  public Accepted recordAcceptance(ActivatedJob job, @VariablesAsType AcceptanceInput input) {
    String acceptedBy =
        completedTasks
            .assigneeOf(job.getProcessInstanceKey(), "Task_AcceptOrder")
            .orElse(input.acceptedBy());
    return new Accepted(
        acceptedBy,
        requests.recordAcceptance(
            input.orderNo(), acceptedBy, input.dispatchHistory(), ProcessTime.parse(input.now())));
  }

  public record LapseInput(
      String orderNo,
      Integer lapses,
      List<String> lapsedStations,
      String station,
      List<DispatchLeg> dispatchHistory,
      String now) {}

  @JobWorker(type = "dispatch.record-lapse")
  public Lapsed recordLapse(@VariablesAsType LapseInput input) {
    return requests.recordLapse(
        input.orderNo(),
        input.lapses(),
        input.lapsedStations(),
        input.station(),
        input.dispatchHistory(),
        ProcessTime.parse(input.now()));
  }

  /**
   * @param slaStep the step whose deadline passed
   * @param deadline that deadline (the input mapping names the step's deadline variable)
   */
  public record BreachInput(
      String orderNo,
      SlaStep slaStep,
      String deadline,
      String station,
      String serviceWorker,
      String residentName,
      String community,
      String now) {}

  public record Escalated(String lastBreach, String escalatedTo) {}

  /**
   * {@code dispatch.escalate-breach}: a step's SLA passed. The breach is recorded ({@code
   * *_LAPSED}) and whoever can act on it is told through the outbox ({@link SlaStep#escalateTo}).
   */
  @JobWorker(type = "dispatch.escalate-breach")
  public Escalated escalateBreach(@VariablesAsType BreachInput input, @JobKey long jobKey) {
    SlaStep step = input.slaStep();
    if (step == null) {
      throw new IllegalArgumentException("dispatch.escalate-breach needs the slaStep");
    }
    ZonedDateTime now = ProcessTime.parse(input.now());
    String recipients = step.escalateTo(input.station(), input.serviceWorker());
    boolean worker = step == SlaStep.FIRST_CONTACT || step == SlaStep.SERVICE;
    requests.recordBreach(
        input.orderNo(),
        step,
        input.deadline(),
        worker ? input.serviceWorker() : null,
        jobKey,
        now);
    notifications.send(
        BREACH_TOPIC,
        jobKey,
        input.orderNo(),
        recipients,
        "服务需求" + input.orderNo() + step.label() + "超时",
        breachBody(step, input),
        now);
    return new Escalated(step.name(), recipients);
  }

  private static String breachBody(SlaStep step, BreachInput input) {
    String who =
        (input.residentName() == null ? "" : input.residentName())
            + (input.community() == null ? "" : "（" + input.community() + "）");
    String deadline =
        input.deadline() == null
            ? ""
            : "时限为" + MINUTES.format(ProcessTime.parse(input.deadline())) + "。";
    String action =
        switch (step) {
          case DISPATCH -> "请服务中心立即派单。";
          case ACCEPT -> "社工站未按时接单，请服务中心改派其他社工站。";
          case FIRST_CONTACT -> "驻站社工未按时联系居民，请站长督促或改派其他社工。";
          case SERVICE -> "驻站社工未按时完成服务，请站长督促或改派其他社工。";
          case CLOSE -> "请服务中心尽快回访并办结。";
        };
    return "居民" + who + "的服务需求" + step.label() + "已超时。" + deadline + action;
  }

  public record AssigneeInput(String assignee, String backup) {}

  @JobWorker(type = "dispatch.resolve-assignee")
  public Resolved resolveAssignee(@VariablesAsType AssigneeInput input) {
    return assignees.resolve(input.assignee(), input.backup());
  }

  public record CloseInput(String orderNo, Integer satisfaction, String now) {}

  public record Closed(String closedAt) {}

  @JobWorker(type = "dispatch.close-request")
  public Closed close(@VariablesAsType CloseInput input) {
    return new Closed(
        requests.close(input.orderNo(), input.satisfaction(), ProcessTime.parse(input.now())));
  }
}
