package io.civicflow.workers.taskviews;

import io.civicflow.engine.web.error.Problem;
import io.civicflow.workers.web.ApiAccess;
import io.civicflow.workers.web.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's saved task-list views: {@code GET /api/users/{userId}/task-views} and {@code
 * PUT} with {@code {"views": [{"id", "name", "filters": {…}}]}} (the whole list, replaced). Views
 * are personal: only {@code userId} itself reads or changes them — an administrator neither (403);
 * without credentials 401 (the {@code /api} filter); a list the console could not have made 400.
 */
@RestController
@RequestMapping(
    path = "/api/users/{userId}/task-views",
    produces = MediaType.APPLICATION_JSON_VALUE)
public class TaskViewsController {

  private final TaskViews views;

  public TaskViewsController(TaskViews views) {
    this.views = views;
  }

  /** The request and answer body. */
  public record ViewList(List<TaskView> views) {}

  @GetMapping
  public ResponseEntity<?> get(@PathVariable String userId, HttpServletRequest request) {
    ResponseEntity<Problem> refused = refused(userId, request, "read");
    if (refused != null) {
      return refused;
    }
    return ResponseEntity.ok(new ViewList(views.of(userId)));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> put(
      @PathVariable String userId, @RequestBody ViewList body, HttpServletRequest request) {
    ResponseEntity<Problem> refused = refused(userId, request, "change");
    if (refused != null) {
      return refused;
    }
    String problem = TaskView.problemOf(body == null ? null : body.views());
    if (problem != null) {
      return problem(400, "INVALID_ARGUMENT", problem, request);
    }
    views.replace(userId, body.views());
    return ResponseEntity.ok(new ViewList(views.of(userId)));
  }

  private static ResponseEntity<Problem> refused(
      String userId, HttpServletRequest request, String what) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (access.username().equals(userId)) {
      return null;
    }
    return problem(
        403,
        "FORBIDDEN",
        "User '"
            + access.username()
            + "' may "
            + what
            + " only their own saved views, not those of '"
            + userId
            + "'",
        request);
  }

  private static ResponseEntity<Problem> problem(
      int status, String title, String detail, HttpServletRequest request) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problem.of(title, status, detail, request.getRequestURI()));
  }
}
