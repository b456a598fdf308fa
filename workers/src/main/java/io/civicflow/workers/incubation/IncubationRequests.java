package io.civicflow.workers.incubation;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the station's front desk registers for an incubated organisation through the {@code
 * incubation-request} form — a support request, a complaint, or an early exit — becomes the message
 * the organisation's ngo-incubation instance waits for (correlated by {@code orgId}).
 */
public final class IncubationRequests {

  /** What the form registers. */
  public enum Kind {
    /** 申请孵化支持服务: party-building guidance, training, project development, resource linking. */
    SUPPORT,
    /** 投诉: about the organisation or by it. */
    COMPLAINT,
    /** 提前退出孵化: breach, inactivity or withdrawal. */
    EXIT
  }

  private final IncubationMessages messages;

  public IncubationRequests(IncubationMessages messages) {
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /** The form's fields. */
  public record Request(
      String orgId,
      Kind requestKind,
      String supportType,
      String complainant,
      String content,
      ExitReason exitReason) {}

  /**
   * Publishes the request's message under {@code messageId} (the job's key, so a retried job
   * publishes once); returns the message's name.
   */
  public String submit(Request request, String messageId, ZonedDateTime now) {
    if (request.orgId() == null || request.orgId().isBlank()) {
      throw new IllegalArgumentException("A request names the organisation (orgId)");
    }
    if (request.requestKind() == null) {
      throw new IllegalArgumentException("requestKind is SUPPORT, COMPLAINT or EXIT");
    }
    String content = request.content() == null ? "" : request.content();
    Map<String, Object> variables = new HashMap<>();
    String name =
        switch (request.requestKind()) {
          case SUPPORT -> {
            variables.put(
                "supportRequest",
                (request.supportType() == null ? "" : request.supportType() + "：") + content);
            yield IncubationMessages.SUPPORT_REQUESTED;
          }
          case COMPLAINT -> {
            Map<String, Object> complaint = new HashMap<>();
            complaint.put(
                "complainant", request.complainant() == null ? "" : request.complainant());
            complaint.put("content", content);
            complaint.put("filedAt", io.civicflow.workers.calendar.ProcessTime.format(now));
            variables.put("incubationComplaint", complaint);
            yield IncubationMessages.COMPLAINT_FILED;
          }
          case EXIT -> {
            if (request.exitReason() == null || request.exitReason() == ExitReason.NOT_GRADUATED) {
              throw new IllegalArgumentException(
                  "An early exit gives its reason: BREACH, INACTIVITY or WITHDRAWAL");
            }
            variables.put("exitReason", request.exitReason().name());
            variables.put("exitNote", content);
            yield IncubationMessages.EXIT_REQUESTED;
          }
        };
    messages.publish(name, request.orgId(), messageId, variables);
    return name;
  }
}
