package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/**
 * {@code POST /v2/correlated-message-subscriptions/search}: the history of correlations (one item
 * per message correlated to a subscription). The engine has one partition, so {@code partitionId}
 * is 1.
 */
public final class CorrelatedMessageSubscriptionSearch
    implements SearchResource<
        CorrelatedMessageSubscriptionRecord,
        CorrelatedMessageSubscriptionSearch.CorrelatedMessageSubscriptionResult> {

  static final int PARTITION_ID = 1;

  /** Camunda's CorrelatedMessageSubscriptionResult. */
  public record CorrelatedMessageSubscriptionResult(
      String correlationKey,
      Instant correlationTime,
      String elementId,
      Long elementInstanceKey,
      long messageKey,
      String messageName,
      int partitionId,
      String processDefinitionId,
      long processDefinitionKey,
      long processInstanceKey,
      long subscriptionKey,
      String tenantId) {}

  public static final CorrelatedMessageSubscriptionSearch INSTANCE =
      new CorrelatedMessageSubscriptionSearch();

  private static final SearchSchema<CorrelatedMessageSubscriptionRecord> SCHEMA =
      SearchSchema.<CorrelatedMessageSubscriptionRecord>builder(
              "correlated-message-subscriptions",
              Comparator.comparingLong(CorrelatedMessageSubscriptionRecord::messageKey)
                  .thenComparingLong(CorrelatedMessageSubscriptionRecord::subscriptionKey),
              r -> r.subscriptionKey() + "-" + r.messageKey())
          .string("correlationKey", CorrelatedMessageSubscriptionRecord::correlationKey)
          .date("correlationTime", CorrelatedMessageSubscriptionRecord::correlationTime)
          .string("elementId", CorrelatedMessageSubscriptionRecord::elementId)
          .key("elementInstanceKey", CorrelatedMessageSubscriptionRecord::elementInstanceKey)
          .key("messageKey", CorrelatedMessageSubscriptionRecord::messageKey)
          .string("messageName", CorrelatedMessageSubscriptionRecord::messageName)
          .integer("partitionId", r -> PARTITION_ID)
          .string("processDefinitionId", CorrelatedMessageSubscriptionRecord::bpmnProcessId)
          .key("processDefinitionKey", CorrelatedMessageSubscriptionRecord::processDefinitionKey)
          .key("processInstanceKey", CorrelatedMessageSubscriptionRecord::processInstanceKey)
          .key("subscriptionKey", CorrelatedMessageSubscriptionRecord::subscriptionKey)
          .string("tenantId", CorrelatedMessageSubscriptionRecord::tenantId)
          .sortable(
              "correlationKey",
              "correlationTime",
              "elementId",
              "elementInstanceKey",
              "messageKey",
              "messageName",
              "partitionId",
              "processDefinitionId",
              "processDefinitionKey",
              "processInstanceKey",
              "subscriptionKey",
              "tenantId")
          .build();

  @Override
  public SearchSchema<CorrelatedMessageSubscriptionRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<CorrelatedMessageSubscriptionRecord> candidates(
      ReadModel readModel, JsonNode filter) {
    return readModel.correlatedMessageSubscriptions();
  }

  @Override
  public CorrelatedMessageSubscriptionResult render(CorrelatedMessageSubscriptionRecord r) {
    return new CorrelatedMessageSubscriptionResult(
        r.correlationKey(),
        WebJson.instant(r.correlationTime()),
        r.elementId(),
        r.elementInstanceKey(),
        r.messageKey(),
        r.messageName(),
        PARTITION_ID,
        r.bpmnProcessId(),
        r.processDefinitionKey(),
        r.processInstanceKey(),
        r.subscriptionKey(),
        r.tenantId());
  }
}
