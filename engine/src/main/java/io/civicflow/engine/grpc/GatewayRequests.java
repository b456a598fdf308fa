package io.civicflow.engine.grpc;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessInstanceCreationStartInstruction;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessRequestObject;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.grpc.GrpcStatuses.InvalidRequestException;
import io.grpc.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway protocol's requests as the engine's commands, with the protocol's defaults (0 and ""
 * mean "not set"). What the protocol cannot say wrongly the engine checks; what only the protocol
 * can get wrong is refused here ({@link InvalidRequestException}, {@code INVALID_ARGUMENT}).
 */
final class GatewayRequests {

  private GatewayRequests() {}

  // ------------------------------------------------------------------------------------ deployment

  /** The engine refuses an empty deployment. */
  static Commands.Deploy deploy(DeployResourceRequest request) {
    List<DeployResource> resources = new ArrayList<>();
    for (Resource resource : request.getResourcesList()) {
      resources.add(
          new DeployResource(
              Protos.requireText(resource.getName(), "resource name"),
              resource.getContent().toByteArray()));
    }
    return new Commands.Deploy(resources, Commands.tenantOrDefault(request.getTenantId()));
  }

  /** The deprecated BPMN-only deployment, still sent by old clients. */
  @SuppressWarnings("deprecation")
  static Commands.Deploy deploy(DeployProcessRequest request) {
    List<DeployResource> resources = new ArrayList<>();
    for (ProcessRequestObject process : request.getProcessesList()) {
      resources.add(
          new DeployResource(
              Protos.requireText(process.getName(), "process name"),
              process.getDefinition().toByteArray()));
    }
    return new Commands.Deploy(resources, Commands.tenantOrDefault(""));
  }

  // ------------------------------------------------------------------------------------ process
  // instances

  static Commands.CreateProcessInstance creation(CreateProcessInstanceRequest request) {
    return creation(request, false, List.of(), 0);
  }

