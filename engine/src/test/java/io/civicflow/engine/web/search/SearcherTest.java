package io.civicflow.engine.web.search;

import static io.civicflow.engine.query.Records.ElementInstanceState.ACTIVE;
import static io.civicflow.engine.query.Records.ElementInstanceState.COMPLETED;
import static io.civicflow.engine.web.support.Fixtures.T0;
import static io.civicflow.engine.web.support.Fixtures.definition;
import static io.civicflow.engine.web.support.Fixtures.element;
import static io.civicflow.engine.web.support.Fixtures.incident;
import static io.civicflow.engine.web.support.Fixtures.instance;
import static io.civicflow.engine.web.support.Fixtures.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.query.Records.IncidentState;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.support.InMemoryReadModel;
import io.civicflow.engine.web.v2.ElementInstanceSearch;
import io.civicflow.engine.web.v2.ElementInstanceSearch.ElementInstanceResult;
import io.civicflow.engine.web.v2.IncidentSearch;
import io.civicflow.engine.web.v2.ProcessDefinitionSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch.ProcessInstanceResult;
import io.civicflow.engine.web.v2.VariableSearch;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one search mechanism (filter, sort, page) over hand-made records, without Spring. */
class SearcherTest {

  private static final ObjectMapper JSON = WebJson.newObjectMapper();

  private final InMemoryReadModel readModel = new InMemoryReadModel();

  @BeforeEach
  void givenInstances() {
    readModel.processInstances.add(
        instance(11, "order", ProcessInstanceState.ACTIVE, T0, List.of("a", "b")));
    readModel.processInstances.add(
        instance(12, "order", ProcessInstanceState.COMPLETED, T0 + 10, List.of("a")));
    readModel.processInstances.add(
        instance(13, "invoice", ProcessInstanceState.TERMINATED, T0 + 20, List.of()));
    readModel.processInstances.add(
        instance(14, "order-v2", ProcessInstanceState.ACTIVE, T0 + 20, List.of()));
  }

  @Test
  void shouldTreatPlainScalarAndEqObjectAlike() {
    assertThat(instanceKeys("{\"filter\":{\"processDefinitionId\":\"order\"}}"))
        .containsExactly(11L, 12L);
    assertThat(
            instanceKeys(
                "{\"filter\":{\"processDefinitionId\":{\"$eq\":\"order\",\"$in\":[],\"$notIn\":[]}}}"))
        .containsExactly(11L, 12L);
  }

  @Test
  void shouldIgnoreEmptyListsAndEmptyObjectsAsNoConstraint() {
    String javaClientFilter =
        "{\"sort\":[],\"filter\":{\"tags\":[],\"variables\":[],\"$or\":[],\"state\":{\"$in\":[]},"
            + "\"processInstanceKey\":{\"$in\":[],\"$notIn\":[]},\"batchOperationId\":{}},\"page\":{}}";
    assertThat(instanceKeys(javaClientFilter)).containsExactly(11L, 12L, 13L, 14L);
  }

  @Test
  void shouldMatchKeysGivenAsStringsOrNumbers() {
    assertThat(instanceKeys("{\"filter\":{\"processInstanceKey\":\"12\"}}")).containsExactly(12L);
    assertThat(instanceKeys("{\"filter\":{\"processInstanceKey\":{\"$eq\":12}}}"))
        .containsExactly(12L);
    assertThat(instanceKeys("{\"filter\":{\"processInstanceKey\":{\"$in\":[\"11\",\"13\"]}}}"))
        .containsExactly(11L, 13L);
    assertThat(instanceKeys("{\"filter\":{\"processInstanceKey\":{\"$notIn\":[\"11\",\"13\"]}}}"))
        .containsExactly(12L, 14L);
  }

  @Test
  void shouldApplyNeqExistsAndIn() {
    assertThat(instanceKeys("{\"filter\":{\"state\":{\"$neq\":\"ACTIVE\"}}}"))
        .containsExactly(12L, 13L);
    assertThat(instanceKeys("{\"filter\":{\"endDate\":{\"$exists\":false}}}"))
        .containsExactly(11L, 14L);
    assertThat(instanceKeys("{\"filter\":{\"endDate\":{\"$exists\":true}}}"))
        .containsExactly(12L, 13L);
    assertThat(instanceKeys("{\"filter\":{\"state\":{\"$in\":[\"COMPLETED\",\"TERMINATED\"]}}}"))
        .containsExactly(12L, 13L);
  }

