package io.civicflow.engine.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionRequirementsMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Deployment;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FormMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Results;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.DecisionEvaluation;
import io.civicflow.engine.api.Results.DeployedDecision;
import io.civicflow.engine.api.Results.DeployedDecisionRequirements;
import io.civicflow.engine.api.Results.DeployedForm;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.api.Results.DeployedResource;
import io.civicflow.engine.dmn.DecisionOutcome;
import io.civicflow.engine.grpc.GrpcStatuses.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * Conversions between the gateway protocol's messages and the engine's commands and results.
 * Variables travel as JSON text on the wire (an object, or empty for none), read with the REST
 * API's number rules (decimals stay exact).
 */
final class Protos {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private Protos() {}

  /** A variables document: empty text is no variables; anything but a JSON object is refused. */
  static Map<String, Object> variables(String document, String field) {
    if (document == null || document.isBlank()) {
      return Map.of();
    }
    JsonNode node;
    try {
      node = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "Property '"
              + field
              + "' is invalid: not a JSON document ("
              + e.getOriginalMessage()
              + ")");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(
          "Property '"
              + field
              + "' is invalid: expected a JSON object at the root, but it was "
              + (node == null ? "empty" : node.getNodeType()));
    }
    return JSON.convertValue(node, OBJECT);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value == null ? Map.of() : value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("engine values are JSON-compatible", e);
    }
  }

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(
          "Expected " + field + " to be a non-empty string, but it was empty");
    }
    return value;
  }

  static GatewayOuterClass.ActivatedJob job(ActivatedJob job) {
    GatewayOuterClass.ActivatedJob.Builder builder = GatewayOuterClass.ActivatedJob.newBuilder();
    if (job.userTask() != null) {
      builder.setUserTask(userTask(job.userTask()));
    }
    return builder
        .setKey(job.jobKey())
        .setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.processDefinitionVersion())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(json(job.customHeaders()))
        .setWorker(job.worker() == null ? "" : job.worker())
        .setRetries(job.retries())
        .setDeadline(job.deadline())
        .setVariables(json(job.variables()))
        .setTenantId(Commands.tenantOrDefault(job.tenantId()))
        .setKind(
            job.kind() == null
                ? GatewayOuterClass.ActivatedJob.JobKind.BPMN_ELEMENT
                : GatewayOuterClass.ActivatedJob.JobKind.valueOf(job.kind()))
        .setListenerEventType(
            job.listenerEventType() == null
                ? GatewayOuterClass.ActivatedJob.ListenerEventType.UNSPECIFIED
                : GatewayOuterClass.ActivatedJob.ListenerEventType.valueOf(job.listenerEventType()))
        .build();
  }

  private static GatewayOuterClass.UserTaskProperties userTask(
      io.civicflow.engine.api.Results.UserTaskProperties task) {
    GatewayOuterClass.UserTaskProperties.Builder builder =
        GatewayOuterClass.UserTaskProperties.newBuilder()
            .setUserTaskKey(task.userTaskKey())
            .addAllCandidateGroups(task.candidateGroups())
            .addAllCandidateUsers(task.candidateUsers())
            .addAllChangedAttributes(task.changedAttributes())
            .setPriority(task.priority());
    if (task.action() != null) {
      builder.setAction(task.action());
    }
    if (task.assignee() != null) {
      builder.setAssignee(task.assignee());
    }
    if (task.dueDate() != null) {
      builder.setDueDate(task.dueDate());
    }
    if (task.followUpDate() != null) {
      builder.setFollowUpDate(task.followUpDate());
    }
    if (task.formKey() != null) {
      builder.setFormKey(task.formKey());
    }
    return builder.build();
  }

  static Deployment deployment(DeployedResource resource) {
    Deployment.Builder deployment = Deployment.newBuilder();
    if (resource instanceof DeployedProcess p) {
      deployment.setProcess(process(p));
    } else if (resource instanceof DeployedDecision d) {
      deployment.setDecision(
          DecisionMetadata.newBuilder()
              .setDmnDecisionId(d.decisionId())
              .setDmnDecisionName(nullToEmpty(d.name()))
              .setVersion(d.version())
              .setDecisionKey(d.decisionKey())
              .setDmnDecisionRequirementsId(d.decisionRequirementsId())
              .setDecisionRequirementsKey(d.decisionRequirementsKey())
              .setTenantId(Commands.tenantOrDefault(d.tenantId())));
    } else if (resource instanceof DeployedDecisionRequirements r) {
      deployment.setDecisionRequirements(
          DecisionRequirementsMetadata.newBuilder()
              .setDmnDecisionRequirementsId(r.decisionRequirementsId())
              .setDmnDecisionRequirementsName(nullToEmpty(r.name()))
              .setVersion(r.version())
              .setDecisionRequirementsKey(r.decisionRequirementsKey())
              .setResourceName(r.resourceName())
              .setTenantId(Commands.tenantOrDefault(r.tenantId())));
    } else if (resource instanceof DeployedForm f) {
      deployment.setForm(
          FormMetadata.newBuilder()
              .setFormId(f.formId())
              .setVersion(f.version())
              .setFormKey(f.formKey())
              .setResourceName(f.resourceName())
              .setTenantId(Commands.tenantOrDefault(f.tenantId())));
    }
    return deployment.build();
  }

  static ProcessMetadata process(DeployedProcess p) {
    return ProcessMetadata.newBuilder()
        .setBpmnProcessId(p.bpmnProcessId())
        .setVersion(p.version())
        .setProcessDefinitionKey(p.processDefinitionKey())
        .setResourceName(p.resourceName())
        .setTenantId(Commands.tenantOrDefault(p.tenantId()))
        .build();
  }

  static GatewayOuterClass.EvaluateDecisionResponse decision(DecisionEvaluation e) {
    GatewayOuterClass.EvaluateDecisionResponse.Builder response =
        GatewayOuterClass.EvaluateDecisionResponse.newBuilder()
            .setDecisionKey(e.decisionKey())
            .setDecisionId(nullToEmpty(e.decisionId()))
            .setDecisionName(nullToEmpty(e.decisionName()))
            .setDecisionVersion(e.decisionVersion())
            .setDecisionRequirementsId(nullToEmpty(e.decisionRequirementsId()))
            .setDecisionRequirementsKey(e.decisionRequirementsKey())
            .setDecisionOutput(nullToEmpty(e.output()))
            .setFailedDecisionId(nullToEmpty(e.failedDecisionId()))
            .setFailureMessage(nullToEmpty(e.failureMessage()))
            .setTenantId(Commands.tenantOrDefault(e.tenantId()))
            .setDecisionInstanceKey(e.decisionEvaluationKey())
            .setDecisionEvaluationKey(e.decisionEvaluationKey());
    List<Results.EvaluatedDecision> evaluated = e.evaluatedDecisions();
    for (int i = 0; i < evaluated.size(); i++) {
      Results.EvaluatedDecision d = evaluated.get(i);
      GatewayOuterClass.EvaluatedDecision.Builder decision =
          GatewayOuterClass.EvaluatedDecision.newBuilder()
              .setDecisionKey(d.decisionKey())
              .setDecisionId(nullToEmpty(d.decisionId()))
              .setDecisionName(nullToEmpty(d.decisionName()))
              .setDecisionVersion(d.decisionVersion())
              .setDecisionType(nullToEmpty(d.decisionType()))
              .setDecisionOutput(nullToEmpty(d.output()))
              .setTenantId(Commands.tenantOrDefault(e.tenantId()))
              // the same instance key the REST API and the decision-instance search use
              .setDecisionEvaluationInstanceKey(e.decisionEvaluationKey() + "-" + (i + 1));
      for (DecisionOutcome.EvaluatedInput input : d.inputs()) {
        decision.addEvaluatedInputs(
            EvaluatedDecisionInput.newBuilder()
                .setInputId(nullToEmpty(input.inputId()))
                .setInputName(nullToEmpty(input.inputName()))
                .setInputValue(nullToEmpty(input.value())));
      }
      for (DecisionOutcome.MatchedRule rule : d.matchedRules()) {
        MatchedDecisionRule.Builder matched =
            MatchedDecisionRule.newBuilder()
                .setRuleId(nullToEmpty(rule.ruleId()))
                .setRuleIndex(rule.ruleIndex());
        for (DecisionOutcome.EvaluatedOutput output : rule.outputs()) {
          matched.addEvaluatedOutputs(
              EvaluatedDecisionOutput.newBuilder()
                  .setOutputId(nullToEmpty(output.outputId()))
                  .setOutputName(nullToEmpty(output.outputName()))
                  .setOutputValue(nullToEmpty(output.value())));
        }
        decision.addMatchedRules(matched);
      }
      response.addEvaluatedDecisions(decision);
    }
    return response.build();
  }

  // ------------------------------------------------------------------------------------ responses

  /** The single-broker cluster: one partition, led by this engine. */
  static GatewayOuterClass.TopologyResponse topology(
      Results.Topology topology, String host, int port, String gatewayVersion) {
    GatewayOuterClass.Partition partition =
        GatewayOuterClass.Partition.newBuilder()
            .setPartitionId(1)
            .setRole(GatewayOuterClass.Partition.PartitionBrokerRole.LEADER)
            .setHealth(
                topology.healthy()
                    ? GatewayOuterClass.Partition.PartitionBrokerHealth.HEALTHY
                    : GatewayOuterClass.Partition.PartitionBrokerHealth.UNHEALTHY)
            .build();
    GatewayOuterClass.BrokerInfo broker =
        GatewayOuterClass.BrokerInfo.newBuilder()
            .setNodeId(0)
            .setHost(host)
            .setPort(port)
            .addPartitions(partition)
            .setVersion(topology.version() == null ? gatewayVersion : topology.version())
            .build();
    return GatewayOuterClass.TopologyResponse.newBuilder()
        .addBrokers(broker)
        .setClusterSize(1)
        .setPartitionsCount(1)
        .setReplicationFactor(1)
        .setGatewayVersion(gatewayVersion)
        .build();
  }

  static GatewayOuterClass.DeployResourceResponse deployResource(Results.DeploymentResult result) {
    GatewayOuterClass.DeployResourceResponse.Builder response =
        GatewayOuterClass.DeployResourceResponse.newBuilder()
            .setKey(result.deploymentKey())
            .setTenantId(Commands.tenantOrDefault(result.tenantId()));
    result.resources().forEach(resource -> response.addDeployments(deployment(resource)));
    return response.build();
  }

  @SuppressWarnings("deprecation")
  static GatewayOuterClass.DeployProcessResponse deployProcess(Results.DeploymentResult result) {
    GatewayOuterClass.DeployProcessResponse.Builder response =
        GatewayOuterClass.DeployProcessResponse.newBuilder().setKey(result.deploymentKey());
    result.resources().stream()
        .filter(DeployedProcess.class::isInstance)
        .map(DeployedProcess.class::cast)
        .forEach(p -> response.addProcesses(process(p)));
    return response.build();
  }

  static GatewayOuterClass.CreateProcessInstanceResponse created(
      Results.ProcessInstanceCreated created) {
    return GatewayOuterClass.CreateProcessInstanceResponse.newBuilder()
        .setProcessDefinitionKey(created.processDefinitionKey())
        .setBpmnProcessId(created.bpmnProcessId())
        .setVersion(created.version())
        .setProcessInstanceKey(created.processInstanceKey())
        .setTenantId(Commands.tenantOrDefault(created.tenantId()))
        .addAllTags(created.tags() == null ? List.of() : created.tags())
        .build();
  }

  static GatewayOuterClass.CreateProcessInstanceWithResultResponse completed(
      Results.ProcessInstanceCreated created) {
    return GatewayOuterClass.CreateProcessInstanceWithResultResponse.newBuilder()
        .setProcessDefinitionKey(created.processDefinitionKey())
        .setBpmnProcessId(created.bpmnProcessId())
        .setVersion(created.version())
        .setProcessInstanceKey(created.processInstanceKey())
        .setVariables(json(created.variables()))
        .setTenantId(Commands.tenantOrDefault(created.tenantId()))
        .addAllTags(created.tags() == null ? List.of() : created.tags())
        .build();
  }

  static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
