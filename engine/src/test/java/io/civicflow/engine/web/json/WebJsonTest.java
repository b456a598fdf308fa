package io.civicflow.engine.web.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.web.error.Problem;
import io.civicflow.engine.web.support.Fixtures;
import io.civicflow.engine.web.support.StubEngine;
import io.civicflow.engine.web.v2.JobController.ActivatedJobResult;
import io.civicflow.engine.web.v2.JobController.JobActivationRequest;
import io.civicflow.engine.web.v2.ProcessInstanceSearch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON dialect: keys as strings, millisecond UTC dates, no nulls, lenient and precise input.
 */
class WebJsonTest {

  private final ObjectMapper json = WebJson.newObjectMapper();

  @Test
  void shouldWriteTheProblemBodyWithCamundaFieldNames() throws Exception {
    Problem problem =
        Problem.of("NOT_FOUND", 404, "Job with key '1' not found", "/v2/jobs/1/completion");
    assertThat(json.writeValueAsString(problem))
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"NOT_FOUND\",\"status\":404,\"detail\":\"Job with"
                + " key '1' not found\",\"instance\":\"/v2/jobs/1/completion\"}");
  }

  @Test
  void shouldWriteEveryKeyAsAStringAndOmitNulls() throws Exception {
    var result =
        ProcessInstanceSearch.INSTANCE.render(
            Fixtures.instance(
                2251799813685251L,
                "order",
                io.civicflow.engine.query.Records.ProcessInstanceState.ACTIVE,
                Fixtures.T0,
                List.of()));
    JsonNode tree = json.readTree(json.writeValueAsString(result));
    assertThat(tree.get("processInstanceKey").isTextual()).isTrue();
    assertThat(tree.get("processInstanceKey").asText()).isEqualTo("2251799813685251");
    assertThat(tree.get("processDefinitionKey").asText()).isEqualTo("100");
    assertThat(tree.get("processDefinitionVersion").isInt()).isTrue();
    assertThat(tree.has("endDate")).isFalse();
    assertThat(tree.has("parentProcessInstanceKey")).isFalse();
    assertThat(tree.has("processDefinitionVersionTag")).isFalse();
    assertThat(tree.get("tags").isArray()).isTrue();
  }

  @Test
  void shouldWriteDatesAsUtcWithExactlyThreeFractionDigits() throws Exception {
    assertThat(json.writeValueAsString(Instant.ofEpochMilli(Fixtures.T0)))
        .isEqualTo("\"2023-03-29T20:08:07.171Z\"");
    assertThat(json.writeValueAsString(Instant.ofEpochMilli(1_680_120_487_000L)))
        .isEqualTo("\"2023-03-29T20:08:07.000Z\"");
    assertThat(WebJson.formatDate(0L)).isEqualTo("1970-01-01T00:00:00.000Z");
  }

  @Test
  void shouldKeepNullVariablesAndNumbersAsTheyAre() throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("nothing", null);
    variables.put("amount", new BigDecimal("1E+3"));
    ActivatedJob job = StubEngine.job(2251799813685270L, "work", variables);
    JsonNode tree =
        json.readTree(
            json.writeValueAsString(io.civicflow.engine.web.v2.JobController.render(job)));
    assertThat(tree.get("jobKey").asText()).isEqualTo("2251799813685270");
    assertThat(tree.get("elementInstanceKey").isTextual()).isTrue();
    assertThat(tree.get("deadline").isIntegralNumber()).isTrue();
    assertThat(tree.get("retries").isInt()).isTrue();
    assertThat(tree.get("variables").has("nothing")).isTrue();
    assertThat(tree.get("variables").get("nothing").isNull()).isTrue();
    assertThat(json.writeValueAsString(Map.of("v", new BigDecimal("1E+3"))))
        .isEqualTo("{\"v\":1000}");
  }

  @Test
  void shouldReadInt64AsNumbersOrNumericStringsAndIgnoreUnknownProperties() throws Exception {
    JobActivationRequest fromNode =
        json.readValue(
            "{\"type\":\"work\",\"worker\":\"node\",\"timeout\":\"30000\",\"maxJobsToActivate\":1,"
                + "\"requestTimeout\":\"2000\",\"somethingNew\":{\"x\":1}}",
            JobActivationRequest.class);
    assertThat(fromNode.timeout()).isEqualTo(30000L);
    assertThat(fromNode.requestTimeout()).isEqualTo(2000L);
    JobActivationRequest fromJava =
        json.readValue(
            "{\"type\":\"work\",\"timeout\":300000,\"maxJobsToActivate\":32,\"fetchVariable\":[\"x\"]}",
            JobActivationRequest.class);
    assertThat(fromJava.fetchVariable()).containsExactly("x");
  }

  @Test
  void shouldReadFractionsAsBigDecimalKeepingTheirScale() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = json.readValue("{\"price\":1.10,\"count\":3}", Map.class);
    assertThat(variables.get("price")).isEqualTo(new BigDecimal("1.10"));
    assertThat(variables.get("count")).isEqualTo(3);
    assertThat(json.writeValueAsString(variables)).contains("\"price\":1.10");
  }

  @Test
  void shouldServeOnlyTheWebLayersOwnTypes() {
    assertThat(WebJsonHttpMessageConverter.isWebType(ActivatedJobResult.class)).isTrue();
    assertThat(WebJsonHttpMessageConverter.isWebType(Problem.class)).isTrue();
    assertThat(WebJsonHttpMessageConverter.isWebType(Map.class)).isFalse();
    assertThat(WebJsonHttpMessageConverter.isWebType(ActivatedJob.class)).isFalse();
  }
}
