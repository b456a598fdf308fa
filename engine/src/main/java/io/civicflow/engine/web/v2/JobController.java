package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.web.EngineProperties;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.JobSearch.JobResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The job lifecycle as workers drive it: long-polling activation, completion, failure, BPMN error,
 * and updating retries or timeout; plus the job search.
 */
@RestController
@RequestMapping("/v2/jobs")
public class JobController {

  private static final Logger LOG = LoggerFactory.getLogger(JobController.class);

  private final EngineApi engine;
  private final Duration defaultLongPoll;

  public JobController(CallerEngine callerEngine, EngineProperties properties) {
    this.engine = callerEngine.api();
    this.defaultLongPoll = properties.longPollTimeout();
  }

  /** Camunda's JobActivationRequest ({@code fetchVariable} is singular on the wire). */
  public record JobActivationRequest(
      String type,
      String worker,
      Long timeout,
      Integer maxJobsToActivate,
      List<String> fetchVariable,
      Long requestTimeout,
      List<String> tenantIds) {}

  public record JobActivationResult(List<ActivatedJobResult> jobs) {}

  /** Camunda's ActivatedJobResult ({@code deadline} is epoch milliseconds here). */
  public record ActivatedJobResult(
      String type,
      String processDefinitionId,
      int processDefinitionVersion,
      String elementId,
      Map<String, String> customHeaders,
      String worker,
      int retries,
      long deadline,
      Map<String, Object> variables,
      String tenantId,
      long jobKey,
      long processInstanceKey,
      long processDefinitionKey,
      long elementInstanceKey,
      String kind,
      String listenerEventType,
      UserTaskPropertiesResult userTask,
      List<String> tags) {}

  /** Camunda's UserTaskProperties: a task listener job's user task. */
  public record UserTaskPropertiesResult(
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      List<String> changedAttributes,
      String dueDate,
      String followUpDate,
      String formKey,
      Integer priority,
      String userTaskKey) {}

  public record JobCompletionRequest(Map<String, Object> variables, JsonNode result) {}

  public record JobFailRequest(
      Integer retries, String errorMessage, Long retryBackOff, Map<String, Object> variables) {}

  public record JobErrorRequest(
      String errorCode, String errorMessage, Map<String, Object> variables) {}

  public record JobUpdateRequest(JobChangeset changeset, Long operationReference) {}

  public record JobChangeset(Integer retries, Long timeout) {}

  /**
   * Long polling: the engine answers as soon as jobs are activatable, or with no jobs when {@code
   * requestTimeout} (0 = {@code civicflow.engine.long-poll-timeout}, negative = at once) has
   * passed.
   */
  @PostMapping("/activation")
  public DeferredResult<JobActivationResult> activate(@RequestBody JobActivationRequest body) {
    String type = Requests.requireText(body.type(), "type");
    long timeout = Requests.require(body.timeout(), "timeout");
    int maxJobs = Requests.require(body.maxJobsToActivate(), "maxJobsToActivate");
    if (timeout < 1) {
      throw EngineRejection.invalidArgument(
          "The value for timeout is '%d' but must be greater than 0.", timeout);
    }
    if (maxJobs < 1) {
      throw EngineRejection.invalidArgument(
          "The value for maxJobsToActivate is '%d' but must be greater than 0.", maxJobs);
    }
    long requestTimeout = body.requestTimeout() == null ? 0 : body.requestTimeout();
    ActivateJobs command =
        new ActivateJobs(
            type,
            body.worker() == null ? "" : body.worker(),
            timeout,
            maxJobs,
            Requests.list(body.fetchVariable()),
            requestTimeout,
            Commands.tenantsOrDefault(body.tenantIds()));
    Duration wait =
        requestTimeout > 0
            ? Duration.ofMillis(requestTimeout)
            : requestTimeout == 0 ? defaultLongPoll : Duration.ZERO;
    return Deferred.of(
        engine.activateJobs(command),
        wait,
        JobController::render,
        () -> new JobActivationResult(List.of()),
        jobs -> {
          if (jobs.isEmpty()) {
            return;
          }
          LOG.debug(
              "Giving back {} job(s) of type {}: the request timed out or its client went away",
              jobs.size(),
              type);
          engine.yieldJobs(jobs);
        });
  }

  @PostMapping("/{jobKey}/completion")
  public ResponseEntity<Void> complete(
      @PathVariable long jobKey, @RequestBody(required = false) JobCompletionRequest body) {
    Commands.JobResult result =
        body == null || SearchSchema.isEmpty(body.result()) ? null : jobResult(body.result());
    return Answers.noContent(
        engine.completeJob(
            new CompleteJob(
                jobKey, body == null ? Map.of() : Requests.variables(body.variables()), result)));
  }

  /**
   * Camunda's {@code JobResult}, by {@code type}: {@code userTask} (the default: a task listener's
   * {@code denied}, {@code deniedReason}, {@code corrections}); {@code adHocSubProcess} is not
   * supported.
   */
  private static Commands.JobResult jobResult(JsonNode node) {
    if (!node.isObject()) {
      throw EngineRejection.invalidArgument("Expected the job result to be an object.");
    }
    String type = text(node, "type");
    if (Commands.JobResult.AD_HOC_SUB_PROCESS.equals(type)) {
      return adHocSubProcessResult(node);
    }
    if (type != null && !Commands.JobResult.USER_TASK.equals(type)) {
      throw EngineRejection.invalidArgument(
          "Expected the job result type to be one of [userTask, adHocSubProcess], but it was '%s'.",
          type);
    }
    JsonNode c = node.get("corrections");
    Commands.JobResultCorrections corrections = null;
    if (c != null && c.isObject()) {
      JsonNode priority = c.get("priority");
      corrections =
          new Commands.JobResultCorrections(
              text(c, "assignee"),
              text(c, "dueDate"),
              text(c, "followUpDate"),
              strings(c, "candidateUsers"),
              strings(c, "candidateGroups"),
              priority == null || priority.isNull() ? null : priority.asInt());
    }
    JsonNode denied = node.get("denied");
    return Commands.JobResult.userTask(
        type, denied != null && denied.asBoolean(false), text(node, "deniedReason"), corrections);
  }

