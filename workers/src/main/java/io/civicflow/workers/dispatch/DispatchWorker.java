package io.civicflow.workers.dispatch;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.dispatch.AssigneeResolution.Resolved;
import io.civicflow.workers.dispatch.ServiceRequests.Lapsed;
import io.civicflow.workers.dispatch.ServiceRequests.Registered;
import java.util.List;
import org.springframework.stereotype.Component;

/** The {@code dispatch.*} jobs of service-dispatch. */
@Component
public class DispatchWorker {

  private final ServiceRequests requests;
  private final DispatchSlas slas;
  private final AssigneeResolution assignees;

  public DispatchWorker(ServiceRequests requests, DispatchSlas slas, AssigneeResolution assignees) {
    this.requests = requests;
    this.slas = slas;
    this.assignees = assignees;
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

  public record AcceptanceInput(Urgency urgency, String now) {}

  public record Acceptance(String acceptDeadline) {}

  @JobWorker(type = "dispatch.schedule-acceptance")
  public Acceptance scheduleAcceptance(@VariablesAsType AcceptanceInput input) {
    return new Acceptance(
        ProcessTime.format(
            slas.acceptDeadline(
                input.urgency() == null ? Urgency.NORMAL : input.urgency(),
                ProcessTime.parse(input.now()))));
  }

  public record LapseInput(
      String orderNo, Integer lapses, List<String> lapsedStations, String station, String now) {}

  @JobWorker(type = "dispatch.record-lapse")
  public Lapsed recordLapse(@VariablesAsType LapseInput input, @JobKey long jobKey) {
    return requests.recordLapse(
        input.orderNo(),
        input.lapses(),
        input.lapsedStations(),
        input.station(),
        jobKey,
        ProcessTime.parse(input.now()));
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