  @Test
  void shouldMatchLikeWithWildcardsAndEscapes() {
    assertThat(instanceKeys("{\"filter\":{\"processDefinitionId\":{\"$like\":\"ord*\"}}}"))
        .containsExactly(11L, 12L, 14L);
    assertThat(instanceKeys("{\"filter\":{\"processDefinitionId\":{\"$like\":\"?rder\"}}}"))
        .containsExactly(11L, 12L);
    assertThat(Conditions.like("a\\*b").matcher("a*b").matches()).isTrue();
    assertThat(Conditions.like("a\\*b").matcher("axb").matches()).isFalse();
    assertThat(Conditions.like("a.b").matcher("axb").matches()).isFalse();
    assertThat(Conditions.like("*").matcher("multi\nline").matches()).isTrue();
  }

  @Test
  void shouldCompareDatesAsInstants() {
    assertThat(instanceKeys("{\"filter\":{\"startDate\":{\"$gt\":\"2023-03-29T20:08:07.171Z\"}}}"))
        .containsExactly(12L, 13L, 14L);
    assertThat(
            instanceKeys(
                "{\"filter\":{\"startDate\":{\"$gte\":\"2023-03-29T22:08:07.171+02:00\",\"$lt\":\"2023-03-29T20:08:07.191Z\"}}}"))
        .containsExactly(11L, 12L);
  }

  @Test
  void shouldFilterByAllTags() {
    assertThat(instanceKeys("{\"filter\":{\"tags\":[\"a\"]}}")).containsExactly(11L, 12L);
    assertThat(instanceKeys("{\"filter\":{\"tags\":[\"a\",\"b\"]}}")).containsExactly(11L);
  }

  @Test
  void shouldFilterByInstanceVariablesAsJsonText() {
    readModel.variables.add(variable(21, 11, "amount", "42"));
    readModel.variables.add(variable(22, 12, "amount", "7"));
    readModel.variables.add(variable(23, 12, "status", "\"open\""));
    assertThat(
            instanceKeys("{\"filter\":{\"variables\":[{\"name\":\"amount\",\"value\":\"42\"}]}}"))
        .containsExactly(11L);
    assertThat(
            instanceKeys(
                "{\"filter\":{\"variables\":[{\"name\":\"amount\",\"value\":{\"$in\":[\"7\",\"8\"]}},"
                    + "{\"name\":\"status\",\"value\":{\"$eq\":\"\\\"open\\\"\"}}]}}"))
        .containsExactly(12L);
  }

  @Test
  void shouldMatchAnyOfTheOrAlternatives() {
    assertThat(
            instanceKeys(
                "{\"filter\":{\"state\":\"ACTIVE\",\"$or\":[{\"processDefinitionId\":\"order\"},"
                    + "{\"processDefinitionId\":{\"$like\":\"*-v2\"}}]}}"))
        .containsExactly(11L, 14L);
  }

  @Test
  void shouldFilterByActiveIncidentMessageAndElementInstances() {
    readModel.incidents.add(incident(31, 11, "No retries left", IncidentState.ACTIVE));
    readModel.incidents.add(incident(32, 12, "No retries left", IncidentState.RESOLVED));
    readModel.elementInstances.add(element(41, 12, "task", ACTIVE, T0, 1));
    readModel.elementInstances.add(element(42, 13, "task", COMPLETED, T0, 2));
    assertThat(instanceKeys("{\"filter\":{\"errorMessage\":{\"$like\":\"No retries*\"}}}"))
        .containsExactly(11L);
    assertThat(
            instanceKeys(
                "{\"filter\":{\"elementId\":\"task\",\"elementInstanceState\":\"ACTIVE\"}}"))
        .containsExactly(12L);
    assertThat(instanceKeys("{\"filter\":{\"elementId\":\"task\"}}")).containsExactly(12L, 13L);
  }

  @Test
  void shouldRejectNonEmptyFiltersOnUnsupportedFields() {
    assertRejected("{\"filter\":{\"noSuchField\":\"x\"}}", "noSuchField");
    assertRejected("{\"filter\":{\"hasRetriesLeft\":true}}", "hasRetriesLeft");
    assertRejected("{\"filter\":{\"startDate\":{\"$like\":\"x\"}}}", "$like");
    assertRejected("{\"filter\":{\"processInstanceKey\":\"abc\"}}", "expected a number");
    assertRejected("{\"filter\":{\"state\":{\"$near\":\"x\"}}}", "unknown operator");
    assertThat(instanceKeys("{\"filter\":{\"noSuchField\":[]}}")).hasSize(4);
  }

