package io.civicflow.workers.dispatch;

import io.civicflow.engine.web.error.Problem;
import io.civicflow.workers.stations.StationDirectory;
import io.civicflow.workers.web.ApiAccess;
import io.civicflow.workers.web.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marks a resident social worker away or back (AB role): {@code PUT
 * /api/social-workers/{userId}/availability} with {@code {"away": true}}. A social worker marks
 * only themselves; a station head (who arranges the AB roles) the workers of their own station
 * ({@code civicflow.stations.<id>.social-workers}), administrators anyone ({@link
 * ApiAccess#mayManageAvailabilityOf}); anyone else gets 403. How many may be away at once is
 * bounded ({@link InMemoryWorkerAvailability#MAX_AWAY}).
 */
@RestController
@RequestMapping("/api/social-workers")
public class AvailabilityController {

  private final WorkerAvailability availability;
  private final StationDirectory stations;

  public AvailabilityController(WorkerAvailability availability, StationDirectory stations) {
    this.availability = availability;
    this.stations = stations;
  }

  public record Availability(boolean away) {}

  public record WorkerStatus(String userId, boolean away) {}

  @PutMapping("/{userId}/availability")
  public ResponseEntity<?> mark(
      @PathVariable String userId, @RequestBody Availability body, HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (!access.mayManageAvailabilityOf(userId, stations.stationsOf(userId))) {
      return problem(
          403,
          "FORBIDDEN",
          "User '"
              + access.username()
              + "' may set only their own availability (station heads: their own station's"
              + " workers'; administrators: anyone's)",
          request);
    }
    try {
      availability.mark(userId, body.away());
    } catch (IllegalStateException full) {
      return problem(429, "RESOURCE_EXHAUSTED", full.getMessage(), request);
    }
    return ResponseEntity.ok(new WorkerStatus(userId, availability.isAway(userId)));
  }

  @GetMapping("/{userId}/availability")
  public ResponseEntity<?> get(@PathVariable String userId, HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (!access.mayManageAvailabilityOf(userId, stations.stationsOf(userId))) {
      return problem(
          403,
          "FORBIDDEN",
          "User '" + access.username() + "' may read only their own availability",
          request);
    }
    return ResponseEntity.ok(new WorkerStatus(userId, availability.isAway(userId)));
  }

  private static ResponseEntity<Problem> problem(
      int status, String title, String detail, HttpServletRequest request) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problem.of(title, status, detail, request.getRequestURI()));
  }
}
