package io.civicflow.engine.web.v2;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.Results.DeployedDecision;
import io.civicflow.engine.api.Results.DeployedDecisionRequirements;
import io.civicflow.engine.api.Results.DeployedForm;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.api.Results.DeployedResource;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.web.auth.CallerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v2/deployments}: {@code multipart/form-data} with one or more {@code resources} file
 * parts (the file name decides the kind: .bpmn, .dmn, .form) and an optional {@code tenantId} text
 * part. The Java client sends {@code multipart/form-data; charset=ISO-8859-1; boundary=…}.
 */
@RestController
@RequestMapping("/v2")
public class DeploymentController {

  private final EngineApi engine;

  public DeploymentController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  public record DeploymentResponse(
      long deploymentKey, String tenantId, List<Deployment> deployments) {}

  /** Exactly one field is set per deployed resource. */
  public record Deployment(
      ProcessDefinition processDefinition,
      DecisionDefinition decisionDefinition,
      DecisionRequirements decisionRequirements,
      Form form) {}

  public record ProcessDefinition(
      String processDefinitionId,
      int processDefinitionVersion,
      String resourceName,
      String tenantId,
      long processDefinitionKey) {}

  public record DecisionDefinition(
      String decisionDefinitionId,
      int version,
      String name,
      String tenantId,
      String decisionRequirementsId,
      long decisionDefinitionKey,
      long decisionRequirementsKey) {}

  public record DecisionRequirements(
      String decisionRequirementsId,
      int version,
      String decisionRequirementsName,
      String tenantId,
      String resourceName,
      long decisionRequirementsKey) {}

  public record Form(
      String formId, int version, String resourceName, String tenantId, long formKey) {}

  /**
   * Camunda's DeleteResource: a process definition, form or decision requirements graph; 200 with
   * an empty body (Camunda 8.8's schema leaves the body open; its Java client reads none).
   */
  @PostMapping("/resources/{resourceKey}/deletion")
  public org.springframework.http.ResponseEntity<Void> deleteResource(
      @org.springframework.web.bind.annotation.PathVariable long resourceKey,
      @org.springframework.web.bind.annotation.RequestBody(required = false)
          Requests.OperationReference body) {
    Answers.await(engine.deleteResource(resourceKey));
    return org.springframework.http.ResponseEntity.ok().build();
  }

  @PostMapping("/deployments")
  public DeploymentResponse deploy(
      @RequestPart("resources") List<MultipartFile> resources,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    return render(Answers.await(engine.deploy(deployment(resources, tenantId))));
  }

  /**
   * CivicFlow's answer to a deployment dry-run: {@code deployable}, else {@code detail} — the
   * deployment's refusal word for word — and the {@code problems} it names, one per element.
   */
  public record DeploymentDryRunResult(
      boolean deployable, String detail, List<DeploymentProblem> problems) {}

  public record DeploymentProblem(
      String resourceName, String elementId, String elementType, String message) {}

  /**
   * CivicFlow's deployment dry-run: the parts of a deployment, validated as the deployment
   * validates them, nothing deployed. 200 with the verdict; no resources is 400 and a caller who
   * may not deploy 403, as for the deployment itself.
   */
  @PostMapping("/deployments/dry-run")
  public DeploymentDryRunResult dryRunDeployment(
      @RequestPart("resources") List<MultipartFile> resources,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    var validation = Answers.await(engine.dryRunDeployment(deployment(resources, tenantId)));
    List<DeploymentProblem> problems = new ArrayList<>();
    for (var p : validation.problems()) {
      problems.add(
          new DeploymentProblem(p.resourceName(), p.elementId(), p.elementType(), p.message()));
    }
    return new DeploymentDryRunResult(validation.refusal() == null, validation.refusal(), problems);
  }

  private static Deploy deployment(List<MultipartFile> resources, String tenantId) {
    if (resources.isEmpty()) {
      throw EngineRejection.invalidArgument("No resources provided.");
    }
    List<DeployResource> files = new ArrayList<>(resources.size());
    for (MultipartFile resource : resources) {
      String name = resource.getOriginalFilename();
      if (name == null || name.isBlank()) {
        throw EngineRejection.invalidArgument("Every resource part needs a filename.");
      }
      files.add(new DeployResource(name, bytes(resource)));
    }
    return new Deploy(files, Commands.tenantOrDefault(tenantId));
  }

  static DeploymentResponse render(DeploymentResult result) {
    List<Deployment> deployments = new ArrayList<>();
    for (DeployedResource resource : result.resources()) {
      deployments.add(render(resource));
    }
    return new DeploymentResponse(result.deploymentKey(), result.tenantId(), deployments);
  }

  private static Deployment render(DeployedResource resource) {
    if (resource instanceof DeployedProcess p) {
      return new Deployment(
          new ProcessDefinition(
              p.bpmnProcessId(),
              p.version(),
              p.resourceName(),
              p.tenantId(),
              p.processDefinitionKey()),
          null,
          null,
          null);
    }
    if (resource instanceof DeployedDecision d) {
      return new Deployment(
          null,
          new DecisionDefinition(
              d.decisionId(),
              d.version(),
              d.name(),
              d.tenantId(),
              d.decisionRequirementsId(),
              d.decisionKey(),
              d.decisionRequirementsKey()),
          null,
          null);
    }
    if (resource instanceof DeployedDecisionRequirements r) {
      return new Deployment(
          null,
          null,
          new DecisionRequirements(
              r.decisionRequirementsId(),
              r.version(),
              r.name(),
              r.tenantId(),
              r.resourceName(),
              r.decisionRequirementsKey()),
          null);
    }
    DeployedForm f = (DeployedForm) resource;
    return new Deployment(
        null,
        null,
        null,
        new Form(f.formId(), f.version(), f.resourceName(), f.tenantId(), f.formKey()));
  }

  private static byte[] bytes(MultipartFile resource) {
    try {
      return resource.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read resource " + resource.getOriginalFilename(), e);
    }
  }
}