  /**
   * {@code JobResultAdHocSubProcess}: {@code activateElements} ({@code elementId}, {@code
   * variables}), {@code isCompletionConditionFulfilled}, {@code isCancelRemainingInstances}.
   */
  private static Commands.JobResult adHocSubProcessResult(JsonNode node) {
    List<Commands.AdHocActivity> elements = new java.util.ArrayList<>();
    JsonNode activate = node.get("activateElements");
    if (activate != null && !activate.isNull()) {
      if (!activate.isArray()) {
        throw EngineRejection.invalidArgument("Expected activateElements to be an array.");
      }
      for (JsonNode element : activate) {
        String elementId = element.isObject() ? text(element, "elementId") : null;
        if (elementId == null || elementId.isBlank()) {
          throw EngineRejection.invalidArgument("No elementId provided.");
        }
        JsonNode variables = element.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
          throw EngineRejection.invalidArgument(
              "Expected the variables of element '%s' to be an object.", elementId);
        }
        elements.add(
            new Commands.AdHocActivity(
                elementId,
                variables == null || variables.isNull()
                    ? Map.of()
                    : io.civicflow.engine.json.Json.VALUES.convertValue(
                        variables,
                        new com.fasterxml.jackson.core.type.TypeReference<
                            Map<String, Object>>() {})));
      }
    }
    JsonNode fulfilled = node.get("isCompletionConditionFulfilled");
    JsonNode cancel = node.get("isCancelRemainingInstances");
    return Commands.JobResult.adHocSubProcess(
        elements,
        fulfilled != null && fulfilled.asBoolean(false),
        cancel != null && cancel.asBoolean(false));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    List<String> result = new java.util.ArrayList<>();
    value.forEach(v -> result.add(v.asText()));
    return List.copyOf(result);
  }

  @PostMapping("/{jobKey}/failure")
  public ResponseEntity<Void> fail(
      @PathVariable long jobKey, @RequestBody(required = false) JobFailRequest body) {
    JobFailRequest request = body == null ? new JobFailRequest(null, null, null, null) : body;
    return Answers.noContent(
        engine.failJob(
            new FailJob(
                jobKey,
                request.retries() == null ? 0 : request.retries(),
                request.errorMessage(),
                request.retryBackOff() == null ? 0 : request.retryBackOff(),
                Requests.variables(request.variables()))));
  }

  @PostMapping("/{jobKey}/error")
  public ResponseEntity<Void> throwError(
      @PathVariable long jobKey, @RequestBody JobErrorRequest body) {
    String errorCode = Requests.requireText(body.errorCode(), "errorCode");
    return Answers.noContent(
        engine.throwError(
            new ThrowError(
                jobKey, errorCode, body.errorMessage(), Requests.variables(body.variables()))));
  }

  /**
   * {@code {"changeset":{"retries":n,"timeout":ms}}}: either or both; the timeout counts from now.
   */
  @PatchMapping("/{jobKey}")
  public ResponseEntity<Void> update(
      @PathVariable long jobKey, @RequestBody JobUpdateRequest body) {
    JobChangeset changeset = Requests.require(body.changeset(), "changeset");
    if (changeset.retries() == null && changeset.timeout() == null) {
      throw EngineRejection.invalidArgument("At least one of [retries, timeout] is required.");
    }
    return Answers.noContent(
        engine.updateJob(new UpdateJob(jobKey, changeset.retries(), changeset.timeout())));
  }

  @PostMapping("/search")
  public SearchResult<JobResult> search(@RequestBody(required = false) SearchQuery query) {
    return Searcher.search(JobSearch.INSTANCE, query, engine.readModel());
  }

  public static JobActivationResult render(List<ActivatedJob> jobs) {
    return new JobActivationResult(jobs.stream().map(JobController::render).toList());
  }

  public static ActivatedJobResult render(ActivatedJob job) {
    return new ActivatedJobResult(
        job.type(),
        job.bpmnProcessId(),
        job.processDefinitionVersion(),
        job.elementId(),
        job.customHeaders() == null ? Map.of() : job.customHeaders(),
        job.worker(),
        job.retries(),
        job.deadline(),
        Requests.variables(job.variables()),
        job.tenantId(),
        job.jobKey(),
        job.processInstanceKey(),
        job.processDefinitionKey(),
        job.elementInstanceKey(),
        job.kind() == null ? "BPMN_ELEMENT" : job.kind(),
        job.listenerEventType() == null ? "UNSPECIFIED" : job.listenerEventType(),
        job.userTask() == null ? null : userTask(job.userTask()),
        List.of());
  }

  private static UserTaskPropertiesResult userTask(
      io.civicflow.engine.api.Results.UserTaskProperties task) {
    return new UserTaskPropertiesResult(
        task.action(),
        task.assignee(),
        task.candidateGroups(),
        task.candidateUsers(),
        task.changedAttributes(),
        task.dueDate(),
        task.followUpDate(),
        task.formKey() == null ? null : Long.toString(task.formKey()),
        task.priority(),
        Long.toString(task.userTaskKey()));
  }
}
