package io.civicflow.workers.dispatch;

import java.time.Instant;
import java.util.Objects;

/**
 * A resident's service request as registered, and when and how it was closed.
 *
 * @param orderNo {@code ORD-<yyyyMMdd>-<6 hex>}, the correlation key of service-dispatch
 * @param satisfaction the resident's rating 1–5 at the call-back, null while open
 * @param closedAt null while open
 */
public record ServiceRequest(
    String orderNo,
    ReporterType reporterType,
    String residentName,
    ResidentCategory residentCategory,
    String community,
    String description,
    Urgency urgency,
    Instant registeredAt,
    Integer satisfaction,
    Instant closedAt) {

  public ServiceRequest {
    Objects.requireNonNull(orderNo, "orderNo");
    Objects.requireNonNull(residentCategory, "residentCategory");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  ServiceRequest closed(int rating, Instant at) {
    return new ServiceRequest(
        orderNo,
        reporterType,
        residentName,
        residentCategory,
        community,
        description,
        urgency,
        registeredAt,
        rating,
        at);
  }
}
