package io.civicflow.workers.outbox;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * {@code notify.send}: a reminder or notice from a model, through the outbox, which delivers it to
 * the inboxes and mailboxes of the group or users named in {@code recipientGroup}. The optional
 * {@code deadline} (a FEEL date-time such as {@code =now() + duration("P3D")}, or an ISO date) is
 * added to the text as its date in Shanghai. A public notice ({@code notice.*}) states the
 * publisher's purchaser, agency and contact and the model's {@code fields}, and may link {@code
 * attachments} (document references, e.g. {@code =[acceptanceReportDocument]}), which the notice
 * board then serves.
 */
@Component
public class NotifyWorker {

  private final Notifications notifications;
  private final Publisher publisher;

  public NotifyWorker(Notifications notifications, Publisher publisher) {
    this.notifications = notifications;
    this.publisher = publisher;
  }

  public record Input(
      String topic,
      String recipientGroup,
      String title,
      String body,
      String projectNo,
      String contractNo,
      String orgId,
      String orderNo,
      String caseNo,
      String deadline,
      String now,
      Map<String, String> fields,
      List<DocumentReference> attachments) {

    /**
     * What the notice is about: the contract once there is one, else the project; outside
     * procurement the organisation (incubation), the service request or the case.
     */
    String businessKey() {
      for (String key : java.util.Arrays.asList(contractNo, projectNo, orgId, orderNo, caseNo)) {
        if (key != null && !key.isBlank()) {
          return key;
        }
      }
      throw new IllegalArgumentException(
          "notify.send needs a contractNo, projectNo, orgId, orderNo or caseNo");
    }
  }

  @JobWorker(type = "notify.send")
  public void send(@VariablesAsType Input input, @JobKey long jobKey) {
    notifications.send(
        input.topic(),
        jobKey,
        input.businessKey(),
        input.recipientGroup(),
        input.title(),
        withDeadline(input.body(), input.deadline()),
        ProcessTime.parse(input.now()),
        fields(input),
        input.attachments() == null
            ? List.of()
            : input.attachments().stream()
                .filter(Objects::nonNull)
                .map(DocumentReference::file)
                .toList());
  }

  /**
   * A public notice's structured fields: the publisher's (purchaser, agency, contact) and what the
   * model wrote ({@code fields}, e.g. the acceptance result), the model's winning; none for a
   * notification.
   */
  Map<String, String> fields(Input input) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (input.topic() != null && input.topic().startsWith("notice.")) {
      fields.putAll(publisher.facts());
    }
    if (input.fields() != null) {
      input
          .fields()
          .forEach(
              (name, value) -> {
                if (value != null) {
                  fields.put(name, value);
                }
              });
    }
    return fields;
  }

  /** The body, and the deadline the notice is about in the words an official reads. */
  static String withDeadline(String body, String deadline) {
    String text = body == null ? "" : body;
    if (deadline == null || deadline.isBlank()) {
      return text;
    }
    String date;
    try {
      date = ProcessTime.parse(deadline.trim()).toLocalDate().toString();
    } catch (IllegalArgumentException notADateTime) {
      // a date (2016-08-31) or anything else the model wrote: as it is
      date = deadline.trim();
    }
    return (text.isBlank() ? "" : text + "\n") + "办理期限：" + date;
  }
}
