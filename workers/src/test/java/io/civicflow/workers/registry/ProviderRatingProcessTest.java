package io.civicflow.workers.registry;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.Incident;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchTestServer;
import io.civicflow.workers.registry.elasticsearch.RegistryIndices;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The third-party evaluation (DOMAIN.md §1 steps 5–8) on the embedded engine with the real workers
 * and the registry on the test JVM's real Elasticsearch: the provider's dynamic rating (§5) and the
 * analyst API move with each evaluation, and an Elasticsearch outage in the middle loses nothing
 * and writes nothing twice.
 */
@EmbeddedEngineProcessTest
class ProviderRatingProcessTest {

  private static final String CONTRACT = "KS-2016-ZP-Y1";
  private static final String PROVIDER = "ORG-ZP-SUNSHINE";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTestContext;
  @Autowired private ContractRecords contracts;
  @Autowired private ProviderRegistry registry;
  @Autowired private Outbox outbox;
  @LocalServerPort private int port;

  private final ElasticsearchTestServer elasticsearch = ElasticsearchTestServer.shared();

  @BeforeEach
  void deployAndStartFromAnEmptyRegistry() {
    elasticsearch.clearRegistry();
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("processes/evaluation-grade.dmn")
        .addResourceFromClasspath("processes/third-party-evaluation.bpmn")
        // its forms are bound to the deployment: they are deployed with it
        .addResourceFromClasspath("forms/evaluation-expert-scoring.form")
        .addResourceFromClasspath("forms/evaluation-purchaser-scoring.form")
        .addResourceFromClasspath("forms/evaluation-resident-satisfaction.form")
        .addResourceFromClasspath("forms/evaluation-two-way-rating.form")
        .addResourceFromClasspath("forms/evaluation-confirmation.form")
        .send()
        .join();
    contracts.recordContract(
        ContractEntry.signed(
            CONTRACT,
            "KSCG-2016-ZP",
            "ZP",
            "张浦镇",
            2016,
            PROVIDER,
            "昆山市阳光社工服务社",
            80_000_000L,
            Instant.parse("2016-08-30T02:00:00Z")));
  }

