package io.civicflow.engine.processing;

import io.civicflow.engine.api.Results.DeployedDecision;
import io.civicflow.engine.api.Results.DeployedDecisionRequirements;
import io.civicflow.engine.api.Results.DeployedForm;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.api.Results.DeployedResource;
import io.civicflow.engine.event.EngineEvent.DeploymentContents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records which resource versions a deployment contained, unchanged ones included, so that the
 * {@code deployment} binding type (forms, decisions) finds "the version deployed together with the
 * process" even when that form was already deployed with identical content before. Written only for
 * deployments that contain forms or decisions (a processes-only deployment links nothing).
 */
final class DeploymentContentsWriter {

  private DeploymentContentsWriter() {}

  static void write(ProcessingContext ctx, long deploymentKey, List<DeployedResource> deployed) {
    Map<String, Long> contents = new LinkedHashMap<>();
    for (DeployedResource resource : deployed) {
      if (resource instanceof DeployedProcess p) {
        contents.put("process:" + p.bpmnProcessId(), p.processDefinitionKey());
      } else if (resource instanceof DeployedForm f) {
        contents.put(DeploymentProcessor.KIND_FORM + ":" + f.formId(), f.formKey());
      } else if (resource instanceof DeployedDecision d) {
        contents.put(DecisionDeployer.KIND_DECISION + ":" + d.decisionId(), d.decisionKey());
      } else if (resource instanceof DeployedDecisionRequirements r) {
        contents.put(
            DecisionDeployer.KIND_DRG + ":" + r.decisionRequirementsId(),
            r.decisionRequirementsKey());
      }
    }
    boolean linksResources = deployed.stream().anyMatch(r -> !(r instanceof DeployedProcess));
    if (linksResources) {
      ctx.write(new DeploymentContents(deploymentKey, contents));
    }
  }
}
