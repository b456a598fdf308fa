package io.civicflow.workers.dispatch;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets a station head mark a resident social worker away or back (AB role): {@code PUT
 * /api/social-workers/{userId}/availability} with {@code {"away": true}}.
 */
@RestController
@RequestMapping("/api/social-workers")
public class AvailabilityController {

  private final WorkerAvailability availability;

  public AvailabilityController(WorkerAvailability availability) {
    this.availability = availability;
  }

  public record Availability(boolean away) {}

  public record WorkerStatus(String userId, boolean away) {}

  @PutMapping("/{userId}/availability")
  public WorkerStatus mark(@PathVariable String userId, @RequestBody Availability body) {
    availability.mark(userId, body.away());
    return new WorkerStatus(userId, availability.isAway(userId));
  }

  @GetMapping("/{userId}/availability")
  public WorkerStatus get(@PathVariable String userId) {
    return new WorkerStatus(userId, availability.isAway(userId));
  }
}