  private ProcessInstanceEvent evaluate(int year, String kind) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("third-party-evaluation")
        .latestVersion()
        .variables(
            Map.of(
                "contractNo",
                CONTRACT,
                "providerOrgId",
                PROVIDER,
                "unitCode",
                "ZP",
                "evaluatorOrgId",
                "52320583MJ5000101X",
                "milestone",
                Map.of(
                    "year",
                    year,
                    "kind",
                    kind,
                    "tranche",
                    2,
                    "evaluationDate",
                    "2017-03-15",
                    "renewalDeadline",
                    ""),
                "evaluationWeights",
                Map.of("expert", 60, "purchaser", 20, "resident", 20, "twoWay", 0)))
        .send()
        .join();
  }

  /**
   * Expert blocks sum to {@code expert}; the weighted total is 0.6·expert + 0.2·(district +
   * residents).
   */
  private void score(int expert, int district, int residents) {
    processTestContext.completeUserTask(
        "Task_ExpertScoring",
        Map.of(
            "management", expert - 60,
            "outputs", 20,
            "outcomes", 20,
            "finance", 15,
            "innovation", 5,
            "expertComments", "台账完整"));
    processTestContext.completeUserTask(
        "Task_PurchaserScoring", Map.of("purchaserScore", district, "purchaserComments", "配合良好"));
    processTestContext.completeUserTask(
        "Task_ResidentSatisfaction",
        Map.of("residentSatisfaction", residents, "respondents", 30, "residentFeedback", "满意"));
  }

  /** The last part, then the bureau confirms the result, and the report goes out. */
  private void rateTheDistrict() {
    processTestContext.completeUserTask(
        "Task_TwoWayRating", Map.of("twoWayRating", 80, "twoWayComments", "场地支持到位"));
    processTestContext.completeUserTask(
        "Task_ConfirmEvaluationResult",
        Map.of("evaluationConfirmation", Map.of("reportChecked", true)));
  }

  @Test
  void eachEvaluationMovesTheProvidersRatingAndTheAnalystsSeeIt() throws Exception {
    assertThat(get("/api/analytics/providers/" + PROVIDER).path("currentRating").isNull()).isTrue();
    assertThat(get("/api/analytics/providers/ranking")).isEmpty();

    // mid-term: (85·60 + 90·20 + 95·20) / 100 = 88.0 → 良好
    ProcessInstanceEvent midterm = evaluate(1, "MIDTERM");
    score(85, 90, 95);
    rateTheDistrict();

    assertThat(midterm)
        .isCompleted()
        .hasCompletedElements("Task_PublishReport")
        .hasVariable("grade", "良好")
        .hasVariable("passed", true);
    assertThat(registry.currentRating(PROVIDER).orElseThrow().rating())
        .isEqualByComparingTo("85.0");
    JsonNode card = get("/api/analytics/providers/" + PROVIDER);
    assertThat(card.path("currentRating").path("rating").decimalValue())
        .isEqualByComparingTo("85.0");
    assertThat(card.path("evaluations").asLong()).isEqualTo(1);
    assertThat(card.path("contracts").get(0).path("district").asText()).isEqualTo("张浦镇");

    // annual: (70·60 + 70·20 + 70·20) / 100 = 70.0 → 合格; the rating is the mean of 85 and 70
    ProcessInstanceEvent annual = evaluate(1, "ANNUAL");
    score(70, 70, 70);
    rateTheDistrict();

    assertThat(annual).isCompleted().hasVariable("grade", "合格");
    JsonNode after = get("/api/analytics/providers/" + PROVIDER);
    assertThat(after.path("currentRating").path("rating").decimalValue())
        .isEqualByComparingTo("77.5");
    assertThat(after.path("ratingHistory")).hasSize(2);
    JsonNode ranking = get("/api/analytics/providers/ranking");
    assertThat(ranking).hasSize(1);
    assertThat(ranking.get(0).path("providerOrgId").asText()).isEqualTo(PROVIDER);
    assertThat(ranking.get(0).path("rating").decimalValue()).isEqualByComparingTo("77.5");
    JsonNode grades =
        get("/api/analytics/evaluations/grade-distribution?providerOrgId=" + PROVIDER);
    assertThat(grades.findValuesAsText("grade")).containsExactlyInAnyOrder("合格", "良好");
    JsonNode byDistrict = get("/api/analytics/contracts?district=张浦镇");
    assertThat(byDistrict.get(0).path("contracts").asLong()).isEqualTo(1);
    assertThat(byDistrict.get(0).path("state").asText()).isEqualTo("SIGNED");
  }

  @Test
  void elasticsearchDownMidEvaluationRaisesAnIncidentAndTheRetryWritesEachRecordOnce()
      throws Exception {
    ProcessInstanceEvent midterm = evaluate(1, "MIDTERM");
    score(85, 90, 95);

    elasticsearch.stop();
    try {
      // the last score lets the report job run: it fails, is retried after a back-off, and
      // becomes an incident when its five retries are used up
      rateTheDistrict();
      Incident incident =
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> incidentOf(midterm), found -> found != null);
      assertThat(incident.getErrorMessage()).contains("Elasticsearch unavailable");
      assertThat(midterm).isActive().hasActiveIncidents();
    } finally {
      elasticsearch.start();
    }

    Incident incident = incidentOf(midterm);
    client.newUpdateRetriesCommand(incident.getJobKey()).retries(3).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(midterm).isCompleted().hasNoActiveIncidents().hasVariable("grade", "良好");
    String id = "evaluation:" + CONTRACT + ":Y1:MIDTERM";
    ElasticsearchDocumentStore store = elasticsearch.registryStore();
    RegistryIndices.ALL.forEach(index -> store.refresh(index.alias()));
    assertThat(store.countByTerm(RegistryIndices.EVALUATIONS.alias(), "entryId", id)).isEqualTo(1);
    assertThat(store.countByTerm(RegistryIndices.RATINGS.alias(), "providerOrgId", PROVIDER))
        .isEqualTo(1);
    assertThat(store.countByTerm(RegistryIndices.OUTBOX.alias(), "businessKey", CONTRACT))
        .isEqualTo(2);
    assertThat(outbox.find("report.evaluation", CONTRACT))
        .extracting(message -> message.messageId())
        .containsExactlyInAnyOrder(id + ":provider", id + ":district-office");
    assertThat(registry.evaluationsOf(PROVIDER)).hasSize(1);
    assertThat(registry.currentRating(PROVIDER).orElseThrow().rating())
        .isEqualByComparingTo(new BigDecimal("85.0"));
  }

  private Incident incidentOf(ProcessInstanceEvent instance) {
    List<Incident> incidents =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
            .send()
            .join()
            .items();
    return incidents.isEmpty() ? null : incidents.get(0);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + encode(path))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String path) {
    return path.replace(
        "张浦镇", java.net.URLEncoder.encode("张浦镇", java.nio.charset.StandardCharsets.UTF_8));
  }
}
