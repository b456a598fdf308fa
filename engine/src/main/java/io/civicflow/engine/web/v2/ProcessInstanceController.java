package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.ProcessInstanceSearch.ProcessInstanceResult;
import io.civicflow.engine.web.v2.Requests.OperationReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Creating, cancelling, searching and reading process instances. */
@RestController
@RequestMapping("/v2/process-instances")
public class ProcessInstanceController {

  /**
   * How long the web layer waits for an awaited instance when the request leaves it to the engine.
   */
  static final Duration DEFAULT_AWAIT = Duration.ofMinutes(5);

  /** Safety net for plain commands, which the engine answers as soon as they are journaled. */
  private final EngineApi engine;

  public ProcessInstanceController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  /** Camunda's ProcessInstanceCreationInstruction (by id and version, or by key). */
  public record ProcessInstanceCreationInstruction(
      String processDefinitionId,
      Integer processDefinitionVersion,
      Long processDefinitionKey,
      Map<String, Object> variables,
      String tenantId,
      List<String> tags,
      Long operationReference,
      List<StartInstruction> startInstructions,
      List<JsonNode> runtimeInstructions,
      Boolean awaitCompletion,
      List<String> fetchVariables,
      Long requestTimeout) {}

  public record StartInstruction(String elementId) {}

  /** Camunda's ProcessInstanceMigrationInstruction. */
  public record ProcessInstanceMigrationInstruction(
      Long targetProcessDefinitionKey,
      List<MappingInstruction> mappingInstructions,
      Long operationReference) {}

  public record MappingInstruction(String sourceElementId, String targetElementId) {}

  /** Camunda's ProcessInstanceModificationInstruction. */
  public record ProcessInstanceModificationInstruction(
      List<ActivateInstruction> activateInstructions,
      List<TerminateInstruction> terminateInstructions,
      Long operationReference) {}

  public record ActivateInstruction(
      String elementId,
      Long ancestorElementInstanceKey,
      List<VariableInstruction> variableInstructions) {}

  public record VariableInstruction(Map<String, Object> variables, String scopeId) {}

  public record TerminateInstruction(Long elementInstanceKey) {}

  /**
   * Camunda's CreateProcessInstanceResult; {@code variables} (required by Camunda's schema) are the
   * awaited instance's, empty for a plain creation.
   */
  public record CreateProcessInstanceResult(
      String processDefinitionId,
      int processDefinitionVersion,
      String tenantId,
      Map<String, Object> variables,
      long processDefinitionKey,
      long processInstanceKey,
      List<String> tags) {}

  public record SequenceFlowResult(
      String sequenceFlowId,
      long processInstanceKey,
      long processDefinitionKey,
      String processDefinitionId,
      String elementId,
      String tenantId) {}

  public record SequenceFlowsResult(List<SequenceFlowResult> items) {}

  /**
   * Answers a plain creation on the request thread ({@link Answers}: one servlet dispatch) with a
   * {@link CreateProcessInstanceResult}, an awaited one asynchronously (a {@link DeferredResult}),
   * as it may wait for minutes. Hence the declared {@code Object}: Spring MVC picks the return
   * value handler by the type of the value returned.
   */
  @PostMapping
  public Object create(@RequestBody ProcessInstanceCreationInstruction body) {
    boolean byId = body.processDefinitionId() != null && !body.processDefinitionId().isBlank();
    if (byId == (body.processDefinitionKey() != null)) {
      throw EngineRejection.invalidArgument(
          byId
              ? "Only one of [processDefinitionId, processDefinitionKey] is allowed."
              : "At least one of [processDefinitionId, processDefinitionKey] is required.");
    }
    if (!Requests.list(body.runtimeInstructions()).isEmpty()) {
      // TODO(core): Commands.CreateProcessInstance has no runtime instructions yet
      throw EngineRejection.invalidArgument(
          "runtimeInstructions are not supported by this engine yet.");
    }
    Integer version = body.processDefinitionVersion();
    boolean await = Boolean.TRUE.equals(body.awaitCompletion());
    long requestTimeout = body.requestTimeout() == null ? 0 : body.requestTimeout();
    List<String> startElements = new ArrayList<>();
    for (StartInstruction instruction : Requests.list(body.startInstructions())) {
      startElements.add(
          Requests.requireText(
              instruction == null ? null : instruction.elementId(), "startInstructions.elementId"));
    }
    CreateProcessInstance command =
        new CreateProcessInstance(
            byId ? body.processDefinitionId() : null,
            version == null || version < 0 ? null : version,
            body.processDefinitionKey(),
            Requests.variables(body.variables()),
            Requests.list(body.tags()),
            startElements,
            await,
            Requests.list(body.fetchVariables()),
            requestTimeout,
            Commands.tenantOrDefault(body.tenantId()));
    if (!await) {
      return render(Answers.await(engine.createProcessInstance(command)));
    }
    Duration wait = requestTimeout > 0 ? Duration.ofMillis(requestTimeout) : DEFAULT_AWAIT;
    return Deferred.of(
        engine.createProcessInstance(command),
        wait,
        ProcessInstanceController::render,
        () -> Deferred.deadlineExceeded("The process instance creation"),
        Deferred::ignoreLate);
  }

  @PostMapping("/{processInstanceKey}/cancellation")
  public ResponseEntity<Void> cancel(
      @PathVariable long processInstanceKey,
      @RequestBody(required = false) OperationReference body) {
    return Answers.noContent(engine.cancelProcessInstance(processInstanceKey));
  }

