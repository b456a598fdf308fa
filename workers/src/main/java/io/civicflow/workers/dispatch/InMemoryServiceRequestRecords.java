package io.civicflow.workers.dispatch;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link ServiceRequestRecords} in memory, for tests and the embedded demo. Thread-safe. */
public final class InMemoryServiceRequestRecords implements ServiceRequestRecords {

  private final ConcurrentMap<String, ServiceRequest> requests = new ConcurrentHashMap<>();

  @Override
  public ServiceRequest register(ServiceRequest request) {
    ServiceRequest existing = requests.putIfAbsent(request.orderNo(), request);
    return existing == null ? request : existing;
  }

  @Override
  public ServiceRequest close(String orderNo, int satisfaction, Instant closedAt) {
    ServiceRequest closed =
        requests.computeIfPresent(
            orderNo,
            (no, request) ->
                request.closedAt() != null ? request : request.closed(satisfaction, closedAt));
    if (closed == null) {
      throw new IllegalArgumentException("No service request " + orderNo);
    }
    return closed;
  }

  @Override
  public Optional<ServiceRequest> find(String orderNo) {
    return Optional.ofNullable(requests.get(orderNo));
  }
}
