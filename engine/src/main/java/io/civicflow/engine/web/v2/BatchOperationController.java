package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.civicflow.engine.api.Commands.BatchChange;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.BatchPlan;
import io.civicflow.engine.api.Commands.ChangeBatchOperation;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.MappingInstruction;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.IncidentState;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.BatchOperationSearches.BatchOperationItemResult;
import io.civicflow.engine.web.v2.BatchOperationSearches.BatchOperationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Camunda's batch operations: cancel, migrate or modify process instances, resolve their incidents;
 * suspend, resume or cancel a batch. The filter (a ProcessInstanceFilter, over the instances the
 * caller may read) is resolved once, when the batch is created, into its items; they then run one
 * by one, each as its single command would.
 */
@RestController
public class BatchOperationController {

  private final EngineApi engine;

  public BatchOperationController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  /** Camunda's ProcessInstance…BatchOperationRequest: a process instance {@code filter}. */
  public record BatchOperationRequest(JsonNode filter) {}

  /** Camunda's ProcessInstanceMigrationBatchOperationRequest. */
  public record MigrationBatchRequest(JsonNode filter, MigrationPlan migrationPlan) {}

  /** Camunda's ProcessInstanceMigrationBatchOperationPlan. */
  public record MigrationPlan(
      Long targetProcessDefinitionKey,
      List<ProcessInstanceController.MappingInstruction> mappingInstructions) {}

  /** Camunda's ProcessInstanceModificationBatchOperationRequest. */
  public record ModificationBatchRequest(JsonNode filter, List<MoveInstruction> moveInstructions) {}

  /** Camunda's ProcessInstanceModificationMoveBatchOperationInstruction. */
  public record MoveInstruction(String sourceElementId, String targetElementId) {}

  /** Camunda's BatchOperationCreatedResult. */
  public record BatchOperationCreatedResult(long batchOperationKey, String batchOperationType) {}

  @PostMapping("/v2/process-instances/cancellation")
  public BatchOperationCreatedResult cancel(@RequestBody BatchOperationRequest body) {
    List<BatchItem> items = new ArrayList<>();
    for (ProcessInstanceRecord instance : instances(body)) {
      items.add(new BatchItem(instance.processInstanceKey(), instance.processInstanceKey(), null));
    }
    return create("CANCEL_PROCESS_INSTANCE", items);
  }

  @PostMapping("/v2/process-instances/incident-resolution")
  public BatchOperationCreatedResult resolveIncidents(@RequestBody BatchOperationRequest body) {
    Set<Long> selected =
        instances(body).stream()
            .map(ProcessInstanceRecord::processInstanceKey)
            .collect(Collectors.toSet());
    List<BatchItem> items = new ArrayList<>();
    engine.readModel().incidents().stream()
        .filter(i -> i.state() == IncidentState.ACTIVE)
        .filter(i -> selected.contains(i.processInstanceKey()))
        .sorted(Comparator.comparingLong(IncidentRecord::incidentKey))
        .forEach(i -> items.add(new BatchItem(i.incidentKey(), i.processInstanceKey(), null)));
    return create("RESOLVE_INCIDENT", items);
  }

  /**
   * Migrates the active instances the filter selects (a {@code state} in the filter is replaced by
   * ACTIVE, as Camunda does), each as its single migration would.
   */
  @PostMapping("/v2/process-instances/migration")
  public BatchOperationCreatedResult migrate(@RequestBody MigrationBatchRequest body) {
    MigrationPlan plan = Requests.require(body.migrationPlan(), "migrationPlan");
    Long target = Requests.require(plan.targetProcessDefinitionKey(), "targetProcessDefinitionKey");
    List<MappingInstruction> mappings = new ArrayList<>();
    for (var m : Requests.require(plan.mappingInstructions(), "mappingInstructions")) {
      mappings.add(
          new MappingInstruction(
              Requests.requireText(m.sourceElementId(), "sourceElementId"),
              Requests.requireText(m.targetElementId(), "targetElementId")));
    }
    return create(
        "MIGRATE_PROCESS_INSTANCE",
        activeInstanceItems(body.filter()),
        new BatchPlan(target, mappings, null));
  }