  @Test
  void shouldSortByRequestedFieldsThenByTieBreak() {
    assertThat(instanceKeys("{\"sort\":[{\"field\":\"startDate\",\"order\":\"DESC\"}]}"))
        .containsExactly(13L, 14L, 12L, 11L);
    assertThat(
            instanceKeys(
                "{\"sort\":[{\"field\":\"processDefinitionId\"},{\"field\":\"startDate\",\"order\":\"desc\"}]}"))
        .containsExactly(13L, 12L, 11L, 14L);
    assertThat(instanceKeys("{\"sort\":[{\"field\":\"endDate\",\"order\":\"DESC\"}]}"))
        .containsExactly(13L, 12L, 11L, 14L);
    assertRejected("{\"sort\":[{\"field\":\"variables\"}]}", "Unsupported sort field 'variables'");
    assertRejected("{\"sort\":[{\"field\":\"startDate\",\"order\":\"UP\"}]}", "Unknown sort order");
  }

  @Test
  void shouldBreakStartDateTiesByCreationPosition() {
    readModel.elementInstances.add(element(53, 11, "end", COMPLETED, T0 + 1, 3));
    readModel.elementInstances.add(element(51, 11, "start", COMPLETED, T0, 1));
    readModel.elementInstances.add(element(99, 11, "task", COMPLETED, T0 + 1, 2));
    readModel.elementInstances.add(element(60, 12, "start", COMPLETED, T0, 4));
    SearchResult<ElementInstanceResult> result =
        search(
            ElementInstanceSearch.INSTANCE,
            "{\"sort\":[{\"field\":\"startDate\",\"order\":\"ASC\"}],\"filter\":{\"processInstanceKey\":\"11\"},\"page\":{\"limit\":100}}");
    assertThat(result.items())
        .extracting(ElementInstanceResult::elementId)
        .containsExactly("start", "task", "end");
    assertThat(result.page().totalItems()).isEqualTo(3);
  }

  @Test
  void shouldPageByOffsetAndCount() {
    SearchResult<ProcessInstanceResult> page =
        search(ProcessInstanceSearch.INSTANCE, "{\"page\":{\"from\":1,\"limit\":2}}");
    assertThat(page.items())
        .extracting(ProcessInstanceResult::processInstanceKey)
        .containsExactly(12L, 13L);
    assertThat(page.page().totalItems()).isEqualTo(4);
    assertThat(page.page().hasMoreTotalItems()).isFalse();
    assertThat(search(ProcessInstanceSearch.INSTANCE, "{\"page\":{\"from\":9}}").items()).isEmpty();
    assertThat(
            search(ProcessInstanceSearch.INSTANCE, "{\"page\":{\"from\":9}}").page().startCursor())
        .isNull();
    assertRejected("{\"page\":{\"limit\":-1}}", "limit");
    assertRejected("{\"page\":{\"from\":-1}}", "from");
  }

  @Test
  void shouldPageForwardAndBackwardByCursor() {
    SearchResult<ProcessInstanceResult> first =
        search(ProcessInstanceSearch.INSTANCE, "{\"page\":{\"limit\":2}}");
    assertThat(first.items())
        .extracting(ProcessInstanceResult::processInstanceKey)
        .containsExactly(11L, 12L);

    SearchResult<ProcessInstanceResult> second =
        search(
            ProcessInstanceSearch.INSTANCE,
            "{\"page\":{\"limit\":2,\"after\":\"" + first.page().endCursor() + "\"}}");
    assertThat(second.items())
        .extracting(ProcessInstanceResult::processInstanceKey)
        .containsExactly(13L, 14L);

    SearchResult<ProcessInstanceResult> back =
        search(
            ProcessInstanceSearch.INSTANCE,
            "{\"page\":{\"limit\":1,\"before\":\"" + second.page().startCursor() + "\"}}");
    assertThat(back.items())
        .extracting(ProcessInstanceResult::processInstanceKey)
        .containsExactly(12L);

    SearchResult<ProcessInstanceResult> end =
        search(
            ProcessInstanceSearch.INSTANCE,
            "{\"page\":{\"after\":\"" + second.page().endCursor() + "\"}}");
    assertThat(end.items()).isEmpty();
    assertThat(end.page().totalItems()).isEqualTo(4);

    assertRejected("{\"page\":{\"after\":\"%%%\"}}", "Invalid page cursor");
    assertRejected(
        "{\"page\":{\"after\":\"" + first.page().endCursor() + "\",\"before\":\"x\"}}", "both");
  }

  @Test
  void shouldKeepCursorPositionWhenItsRecordHasGone() {
    SearchResult<ProcessInstanceResult> first =
        search(ProcessInstanceSearch.INSTANCE, "{\"page\":{\"limit\":2}}");
    readModel.processInstances.removeIf(r -> r.processInstanceKey() == 12L);
    SearchResult<ProcessInstanceResult> next =
        search(
            ProcessInstanceSearch.INSTANCE,
            "{\"page\":{\"limit\":2,\"after\":\"" + first.page().endCursor() + "\"}}");
    assertThat(next.items())
        .extracting(ProcessInstanceResult::processInstanceKey)
        .containsExactly(14L);
  }

