package io.civicflow.workers.dispatch;

import java.util.Optional;

/**
 * The register of service requests. <b>Idempotent by orderNo</b>: registering an orderNo again
 * returns the stored request; closing a closed request returns it as first closed. Nothing is
 * deleted. Implementations must be safe for concurrent use.
 */
public interface ServiceRequestRecords {

  /** Stores {@code request}, or returns the request already stored under its orderNo. */
  ServiceRequest register(ServiceRequest request);

  /**
   * Closes the request with the resident's satisfaction, or returns it unchanged if closed.
   *
   * @throws IllegalArgumentException if no request has that orderNo
   */
  ServiceRequest close(String orderNo, int satisfaction, java.time.Instant closedAt);

  Optional<ServiceRequest> find(String orderNo);
}
