package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.BatchOperationItemRecord;
import io.civicflow.engine.query.Records.BatchOperationRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/** {@code POST /v2/batch-operations/search} and {@code POST /v2/batch-operation-items/search}. */
final class BatchOperationSearches {

  private BatchOperationSearches() {}

  /** Camunda's BatchOperationResponse ({@code errors}: none, this engine has one partition). */
  public record BatchOperationResult(
      long batchOperationKey,
      String state,
      String batchOperationType,
      Instant startDate,
      Instant endDate,
      int operationsTotalCount,
      int operationsFailedCount,
      int operationsCompletedCount,
      List<Object> errors) {}

  /** Camunda's BatchOperationItemResponse. */
  public record BatchOperationItemResult(
      long batchOperationKey,
      String operationType,
      long itemKey,
      long processInstanceKey,
      String state,
      Instant processedDate,
      String errorMessage) {}

  static BatchOperationResult of(BatchOperationRecord r) {
    return new BatchOperationResult(
        r.batchOperationKey(),
        r.state(),
        r.batchOperationType(),
        WebJson.instant(r.startDate()),
        WebJson.instant(r.endDate()),
        r.operationsTotalCount(),
        r.operationsFailedCount(),
        r.operationsCompletedCount(),
        List.of());
  }

  static final SearchResource<BatchOperationRecord, BatchOperationResult> BATCHES =
      new SearchResource<>() {
        private final SearchSchema<BatchOperationRecord> schema =
            SearchSchema.<BatchOperationRecord>builder(
                    "batch-operations",
                    Comparator.comparingLong(BatchOperationRecord::batchOperationKey),
                    r -> Long.toString(r.batchOperationKey()))
                .key("batchOperationKey", BatchOperationRecord::batchOperationKey)
                .string("operationType", BatchOperationRecord::batchOperationType)
                .string("state", BatchOperationRecord::state)
                .sortable("batchOperationKey", "operationType", "state")
                .build();

        @Override
        public SearchSchema<BatchOperationRecord> schema() {
          return schema;
        }

        @Override
        public Collection<BatchOperationRecord> candidates(ReadModel readModel, JsonNode filter) {
          return readModel.batchOperations();
        }

        @Override
        public BatchOperationResult render(BatchOperationRecord r) {
          return of(r);
        }
      };

  static final SearchResource<BatchOperationItemRecord, BatchOperationItemResult> ITEMS =
      new SearchResource<>() {
        private final SearchSchema<BatchOperationItemRecord> schema =
            SearchSchema.<BatchOperationItemRecord>builder(
                    "batch-operation-items",
                    Comparator.comparingLong(BatchOperationItemRecord::batchOperationKey)
                        .thenComparingLong(BatchOperationItemRecord::itemKey),
                    r -> r.batchOperationKey() + "-" + r.itemKey())
                .key("batchOperationKey", BatchOperationItemRecord::batchOperationKey)
                .key("itemKey", BatchOperationItemRecord::itemKey)
                .key("processInstanceKey", BatchOperationItemRecord::processInstanceKey)
                .string("state", BatchOperationItemRecord::state)
                .string("operationType", BatchOperationItemRecord::operationType)
                .sortable("batchOperationKey", "itemKey", "processInstanceKey", "state")
                .build();

        @Override
        public SearchSchema<BatchOperationItemRecord> schema() {
          return schema;
        }

        @Override
        public Collection<BatchOperationItemRecord> candidates(
            ReadModel readModel, JsonNode filter) {
          OptionalLong batch = Searcher.pinnedKey(filter, "batchOperationKey");
          return batch.isPresent()
              ? readModel.batchOperationItemsOf(batch.getAsLong())
              : readModel.batchOperationItems();
        }

        @Override
        public BatchOperationItemResult render(BatchOperationItemRecord r) {
          return new BatchOperationItemResult(
              r.batchOperationKey(),
              r.operationType(),
              r.itemKey(),
              r.processInstanceKey(),
              r.state(),
              WebJson.instant(r.processedDate()),
              r.errorMessage());
        }
      };
}
