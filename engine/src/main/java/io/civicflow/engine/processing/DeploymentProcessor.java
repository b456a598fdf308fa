package io.civicflow.engine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Results.DeployedForm;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.api.Results.DeployedResource;
import io.civicflow.engine.api.Results.DeploymentProblem;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.DeploymentValidation;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.BpmnTransformer;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.model.InvalidModelException;
import io.civicflow.engine.model.ModelProblem;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EventApplier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys BPMN processes and Camunda forms. All resources are validated first; one invalid resource
 * rejects the whole deployment (INVALID_ARGUMENT naming the resource, element id and reason) and
 * nothing is written. A process or form whose content is unchanged since its latest version keeps
 * that version; changed content becomes version n+1.
 */
final class DeploymentProcessor {

  static final String KIND_FORM = "form";

  private final BpmnTransformer transformer;

  /** Unchanged BPMN is parsed and validated once (redeploys on start-up and after every purge). */
  private final io.civicflow.engine.model.ParseCache<List<ExecutableProcess>> transforms =
      new io.civicflow.engine.model.ParseCache<>(256);

  private final DecisionDeployer decisions;

  /** Executables built at deployment, reused when the event is applied (keyed by checksum + id). */
  private final Map<String, ExecutableProcess> parsed = new ConcurrentHashMap<>();

  DeploymentProcessor(BpmnTransformer transformer, DecisionDeployer decisions) {
    this.transformer = transformer;
    this.decisions = decisions;
  }

  /** For the event applier: the executable of a deployed process, parsing only when not cached. */
  ExecutableProcess executableOf(ResourceDeployed resource) {
    ExecutableProcess cached = parsed.remove(resource.checksum() + ":" + resource.id());
    if (cached != null) {
      return cached;
    }
    try {
      byte[] content = resource.content().getBytes(StandardCharsets.UTF_8);
      return transforms
          .get(content, () -> transformer.transform(resource.resourceName(), content))
          .stream()
          .filter(p -> p.bpmnProcessId().equals(resource.id()))
          .findFirst()
          .orElseThrow();
    } catch (InvalidModelException e) {
      throw new IllegalStateException("a journaled process no longer parses: " + e.getMessage(), e);
    }
  }

  /** The resources parsed and validated, or the deployment's refusal and the problems it names. */
  private record Checked(
      List<Prepared> prepared, Rejection refusal, List<DeploymentProblem> problems) {}

  private Checked check(Deploy command) {
    if (command.resources() == null || command.resources().isEmpty()) {
      return new Checked(
          List.of(),
          Rejection.invalidArgument("Expected to deploy at least one resource, but none given"),
          List.of());
    }
    List<Prepared> prepared = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<DeploymentProblem> problems = new ArrayList<>();
    for (DeployResource resource : command.resources()) {
      try {
        prepared.addAll(prepare(resource));
      } catch (InvalidModelException e) {
        errors.add(e.getMessage());
        if (e.problems().isEmpty()) {
          problems.add(new DeploymentProblem(e.resourceName(), null, null, e.getMessage()));
        }
        for (ModelProblem problem : e.problems()) {
          problems.add(
              new DeploymentProblem(
                  e.resourceName(), problem.elementId(), problem.elementType(), problem.message()));
        }
      }
    }
    if (!errors.isEmpty()) {
      return new Checked(
          prepared,
          Rejection.invalidArgument(
              "Expected to deploy new resources, but encountered the following errors:\n%s",
              String.join("\n", errors)),
          problems);
    }
    return new Checked(prepared, null, List.of());
  }

  /**
   * CivicFlow's deployment dry-run: the deployment's own validation, nothing deployed; the refusal
   * a deployment would get (null: none) and the elements it names.
   */
  Outcome<DeploymentValidation> validate(ProcessingContext ctx, Deploy command) {
    Checked checked = check(command);
    if (command.resources() == null || command.resources().isEmpty()) {
      return Outcome.rejected(checked.refusal());
    }
    return Outcome.of(
        new DeploymentValidation(
            checked.refusal() == null ? null : checked.refusal().message(), checked.problems()));
  }

