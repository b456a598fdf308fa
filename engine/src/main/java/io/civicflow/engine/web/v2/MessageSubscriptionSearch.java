package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/** {@code POST /v2/message-subscriptions/search}: Camunda's MessageSubscriptionFilter. */
public final class MessageSubscriptionSearch
    implements SearchResource<
        MessageSubscriptionRecord, MessageSubscriptionSearch.MessageSubscriptionResult> {

  /** Camunda's MessageSubscriptionResult. */
  public record MessageSubscriptionResult(
      long messageSubscriptionKey,
      String processDefinitionId,
      long processDefinitionKey,
      Long processInstanceKey,
      String elementId,
      Long elementInstanceKey,
      String messageSubscriptionState,
      Instant lastUpdatedDate,
      String messageName,
      String correlationKey,
      String tenantId) {}

  public static final MessageSubscriptionSearch INSTANCE = new MessageSubscriptionSearch();

  private static final SearchSchema<MessageSubscriptionRecord> SCHEMA =
      SearchSchema.<MessageSubscriptionRecord>builder(
              "message-subscriptions",
              Comparator.comparingLong(MessageSubscriptionRecord::messageSubscriptionKey),
              r -> Long.toString(r.messageSubscriptionKey()))
          .key("messageSubscriptionKey", MessageSubscriptionRecord::messageSubscriptionKey)
          .string("processDefinitionId", MessageSubscriptionRecord::bpmnProcessId)
          .key("processDefinitionKey", MessageSubscriptionRecord::processDefinitionKey)
          .key("processInstanceKey", MessageSubscriptionRecord::processInstanceKey)
          .string("elementId", MessageSubscriptionRecord::elementId)
          .key("elementInstanceKey", MessageSubscriptionRecord::elementInstanceKey)
          .string("messageSubscriptionState", MessageSubscriptionRecord::state)
          .date("lastUpdatedDate", MessageSubscriptionRecord::lastUpdatedDate)
          .string("messageName", MessageSubscriptionRecord::messageName)
          .string("correlationKey", MessageSubscriptionRecord::correlationKey)
          .string("tenantId", MessageSubscriptionRecord::tenantId)
          .sortable(
              "messageSubscriptionKey",
              "processDefinitionId",
              "processInstanceKey",
              "elementId",
              "elementInstanceKey",
              "messageSubscriptionState",
              "lastUpdatedDate",
              "messageName",
              "correlationKey",
              "tenantId")
          .build();

  @Override
  public SearchSchema<MessageSubscriptionRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<MessageSubscriptionRecord> candidates(ReadModel readModel, JsonNode filter) {
    return readModel.messageSubscriptions();
  }

  @Override
  public MessageSubscriptionResult render(MessageSubscriptionRecord r) {
    return new MessageSubscriptionResult(
        r.messageSubscriptionKey(),
        r.bpmnProcessId(),
        r.processDefinitionKey(),
        r.processInstanceKey(),
        r.elementId(),
        r.elementInstanceKey(),
        r.state() == null ? null : r.state().name(),
        WebJson.instant(r.lastUpdatedDate()),
        r.messageName(),
        r.correlationKey(),
        r.tenantId());
  }
}
