package io.civicflow.workers.incubation;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import org.springframework.stereotype.Component;

/**
 * {@code incubation.submit-request}: a support request, complaint or early exit registered through
 * the {@code incubation-request} form (or asked for by ngo-incubation itself when a complaint finds
 * a breach) becomes the organisation's message.
 */
@Component
public class IncubationRequestWorker {

  private final IncubationRequests requests;

  public IncubationRequestWorker(IncubationRequests requests) {
    this.requests = requests;
  }

  public record Input(
      String orgId,
      IncubationRequests.Kind requestKind,
      String supportType,
      String complainant,
      String content,
      ExitReason exitReason,
      String now) {}

  public record Submitted(String publishedMessage) {}

  @JobWorker(type = "incubation.submit-request")
  public Submitted submit(@VariablesAsType Input input, @JobKey long jobKey) {
    return new Submitted(
        requests.submit(
            new IncubationRequests.Request(
                input.orgId(),
                input.requestKind(),
                input.supportType(),
                input.complainant(),
                input.content(),
                input.exitReason()),
            "incubation-request-" + jobKey,
            ProcessTime.parse(input.now())));
  }
}