  @Test
  void shouldFindTheLatestDefinitionVersions() {
    readModel.processDefinitions.add(definition(1, "order", 1));
    readModel.processDefinitions.add(definition(2, "order", 2));
    readModel.processDefinitions.add(definition(3, "invoice", 1));
    assertThat(
            search(ProcessDefinitionSearch.INSTANCE, "{\"filter\":{\"isLatestVersion\":true}}")
                .items())
        .extracting(ProcessDefinitionSearch.ProcessDefinitionResult::processDefinitionKey)
        .containsExactly(2L, 3L);
    assertThat(
            search(
                    ProcessDefinitionSearch.INSTANCE,
                    "{\"sort\":[{\"field\":\"version\",\"order\":\"DESC\"}],\"filter\":{\"processDefinitionId\":{\"$eq\":\"order\",\"$in\":[],\"$notIn\":[]}}}")
                .items())
        .extracting(ProcessDefinitionSearch.ProcessDefinitionResult::version)
        .containsExactly(2, 1);
  }

  @Test
  void shouldSearchVariablesByScopeAndValue() {
    readModel.variables.add(variable(21, 11, "amount", "42"));
    readModel.variables.add(variable(22, 12, "amount", "7"));
    var result =
        search(
            VariableSearch.INSTANCE,
            "{\"sort\":[],\"filter\":{\"scopeKey\":{\"$eq\":\"11\",\"$in\":[],\"$notIn\":[]},\"processInstanceKey\":{\"$eq\":\"11\",\"$in\":[],\"$notIn\":[]}},\"page\":{\"limit\":100}}");
    assertThat(result.items())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.value()).isEqualTo("42");
              assertThat(v.isTruncated()).isFalse();
            });
    assertThat(search(VariableSearch.INSTANCE, "{\"filter\":{\"isTruncated\":true}}").items())
        .isEmpty();
  }

  @Test
  void shouldSearchTheVariablesOfSeveralInstancesByTheirKeysAndNames() {
    readModel.variables.add(variable(21, 11, "unitCode", "\"ZP\""));
    readModel.variables.add(variable(22, 12, "unitCode", "\"ZS\""));
    readModel.variables.add(variable(23, 13, "unitCode", "\"LJ\""));
    readModel.variables.add(variable(24, 13, "amount", "7"));
    var result =
        search(
            VariableSearch.INSTANCE,
            "{\"filter\":{\"processInstanceKey\":{\"$in\":[\"13\",\"11\"]},\"name\":{\"$in\":[\"unitCode\"]}},\"page\":{\"limit\":100}}");
    assertThat(result.items())
        .extracting(VariableSearch.VariableResult::value)
        .containsExactly("\"ZP\"", "\"LJ\"");
    assertThat(result.page().totalItems()).isEqualTo(2);
  }

  @Test
  void shouldSearchIncidentsWithPlainTypedFilter() {
    readModel.incidents.add(incident(31, 11, "boom", IncidentState.ACTIVE));
    readModel.incidents.add(incident(32, 12, "boom", IncidentState.RESOLVED));
    var result =
        search(
            IncidentSearch.INSTANCE,
            "{\"sort\":[{\"field\":\"creationTime\",\"order\":\"ASC\"}],\"filter\":{\"processInstanceKey\":\"12\"},\"page\":{\"limit\":100}}");
    assertThat(result.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.incidentKey()).isEqualTo(32L);
              assertThat(i.state()).isEqualTo("RESOLVED");
              assertThat(i.errorType()).isEqualTo("JOB_NO_RETRIES");
            });
  }

  @Test
  void shouldTreatAMissingQueryAsEverything() {
    assertThat(Searcher.search(ProcessInstanceSearch.INSTANCE, null, readModel).items()).hasSize(4);
  }

  private List<Long> instanceKeys(String query) {
    return search(ProcessInstanceSearch.INSTANCE, query).items().stream()
        .map(ProcessInstanceResult::processInstanceKey)
        .toList();
  }

  private <R, D> SearchResult<D> search(SearchResource<R, D> resource, String query) {
    try {
      return Searcher.search(resource, JSON.readValue(query, SearchQuery.class), readModel);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void assertRejected(String query, String messagePart) {
    assertThatThrownBy(() -> search(ProcessInstanceSearch.INSTANCE, query))
        .isInstanceOfSatisfying(
            EngineRejection.class,
            e -> assertThat(e.type()).isEqualTo(RejectionType.INVALID_ARGUMENT))
        .hasMessageContaining(messagePart);
  }
}
