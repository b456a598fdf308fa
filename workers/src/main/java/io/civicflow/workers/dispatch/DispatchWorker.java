package io.civicflow.workers.dispatch;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.dispatch.AssigneeResolution.Resolved;
import io.civicflow.workers.dispatch.ServiceRequests.Lapsed;
import io.civicflow.workers.dispatch.ServiceRequests.Registered;
import io.civicflow.workers.registry.ServiceRequestEvent;
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

  public record AcceptanceInput(String orderNo, String station, Urgency urgency, String now) {

    public AcceptanceInput(Urgency urgency, String now) {
      this(null, null, urgency, now);
    }
  }

  public record Acceptance(String acceptDeadline) {}

  /** Runs right after the centre dispatched: the request's DISPATCHED record, with the station. */
  @JobWorker(type = "dispatch.schedule-acceptance")
  public Acceptance scheduleAcceptance(@VariablesAsType AcceptanceInput input) {
    if (input.orderNo() != null) {
      requests.recordLifecycle(
          input.orderNo(),
          ServiceRequestEvent.DISPATCHED,
          input.station(),
          null,
          ProcessTime.parse(input.now()));
    }
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

  public record AssigneeInput(
      String orderNo, String station, String assignee, String backup, String now) {

    public AssigneeInput(String assignee, String backup) {
      this(null, null, assignee, backup, null);
    }
  }

  /** Runs once the station accepted and named its worker: the ACCEPTED record, with the worker. */
  @JobWorker(type = "dispatch.resolve-assignee")
  public Resolved resolveAssignee(@VariablesAsType AssigneeInput input) {
    Resolved resolved = assignees.resolve(input.assignee(), input.backup());
    if (input.orderNo() != null && input.now() != null) {
      requests.recordLifecycle(
          input.orderNo(),
          ServiceRequestEvent.ACCEPTED,
          input.station(),
          resolved.serviceWorker(),
          ProcessTime.parse(input.now()));
    }
    return resolved;
  }

  public record CloseInput(String orderNo, Integer satisfaction, String now) {}

  public record Closed(String closedAt) {}

  @JobWorker(type = "dispatch.close-request")
  public Closed close(@VariablesAsType CloseInput input) {
    return new Closed(
        requests.close(input.orderNo(), input.satisfaction(), ProcessTime.parse(input.now())));
  }
}