  /**
   * Awaits the instance's completion. Without a request timeout the call's own deadline (the
   * client's request timeout) bounds the wait, as in Zeebe; without either the engine's default.
   */
  static Commands.CreateProcessInstance creation(
      CreateProcessInstanceWithResultRequest request, Deadline deadline) {
    long timeout = request.getRequestTimeout();
    if (timeout <= 0 && deadline != null) {
      timeout = Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS));
    }
    return creation(request.getRequest(), true, request.getFetchVariablesList(), timeout);
  }

  private static Commands.CreateProcessInstance creation(
      CreateProcessInstanceRequest request,
      boolean await,
      List<String> fetchVariables,
      long timeoutMillis) {
    boolean byKey = request.getProcessDefinitionKey() > 0;
    if (!byKey && request.getBpmnProcessId().isBlank()) {
      throw new InvalidRequestException(
          "Expected either a process definition key or a BPMN process id, but none given");
    }
    if (request.getRuntimeInstructionsCount() > 0) {
      throw new InvalidRequestException(
          "Runtime instructions are not supported by this engine yet");
    }
    List<String> startElements =
        request.getStartInstructionsList().stream()
            .map(ProcessInstanceCreationStartInstruction::getElementId)
            .map(id -> Protos.requireText(id, "the element id of a start instruction"))
            .toList();
    return new Commands.CreateProcessInstance(
        byKey ? null : request.getBpmnProcessId(),
        byKey || request.getVersion() < 0 ? null : request.getVersion(),
        byKey ? request.getProcessDefinitionKey() : null,
        Protos.variables(request.getVariables(), "variables"),
        List.copyOf(request.getTagsList()),
        startElements,
        await,
        List.copyOf(fetchVariables),
        timeoutMillis,
        Commands.tenantOrDefault(request.getTenantId()));
  }

  static Commands.ModifyProcessInstance modification(
      io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ModifyProcessInstanceRequest request) {
    List<Commands.ActivateInstruction> activate = new java.util.ArrayList<>();
    for (var instruction : request.getActivateInstructionsList()) {
      List<Commands.VariableInstruction> variables = new java.util.ArrayList<>();
      for (var v : instruction.getVariableInstructionsList()) {
        variables.add(
            new Commands.VariableInstruction(
                Protos.variables(v.getVariables(), "variables"), v.getScopeId()));
      }
      activate.add(
          new Commands.ActivateInstruction(
              instruction.getElementId(), instruction.getAncestorElementInstanceKey(), variables));
    }
    return new Commands.ModifyProcessInstance(
        request.getProcessInstanceKey(),
        activate,
        request.getTerminateInstructionsList().stream()
            .map(t -> t.getElementInstanceKey())
            .toList());
  }

  static Commands.MigrateProcessInstance migration(
      io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MigrateProcessInstanceRequest request) {
    var plan = request.getMigrationPlan();
    return new Commands.MigrateProcessInstance(
        request.getProcessInstanceKey(),
        plan.getTargetProcessDefinitionKey(),
        plan.getMappingInstructionsList().stream()
            .map(
                m ->
                    new Commands.MappingInstruction(m.getSourceElementId(), m.getTargetElementId()))
            .toList());
  }

  static Commands.SetVariables setVariables(SetVariablesRequest request) {
    return new Commands.SetVariables(
        request.getElementInstanceKey(),
        Protos.variables(request.getVariables(), "variables"),
        request.getLocal());
  }

  // ------------------------------------------------------------------------------------ messages,
  // signals, decisions

  static Commands.PublishMessage publishMessage(PublishMessageRequest request) {
    return new Commands.PublishMessage(
        Protos.requireText(request.getName(), "the message name"),
        request.getCorrelationKey(),
        request.getTimeToLive(),
        request.getMessageId().isEmpty() ? null : request.getMessageId(),
        Protos.variables(request.getVariables(), "variables"),
        Commands.tenantOrDefault(request.getTenantId()));
  }

  static Commands.BroadcastSignal broadcastSignal(BroadcastSignalRequest request) {
    return new Commands.BroadcastSignal(
        Protos.requireText(request.getSignalName(), "the signal name"),
        Protos.variables(request.getVariables(), "variables"),
        Commands.tenantOrDefault(request.getTenantId()));
  }

  static Commands.EvaluateDecision evaluateDecision(EvaluateDecisionRequest request) {
    boolean byKey = request.getDecisionKey() > 0;
    if (!byKey && request.getDecisionId().isBlank()) {
      throw new InvalidRequestException(
          "Expected either a decision key or a decision id, but none given");
    }
    return new Commands.EvaluateDecision(
        byKey ? request.getDecisionKey() : null,
        byKey ? null : request.getDecisionId(),
        Protos.variables(request.getVariables(), "variables"),
        Commands.tenantOrDefault(request.getTenantId()));
  }

  // ------------------------------------------------------------------------------------ jobs

  /** The engine checks the request (type, maxJobsToActivate, timeout). */
  static Commands.ActivateJobs activateJobs(ActivateJobsRequest request) {
    return new Commands.ActivateJobs(
        request.getType(),
        request.getWorker(),
        request.getTimeout(),
        request.getMaxJobsToActivate(),
        List.copyOf(request.getFetchVariableList()),
        request.getRequestTimeout(),
        Commands.tenantsOrDefault(request.getTenantIdsList()));
  }

  /** The engine refuses an empty type. */
  static Commands.StreamJobs streamJobs(StreamActivatedJobsRequest request) {
    return new Commands.StreamJobs(
        request.getType(),
        request.getWorker(),
        request.getTimeout(),
        List.copyOf(request.getFetchVariableList()),
        Commands.tenantsOrDefault(request.getTenantIdsList()));
  }

  static Commands.CompleteJob completeJob(CompleteJobRequest request) {
    return new Commands.CompleteJob(
        request.getJobKey(),
        Protos.variables(request.getVariables(), "variables"),
        request.hasResult() ? jobResult(request.getResult()) : null);
  }

  /**
   * A job result: a task listener's denial or corrections ({@code userTask}, the default), or an
   * ad-hoc sub-process job's elements to activate and completion ({@code adHocSubProcess}).
   */
  private static Commands.JobResult jobResult(
      io.camunda.zeebe.gateway.protocol.GatewayOuterClass.JobResult result) {
    String type = result.hasType() && !result.getType().isBlank() ? result.getType() : null;
    if (Commands.JobResult.AD_HOC_SUB_PROCESS.equals(type)) {
      List<Commands.AdHocActivity> elements = new java.util.ArrayList<>();
      for (var element : result.getActivateElementsList()) {
        if (element.getElementId().isBlank()) {
          throw new InvalidRequestException(
              "Expected every element to activate to have an elementId, but one has none");
        }
        elements.add(
            new Commands.AdHocActivity(
                element.getElementId(),
                Protos.variables(element.getVariables(), "activateElements.variables")));
      }
      return Commands.JobResult.adHocSubProcess(
          elements,
          result.hasIsCompletionConditionFulfilled() && result.getIsCompletionConditionFulfilled(),
          result.hasIsCancelRemainingInstances() && result.getIsCancelRemainingInstances());
    }
    Commands.JobResultCorrections corrections = null;
    if (result.hasCorrections()) {
      var c = result.getCorrections();
      corrections =
          new Commands.JobResultCorrections(
              c.hasAssignee() ? c.getAssignee() : null,
              c.hasDueDate() ? c.getDueDate() : null,
              c.hasFollowUpDate() ? c.getFollowUpDate() : null,
              c.hasCandidateUsers() ? List.copyOf(c.getCandidateUsers().getValuesList()) : null,
              c.hasCandidateGroups() ? List.copyOf(c.getCandidateGroups().getValuesList()) : null,
              c.hasPriority() ? c.getPriority() : null);
    }
    return Commands.JobResult.userTask(
        type,
        result.hasDenied() && result.getDenied(),
        result.hasDeniedReason() ? result.getDeniedReason() : null,
        corrections);
  }

  static Commands.FailJob failJob(FailJobRequest request) {
    return new Commands.FailJob(
        request.getJobKey(),
        request.getRetries(),
        request.getErrorMessage(),
        request.getRetryBackOff(),
        Protos.variables(request.getVariables(), "variables"));
  }

  static Commands.ThrowError throwError(ThrowErrorRequest request) {
    return new Commands.ThrowError(
        request.getJobKey(),
        Protos.requireText(request.getErrorCode(), "the error code"),
        request.getErrorMessage(),
        Protos.variables(request.getVariables(), "variables"));
  }
}