  /**
   * Moves the tokens of the active instances the filter selects: each active instance of a source
   * element is terminated and the target activated in its place.
   */
  @PostMapping("/v2/process-instances/modification")
  public BatchOperationCreatedResult modify(@RequestBody ModificationBatchRequest body) {
    List<MappingInstruction> moves = new ArrayList<>();
    for (MoveInstruction m : Requests.require(body.moveInstructions(), "moveInstructions")) {
      moves.add(
          new MappingInstruction(
              Requests.requireText(m.sourceElementId(), "sourceElementId"),
              Requests.requireText(m.targetElementId(), "targetElementId")));
    }
    if (moves.isEmpty()) {
      throw EngineRejection.invalidArgument("No moveInstructions provided");
    }
    return create(
        "MODIFY_PROCESS_INSTANCE",
        activeInstanceItems(body.filter()),
        new BatchPlan(null, null, moves));
  }

  @PostMapping("/v2/batch-operations/{batchOperationKey}/suspension")
  public ResponseEntity<Void> suspend(@PathVariable long batchOperationKey) {
    return change(batchOperationKey, BatchChange.SUSPENSION);
  }

  @PostMapping("/v2/batch-operations/{batchOperationKey}/resumption")
  public ResponseEntity<Void> resume(@PathVariable long batchOperationKey) {
    return change(batchOperationKey, BatchChange.RESUMPTION);
  }

  @PostMapping("/v2/batch-operations/{batchOperationKey}/cancellation")
  public ResponseEntity<Void> cancelBatch(@PathVariable long batchOperationKey) {
    return change(batchOperationKey, BatchChange.CANCELLATION);
  }

  /** 404 for a batch the engine never had; the engine refuses one no longer running (409). */
  private ResponseEntity<Void> change(long batchOperationKey, BatchChange change) {
    if (engine.readModel().batchOperation(batchOperationKey).isEmpty()) {
      throw notFound(batchOperationKey);
    }
    return Answers.noContent(
        engine.changeBatchOperation(new ChangeBatchOperation(batchOperationKey, change)));
  }

  private static EngineRejection notFound(long batchOperationKey) {
    return EngineRejection.notFound("Batch operation with key '%d' not found", batchOperationKey);
  }

  @GetMapping("/v2/batch-operations/{batchOperationKey}")
  public BatchOperationResult get(@PathVariable long batchOperationKey) {
    return BatchOperationSearches.of(
        engine
            .readModel()
            .batchOperation(batchOperationKey)
            .orElseThrow(() -> notFound(batchOperationKey)));
  }

  @PostMapping("/v2/batch-operations/search")
  public SearchResult<BatchOperationResult> search(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(BatchOperationSearches.BATCHES, query, engine.readModel());
  }

  @PostMapping("/v2/batch-operation-items/search")
  public SearchResult<BatchOperationItemResult> searchItems(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(BatchOperationSearches.ITEMS, query, engine.readModel());
  }

  private BatchOperationCreatedResult create(String type, List<BatchItem> items) {
    return create(type, items, null);
  }

  private BatchOperationCreatedResult create(String type, List<BatchItem> items, BatchPlan plan) {
    long key =
        Answers.await(engine.createBatchOperation(new CreateBatchOperation(type, items, plan)));
    return new BatchOperationCreatedResult(key, type);
  }

  /** The active instances the filter selects: its {@code state}, if any, replaced by ACTIVE. */
  private List<BatchItem> activeInstanceItems(JsonNode filter) {
    ObjectNode active =
        filter instanceof ObjectNode object
            ? object.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    active.put("state", "ACTIVE");
    List<BatchItem> items = new ArrayList<>();
    for (ProcessInstanceRecord instance : instances(active)) {
      items.add(new BatchItem(instance.processInstanceKey(), instance.processInstanceKey(), null));
    }
    return items;
  }

  /** The instances the filter selects, as the process instance search would find them. */
  private List<ProcessInstanceRecord> instances(BatchOperationRequest body) {
    return instances(body == null ? null : body.filter());
  }

  private List<ProcessInstanceRecord> instances(JsonNode filter) {
    ReadModel readModel = engine.readModel();
    ProcessInstanceSearch search = ProcessInstanceSearch.INSTANCE;
    Predicate<ProcessInstanceRecord> matches = search.schema().filter(filter, readModel);
    return search.candidates(readModel, filter).stream()
        .filter(matches)
        .sorted(Comparator.comparingLong(ProcessInstanceRecord::processInstanceKey))
        .toList();
  }
}
