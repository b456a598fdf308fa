package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
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
 * {@code POST /v2/element-instances/search}: Camunda's ElementInstanceFilter. Ties (many elements
 * start in the same millisecond) are broken by creation order ({@code position}), which CPT's
 * {@code hasCompletedElementsInOrder} relies on. {@code elementInstanceScopeKey} selects the direct
 * children of a process or element instance.
 */
public final class ElementInstanceSearch
    implements SearchResource<ElementInstanceRecord, ElementInstanceSearch.ElementInstanceResult> {

  /** Camunda's ElementInstanceResult. */
  public record ElementInstanceResult(
      String processDefinitionId,
      Instant startDate,
      Instant endDate,
      String elementId,
      String elementName,
      String type,
      String state,
      boolean hasIncident,
      String tenantId,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      Long incidentKey) {}

  public static final ElementInstanceSearch INSTANCE = new ElementInstanceSearch();

  private static final SearchSchema<ElementInstanceRecord> SCHEMA =
      SearchSchema.<ElementInstanceRecord>builder(
              "element-instances",
              Comparator.comparingLong(ElementInstanceRecord::position),
              r -> Long.toString(r.elementInstanceKey()))
          .string("processDefinitionId", ElementInstanceRecord::bpmnProcessId)
          .string("state", ElementInstanceRecord::state)
          .string("type", ElementInstanceRecord::type)
          .string("elementId", ElementInstanceRecord::elementId)
          .string("elementName", ElementInstanceRecord::elementName)
          .bool("hasIncident", ElementInstanceRecord::hasIncident)
          .string("tenantId", ElementInstanceRecord::tenantId)
          .key("elementInstanceKey", ElementInstanceRecord::elementInstanceKey)
          .key("processInstanceKey", ElementInstanceRecord::processInstanceKey)
          .key("processDefinitionKey", ElementInstanceRecord::processDefinitionKey)
          .key("incidentKey", ElementInstanceRecord::incidentKey)
          .date("startDate", ElementInstanceRecord::startDate)
          .date("endDate", ElementInstanceRecord::endDate)
          .key("elementInstanceScopeKey", ElementInstanceRecord::flowScopeKey)
          .sortable(
              "elementInstanceKey",
              "processInstanceKey",
              "processDefinitionKey",
              "processDefinitionId",
              "startDate",
              "endDate",
              "elementId",
              "elementName",
              "type",
              "state",
              "incidentKey",
              "tenantId")
          .build();

  @Override
  public SearchSchema<ElementInstanceRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<ElementInstanceRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong elementInstanceKey = Searcher.pinnedKey(filter, "elementInstanceKey");
    if (elementInstanceKey.isPresent()) {
      return readModel
          .elementInstance(elementInstanceKey.getAsLong())
          .map(List::of)
          .orElse(List.of());
    }
    return Searcher.byPinnedKeys(
        filter, "processInstanceKey", readModel::elementInstancesOf, readModel::elementInstances);
  }

  @Override
  public ElementInstanceResult render(ElementInstanceRecord r) {
    return of(r);
  }

  static ElementInstanceResult of(ElementInstanceRecord r) {
    return new ElementInstanceResult(
        r.bpmnProcessId(),
        WebJson.instant(r.startDate()),
        WebJson.instant(r.endDate()),
        r.elementId(),
        r.elementName(),
        r.type(),
        r.state() == null ? null : r.state().name(),
        r.hasIncident(),
        r.tenantId(),
        r.elementInstanceKey(),
        r.processInstanceKey(),
        r.processDefinitionKey(),
        r.incidentKey());
  }
}
