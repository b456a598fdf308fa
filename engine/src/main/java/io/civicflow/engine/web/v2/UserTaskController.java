package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.Commands.AssignUserTask;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.UnassignUserTask;
import io.civicflow.engine.api.Commands.UpdateUserTask;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.FormResults.FormResult;
import io.civicflow.engine.web.v2.UserTaskSearch.UserTaskResult;
import io.civicflow.engine.web.v2.VariableSearch.VariableResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Camunda user tasks as Tasklist and CPT drive them: search, get, assign, unassign, update,
 * complete, the linked form, and the variables visible to a task.
 *
 * <p>Each caller sees and works on only the tasks the engine's access check lets them ({@code
 * READ_USER_TASK}/{@code UPDATE_USER_TASK} on the process, or being the assignee, a candidate user
 * or in a candidate group): search leaves the others out (before paging, so counts and cursors are
 * the caller's), a get of one is refused with 403 {@code FORBIDDEN} and so is every command.
 */
@RestController
@RequestMapping("/v2/user-tasks")
public class UserTaskController {

  private final EngineApi engine;

  public UserTaskController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  public record UserTaskAssignmentRequest(String assignee, Boolean allowOverride, String action) {}

  public record UserTaskCompletionRequest(Map<String, Object> variables, String action) {}

  public record Changeset(
      String dueDate,
      String followUpDate,
      List<String> candidateUsers,
      List<String> candidateGroups,
      Integer priority) {}

  public record UserTaskUpdateRequest(Changeset changeset, String action) {}

  @PostMapping("/search")
  public SearchResult<UserTaskResult> search(@RequestBody(required = false) SearchQuery query) {
    return Searcher.search(UserTaskSearch.INSTANCE, query, engine.readModel());
  }

  @GetMapping("/{userTaskKey}")
  public UserTaskResult get(@PathVariable long userTaskKey) {
    return UserTaskSearch.of(find(engine.readModel(), userTaskKey));
  }

  @PostMapping("/{userTaskKey}/assignment")
  public ResponseEntity<Void> assign(
      @PathVariable long userTaskKey,
      @RequestBody(required = false) UserTaskAssignmentRequest body) {
    UserTaskAssignmentRequest request =
        body == null ? new UserTaskAssignmentRequest(null, null, null) : body;
    Requests.requireText(request.assignee(), "assignee");
    return Answers.noContent(
        engine.assignUserTask(
            new AssignUserTask(
                userTaskKey, request.assignee(), request.allowOverride(), request.action())));
  }

  @DeleteMapping("/{userTaskKey}/assignee")
  public ResponseEntity<Void> unassign(@PathVariable long userTaskKey) {
    return Answers.noContent(engine.unassignUserTask(new UnassignUserTask(userTaskKey)));
  }

  @PostMapping("/{userTaskKey}/completion")
  public ResponseEntity<Void> complete(
      @PathVariable long userTaskKey,
      @RequestBody(required = false) UserTaskCompletionRequest body) {
    Map<String, Object> variables = body == null ? Map.of() : Requests.variables(body.variables());
    return Answers.noContent(
        engine.completeUserTask(
            new CompleteUserTask(userTaskKey, variables, body == null ? null : body.action())));
  }

  @PatchMapping("/{userTaskKey}")
  public ResponseEntity<Void> update(
      @PathVariable long userTaskKey, @RequestBody(required = false) UserTaskUpdateRequest body) {
    Changeset c =
        body == null || body.changeset() == null
            ? new Changeset(null, null, null, null, null)
            : body.changeset();
    return Answers.noContent(
        engine.updateUserTask(
            new UpdateUserTask(
                userTaskKey,
                c.dueDate(),
                c.followUpDate(),
                c.candidateGroups(),
                c.candidateUsers(),
                c.priority(),
                body == null ? null : body.action())));
  }

  /** The linked Camunda form, or 204 when the task links none (custom references included). */
  @GetMapping("/{userTaskKey}/form")
  public ResponseEntity<FormResult> form(@PathVariable long userTaskKey) {
    ReadModel readModel = engine.readModel();
    UserTaskRecord task = find(readModel, userTaskKey);
    if (task.formKey() == null) {
      return ResponseEntity.noContent().build();
    }
    return readModel
        .form(task.formKey())
        .map(form -> ResponseEntity.ok(FormResults.of(form)))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  /** Variables visible to the task: its own scope and every enclosing one (inner names win). */
  @PostMapping("/{userTaskKey}/variables/search")
  public SearchResult<VariableResult> variables(
      @PathVariable long userTaskKey, @RequestBody(required = false) SearchQuery query) {
    ReadModel readModel = engine.readModel();
    UserTaskRecord task = find(readModel, userTaskKey);
    List<VariableRecord> visible = visibleVariables(readModel, task);
    SearchResource<VariableRecord, VariableResult> resource =
        new SearchResource<>() {
          @Override
          public SearchSchema<VariableRecord> schema() {
            return VariableSearch.INSTANCE.schema();
          }

          @Override
          public Collection<VariableRecord> candidates(ReadModel readModel, JsonNode filter) {
            return visible;
          }

          @Override
          public VariableResult render(VariableRecord record) {
            return VariableSearch.INSTANCE.render(record);
          }
        };
    return Searcher.search(resource, query, readModel);
  }

  private static List<VariableRecord> visibleVariables(ReadModel readModel, UserTaskRecord task) {
    List<Long> scopes = new ArrayList<>();
    Optional<ElementInstanceRecord> scope = readModel.elementInstance(task.elementInstanceKey());
    Set<Long> seen = new HashSet<>();
    while (scope.isPresent() && seen.add(scope.get().elementInstanceKey())) {
      scopes.add(scope.get().elementInstanceKey());
      long parent = scope.get().flowScopeKey();
      scope = parent < 0 ? Optional.empty() : readModel.elementInstance(parent);
    }
    Map<String, VariableRecord> byName = new LinkedHashMap<>();
    List<VariableRecord> all = readModel.variablesOf(task.processInstanceKey());
    for (int i = scopes.size() - 1; i >= 0; i--) {
      long scopeKey = scopes.get(i);
      for (VariableRecord variable : all) {
        if (variable.scopeKey() == scopeKey) {
          byName.put(variable.name(), variable);
        }
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** The task, if it exists in the caller's tenants (404) and the caller may see it (403). */
  private static UserTaskRecord find(ReadModel readModel, long userTaskKey) {
    return AuthorizedReadModel.get(
        readModel,
        model -> model.userTask(userTaskKey),
        () -> EngineRejection.notFound("User task with key '%d' not found", userTaskKey));
  }
}
