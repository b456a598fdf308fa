package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Camunda's batch operations: cancel process instances, resolve their incidents. The filter (a
 * ProcessInstanceFilter, over the instances the caller may read) is resolved once, when the batch
 * is created, into its items; they then run one by one, each as its single command would.
 */
@RestController
public class BatchOperationController {

  private final EngineApi engine;

  public BatchOperationController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  /** Camunda's ProcessInstance…BatchOperationRequest: a process instance {@code filter}. */
  public record BatchOperationRequest(JsonNode filter) {}

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

  @GetMapping("/v2/batch-operations/{batchOperationKey}")
  public BatchOperationResult get(@PathVariable long batchOperationKey) {
    return BatchOperationSearches.of(
        engine
            .readModel()
            .batchOperation(batchOperationKey)
            .orElseThrow(
                () ->
                    EngineRejection.notFound(
                        "Batch operation with key '%d' not found", batchOperationKey)));
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
    long key = Answers.await(engine.createBatchOperation(new CreateBatchOperation(type, items)));
    return new BatchOperationCreatedResult(key, type);
  }

  /** The instances the filter selects, as the process instance search would find them. */
  private List<ProcessInstanceRecord> instances(BatchOperationRequest body) {
    JsonNode filter = body == null ? null : body.filter();
    ReadModel readModel = engine.readModel();
    ProcessInstanceSearch search = ProcessInstanceSearch.INSTANCE;
    Predicate<ProcessInstanceRecord> matches = search.schema().filter(filter, readModel);
    return search.candidates(readModel, filter).stream()
        .filter(matches)
        .sorted(Comparator.comparingLong(ProcessInstanceRecord::processInstanceKey))
        .toList();
  }
}