  @PostMapping("/{processInstanceKey}/migration")
  public ResponseEntity<Void> migrate(
      @PathVariable long processInstanceKey,
      @RequestBody ProcessInstanceMigrationInstruction body) {
    return Answers.noContent(engine.migrateProcessInstance(migration(processInstanceKey, body)));
  }

  /**
   * CivicFlow's answer to a migration dry-run: whether the migration would be done, else the
   * refusal it would get (its {@code RejectionType} name and reason).
   */
  public record MigrationDryRunResult(
      long processInstanceKey, boolean migratable, String rejectionType, String detail) {}

  /**
   * CivicFlow's migration dry-run: the body of a migration, checked by the migration's own rules
   * and authorization, nothing changed. 200 with the verdict; a malformed body is 400 and a caller
   * without the migration's permission 403, as for the migration itself.
   */
  @PostMapping("/{processInstanceKey}/migration/dry-run")
  public MigrationDryRunResult dryRunMigration(
      @PathVariable long processInstanceKey,
      @RequestBody ProcessInstanceMigrationInstruction body) {
    Commands.MigrateProcessInstance command =
        migration(processInstanceKey, body); // 400 if malformed
    try {
      Answers.await(engine.dryRunMigration(command));
      return new MigrationDryRunResult(processInstanceKey, true, null, null);
    } catch (EngineRejection refused) {
      if (refused.type() == io.civicflow.engine.api.RejectionType.FORBIDDEN
          || refused.type() == io.civicflow.engine.api.RejectionType.UNAUTHORIZED) {
        throw refused;
      }
      return new MigrationDryRunResult(
          processInstanceKey, false, refused.type().name(), refused.getMessage());
    }
  }

  private static Commands.MigrateProcessInstance migration(
      long processInstanceKey, ProcessInstanceMigrationInstruction body) {
    Long target = Requests.require(body.targetProcessDefinitionKey(), "targetProcessDefinitionKey");
    List<Commands.MappingInstruction> mappings = new ArrayList<>();
    for (MappingInstruction m :
        Requests.require(body.mappingInstructions(), "mappingInstructions")) {
      mappings.add(
          new Commands.MappingInstruction(
              Requests.requireText(m.sourceElementId(), "sourceElementId"),
              Requests.requireText(m.targetElementId(), "targetElementId")));
    }
    return new Commands.MigrateProcessInstance(processInstanceKey, target, mappings);
  }

  @PostMapping("/{processInstanceKey}/modification")
  public ResponseEntity<Void> modify(
      @PathVariable long processInstanceKey,
      @RequestBody ProcessInstanceModificationInstruction body) {
    List<Commands.ActivateInstruction> activate = new ArrayList<>();
    for (ActivateInstruction a : Requests.list(body.activateInstructions())) {
      List<Commands.VariableInstruction> variables = new ArrayList<>();
      for (VariableInstruction v : Requests.list(a.variableInstructions())) {
        variables.add(
            new Commands.VariableInstruction(
                Requests.require(v.variables(), "variables"), v.scopeId()));
      }
      activate.add(
          new Commands.ActivateInstruction(
              Requests.requireText(a.elementId(), "elementId"),
              a.ancestorElementInstanceKey(),
              variables));
    }
    List<Long> terminate = new ArrayList<>();
    for (TerminateInstruction t : Requests.list(body.terminateInstructions())) {
      terminate.add(Requests.require(t.elementInstanceKey(), "elementInstanceKey"));
    }
    return Answers.noContent(
        engine.modifyProcessInstance(
            new Commands.ModifyProcessInstance(processInstanceKey, activate, terminate)));
  }

  @PostMapping("/search")
  public SearchResult<ProcessInstanceResult> search(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(ProcessInstanceSearch.INSTANCE, query, engine.readModel());
  }

  @GetMapping("/{processInstanceKey}")
  public ProcessInstanceResult get(@PathVariable long processInstanceKey) {
    return ProcessInstanceSearch.of(
        AuthorizedReadModel.get(
            engine.readModel(),
            model -> model.processInstance(processInstanceKey),
            () ->
                EngineRejection.notFound(
                    "Process instance with key '%d' not found", processInstanceKey)));
  }

  /**
   * The sequence flows taken in an instance, each flow once ({@code sequenceFlowId} is {@code
   * <processInstanceKey>_<flowId>}, {@code elementId} the BPMN flow id). Used by CPT's coverage.
   */
  @GetMapping("/{processInstanceKey}/sequence-flows")
  public SequenceFlowsResult sequenceFlows(@PathVariable long processInstanceKey) {
    Set<String> seen = new LinkedHashSet<>();
    List<SequenceFlowResult> items = new ArrayList<>();
    for (SequenceFlowRecord flow : engine.readModel().sequenceFlowsOf(processInstanceKey)) {
      if (seen.add(flow.sequenceFlowId())) {
        items.add(
            new SequenceFlowResult(
                flow.processInstanceKey() + "_" + flow.sequenceFlowId(),
                flow.processInstanceKey(),
                flow.processDefinitionKey(),
                flow.bpmnProcessId(),
                flow.sequenceFlowId(),
                flow.tenantId()));
      }
    }
    return new SequenceFlowsResult(items);
  }

  static CreateProcessInstanceResult render(ProcessInstanceCreated created) {
    return new CreateProcessInstanceResult(
        created.bpmnProcessId(),
        created.version(),
        created.tenantId(),
        Requests.variables(created.variables()),
        created.processDefinitionKey(),
        created.processInstanceKey(),
        Requests.list(created.tags()));
  }
}
