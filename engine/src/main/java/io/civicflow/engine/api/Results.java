package io.civicflow.engine.api;

import java.util.List;
import java.util.Map;

/**
 * What the engine answers to {@link Commands}. Keys are longs here; the web layer writes them as
 * strings.
 */
public final class Results {

  private Results() {}

  public record DeploymentResult(
      long deploymentKey, String tenantId, List<DeployedResource> resources) {}

  /**
   * CivicFlow's deployment dry-run: {@code refusal} is the reason a deployment of the same
   * resources would be refused with (null: it would be deployed), {@code problems} the elements it
   * names.
   */
  public record DeploymentValidation(String refusal, List<DeploymentProblem> problems) {}

  /** One reason a resource cannot be deployed; element id and type are null for a whole file. */
  public record DeploymentProblem(
      String resourceName, String elementId, String elementType, String message) {}

  /** One deployed resource: exactly one of the nested kinds. */
  public sealed interface DeployedResource {
    String resourceName();
  }

  public record DeployedProcess(
      String bpmnProcessId,
      int version,
      long processDefinitionKey,
      String resourceName,
      String tenantId)
      implements DeployedResource {}

  public record DeployedForm(
      String formId, int version, long formKey, String resourceName, String tenantId)
      implements DeployedResource {}

  public record DeployedDecision(
      String decisionId,
      String name,
      int version,
      long decisionKey,
      String decisionRequirementsId,
      long decisionRequirementsKey,
      String resourceName,
      String tenantId)
      implements DeployedResource {}

  public record DeployedDecisionRequirements(
      String decisionRequirementsId,
      String name,
      int version,
      long decisionRequirementsKey,
      String resourceName,
      String tenantId)
      implements DeployedResource {}

  public record ProcessInstanceCreated(
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      String tenantId,
      List<String> tags,
      /* only with awaitCompletion: the fetched variables of the completed instance */
      Map<String, Object> variables) {}

  public record ActivatedJob(
      long jobKey,
      String type,
      long processInstanceKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      long processDefinitionKey,
      String elementId,
      long elementInstanceKey,
      Map<String, String> customHeaders,
      String worker,
      int retries,
      long deadline,
      Map<String, Object> variables,
      String tenantId,
      /* BPMN_ELEMENT, EXECUTION_LISTENER, TASK_LISTENER */
      String kind,
      /* UNSPECIFIED unless a listener job */
      String listenerEventType,
      /* a task listener job's user task, else null */
      UserTaskProperties userTask) {}

  /**
   * What a task listener's job sees of its user task: the data the transition proposes, and what it
   * changes ({@code changedAttributes}).
   */
  public record UserTaskProperties(
      long userTaskKey,
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      List<String> changedAttributes,
      String dueDate,
      String followUpDate,
      Long formKey,
      int priority) {}

  public record MessagePublished(long messageKey, String tenantId) {}

  public record MessageCorrelated(long messageKey, long processInstanceKey, String tenantId) {}

  public record SignalBroadcast(long signalKey, String tenantId) {}

  /** The engine clock as the management endpoint shows it. */
  public record ClockState(long epochMilli) {}

  public record PurgeResult(long changeId) {}

  public record Topology(long lastCompletedChangeId, String version, boolean healthy) {}

  /**
   * A standalone decision evaluation, Camunda's EvaluateDecisionResult: the called decision, its
   * output (JSON text), every evaluated decision, and the failure if it failed.
   */
  public record DecisionEvaluation(
      long decisionEvaluationKey,
      long decisionKey,
      String decisionId,
      String decisionName,
      int decisionVersion,
      long decisionRequirementsKey,
      String decisionRequirementsId,
      String output,
      String failedDecisionId,
      String failureMessage,
      String tenantId,
      List<EvaluatedDecision> evaluatedDecisions) {}

  /** One decision evaluated within a {@link DecisionEvaluation} (required decisions first). */
  public record EvaluatedDecision(
      long decisionKey,
      String decisionId,
      String decisionName,
      int decisionVersion,
      String decisionType,
      String output,
      List<io.civicflow.engine.dmn.DecisionOutcome.EvaluatedInput> inputs,
      List<io.civicflow.engine.dmn.DecisionOutcome.MatchedRule> matchedRules) {}
}
