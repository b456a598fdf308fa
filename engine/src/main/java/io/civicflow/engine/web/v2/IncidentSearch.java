package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code POST /v2/incidents/search}: Camunda's IncidentFilter; every filter field is also a sort
 * field.
 */
public final class IncidentSearch
    implements SearchResource<IncidentRecord, IncidentSearch.IncidentResult> {

  /** Camunda's IncidentResult. */
  public record IncidentResult(
      String processDefinitionId,
      String errorType,
      String errorMessage,
      String elementId,
      Instant creationTime,
      String state,
      String tenantId,
      long incidentKey,
      long processDefinitionKey,
      long processInstanceKey,
      long elementInstanceKey,
      Long jobKey) {}

  public static final IncidentSearch INSTANCE = new IncidentSearch();

  private static final SearchSchema<IncidentRecord> SCHEMA =
      SearchSchema.<IncidentRecord>builder(
              "incidents",
              Comparator.comparingLong(IncidentRecord::incidentKey),
              r -> Long.toString(r.incidentKey()))
          .string("processDefinitionId", IncidentRecord::bpmnProcessId)
          .string("errorType", IncidentRecord::errorType)
          .string("errorMessage", IncidentRecord::errorMessage)
          .string("elementId", IncidentRecord::elementId)
          .date("creationTime", IncidentRecord::creationTime)
          .string("state", IncidentRecord::state)
          .string("tenantId", IncidentRecord::tenantId)
          .key("incidentKey", IncidentRecord::incidentKey)
          .key("processDefinitionKey", IncidentRecord::processDefinitionKey)
          .key("processInstanceKey", IncidentRecord::processInstanceKey)
          .key("elementInstanceKey", IncidentRecord::elementInstanceKey)
          .key("jobKey", IncidentRecord::jobKey)
          .sortable(
              "incidentKey",
              "processDefinitionKey",
              "processDefinitionId",
              "processInstanceKey",
              "errorType",
              "errorMessage",
              "elementId",
              "elementInstanceKey",
              "creationTime",
              "state",
              "jobKey",
              "tenantId")
          .stored(
              HistoryKind.INCIDENT,
              ReadModel::incidents,
              (readModel, id) -> readModel.incident(Long.parseLong(id)),
              r -> true)
          .storedAs("incidentKey", HistoryField.KEY)
          .storedAs("processDefinitionId", HistoryField.PROCESS)
          .storedAs("processDefinitionKey", HistoryField.DEFINITION_KEY)
          .storedAs("state", HistoryField.STATE)
          .storedAs("tenantId", HistoryField.TENANT)
          .storedAs("creationTime", HistoryField.START)
          .storedAs("processInstanceKey", HistoryField.PARENT)
          .build();

  @Override
  public SearchSchema<IncidentRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<IncidentRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong incidentKey = Searcher.pinnedKey(filter, "incidentKey");
    return incidentKey.isPresent()
        ? readModel.incident(incidentKey.getAsLong()).map(List::of).orElse(List.of())
        : Searcher.byPinnedKeys(
            filter, "processInstanceKey", readModel::incidentsOf, readModel::incidents);
  }

  @Override
  public boolean selective(JsonNode filter) {
    return Searcher.pinnedKey(filter, "incidentKey").isPresent()
        || Searcher.pinnedKeys(filter, "processInstanceKey").isPresent();
  }

  @Override
  public IncidentResult render(IncidentRecord r) {
    return of(r);
  }

  static IncidentResult of(IncidentRecord r) {
    return new IncidentResult(
        r.bpmnProcessId(),
        r.errorType(),
        r.errorMessage(),
        r.elementId(),
        WebJson.instant(r.creationTime()),
        r.state() == null ? null : r.state().name(),
        r.tenantId(),
        r.incidentKey(),
        r.processDefinitionKey(),
        r.processInstanceKey(),
        r.elementInstanceKey(),
        r.jobKey());
  }
}