  Outcome<DeploymentResult> deploy(ProcessingContext ctx, Deploy command) {
    Checked checked = check(command);
    if (checked.refusal() != null) {
      return Outcome.rejected(checked.refusal());
    }
    String tenantId = Commands.tenantOrDefault(command.tenantId());
    List<Prepared> prepared = checked.prepared();
    long deploymentKey = ctx.nextKey();
    List<DeployedResource> deployed = new ArrayList<>();
    for (Prepared p : prepared) {
      if (p.kind.equals(DecisionDeployer.KIND_DRG)) {
        deployed.addAll(
            decisions.deploy(ctx, deploymentKey, tenantId, p.name, p.checksum, p.content));
        continue;
      }
      deployed.add(
          p.kind.equals(EventApplier.KIND_PROCESS)
              ? deployProcess(ctx, deploymentKey, tenantId, p)
              : deployForm(ctx, deploymentKey, tenantId, p));
    }
    DeploymentContentsWriter.write(ctx, deploymentKey, deployed);
    return Outcome.of(new DeploymentResult(deploymentKey, tenantId, deployed));
  }

  private DeployedResource deployProcess(
      ProcessingContext ctx, long deploymentKey, String tenantId, Prepared p) {
    EngineState state = ctx.state();
    var latest = state.latestProcess(tenantId, p.id);
    if (latest.isPresent() && latest.get().checksum().equals(p.checksum)) {
      var existing = latest.get();
      return new DeployedProcess(
          existing.bpmnProcessId(),
          existing.version(),
          existing.key(),
          existing.resourceName(),
          existing.tenantId());
    }
    int version = latest.map(d -> d.version() + 1).orElse(1);
    long key = ctx.nextKey();
    parsed.put(p.checksum + ":" + p.id, p.executable);
    ctx.write(
        new ResourceDeployed(
            deploymentKey,
            EventApplier.KIND_PROCESS,
            key,
            p.id,
            version,
            p.name,
            p.checksum,
            p.content,
            tenantId));
    return new DeployedProcess(p.id, version, key, p.name, tenantId);
  }

  private DeployedResource deployForm(
      ProcessingContext ctx, long deploymentKey, String tenantId, Prepared p) {
    var latest = ctx.state().latestResource(tenantId, KIND_FORM, p.id);
    if (latest.isPresent() && latest.get().checksum().equals(p.checksum)) {
      var existing = latest.get();
      return new DeployedForm(
          existing.id(),
          existing.version(),
          existing.key(),
          existing.resourceName(),
          existing.tenantId());
    }
    int version = latest.map(d -> d.version() + 1).orElse(1);
    long key = ctx.nextKey();
    ctx.write(
        new ResourceDeployed(
            deploymentKey, KIND_FORM, key, p.id, version, p.name, p.checksum, p.content, tenantId));
    return new DeployedForm(p.id, version, key, p.name, tenantId);
  }

  private record Prepared(
      String kind,
      String id,
      String name,
      String checksum,
      String content,
      ExecutableProcess executable) {}

  private List<Prepared> prepare(DeployResource resource) throws InvalidModelException {
    String name = resource.name() == null ? "resource" : resource.name();
    byte[] bytes = resource.content() == null ? new byte[0] : resource.content();
    String lower = name.toLowerCase();
    if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml") || lower.endsWith(".xml")) {
      String content = new String(bytes, StandardCharsets.UTF_8);
      List<Prepared> result = new ArrayList<>();
      for (ExecutableProcess process :
          transforms.get(bytes, () -> transformer.transform(name, bytes))) {
        result.add(
            new Prepared(
                EventApplier.KIND_PROCESS,
                process.bpmnProcessId(),
                name,
                checksum(bytes),
                content,
                process));
      }
      return result;
    }
    if (lower.endsWith(".form")) {
      JsonNode schema;
      try {
        schema = Json.VALUES.readTree(bytes);
      } catch (java.io.IOException e) {
        throw new InvalidModelException(name, "is not a JSON form schema: " + e.getMessage());
      }
      if (schema == null
          || !schema.isObject()
          || !schema.path("id").isTextual()
          || schema.path("id").asText().isBlank()) {
        throw new InvalidModelException(
            name, "a form schema must be a JSON object with a non-empty \"id\"");
      }
      return List.of(
          new Prepared(
              KIND_FORM,
              schema.path("id").asText(),
              name,
              checksum(bytes),
              new String(bytes, StandardCharsets.UTF_8),
              null));
    }
    if (lower.endsWith(".dmn")) {
      String checksum = checksum(bytes);
      String id = decisions.prepare(name, bytes, checksum);
      return List.of(
          new Prepared(
              DecisionDeployer.KIND_DRG,
              id,
              name,
              checksum,
              new String(bytes, StandardCharsets.UTF_8),
              null));
    }
    throw new InvalidModelException(
        name, "unsupported resource type: expected a .bpmn, .dmn or .form file");
  }

  private static String checksum(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
